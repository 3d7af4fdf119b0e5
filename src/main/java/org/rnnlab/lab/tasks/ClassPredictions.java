package org.rnnlab.lab.tasks;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.datavec.SequenceIterators;

/**
 * Many-to-one class predictions over a whole DataVec iterator: for each example, in iterator order,
 * its true class, the softmax output at its label step (its last real step) and its length.
 * Whichever implementation trained the model, the numbers come from the same outputs through the
 * same code, and {@link #scores()} hands them to DL4J's own {@link Evaluation}.
 */
public final class ClassPredictions {

    /** ND4J's LossMCXENT clips probabilities to [this, 1 − this] before the logarithm. */
    static final double PROBABILITY_CLIP = 1e-10;

    private final int[] actual;
    private final double[][] probabilities;
    private final int[] steps;

    /**
     * @param actual        the true class of each example
     * @param probabilities each example's output, one value per class
     * @param steps         each example's number of time steps
     */
    public ClassPredictions(int[] actual, double[][] probabilities, int[] steps) {
        if (actual.length != probabilities.length || actual.length != steps.length || actual.length == 0) {
            throw new IllegalArgumentException("need one class, one output and one length per example, and at least"
                    + " one example: got " + actual.length + ", " + probabilities.length + ", " + steps.length);
        }
        int classes = probabilities[0].length;
        for (int i = 0; i < actual.length; i++) {
            if (probabilities[i].length != classes || actual[i] < 0 || actual[i] >= classes) {
                throw new IllegalArgumentException("example " + i + ": class " + actual[i] + " with "
                        + probabilities[i].length + " outputs; expected a class in 0.." + (classes - 1)
                        + " and " + classes + " outputs");
            }
        }
        this.actual = actual.clone();
        this.probabilities = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            this.probabilities[i] = probabilities[i].clone();
        }
        this.steps = steps.clone();
    }

    /**
     * Runs the model over every minibatch of {@code data} (from a cleared state, with the feature
     * mask) and keeps each example's output at the step its label sits on.
     */
    public static ClassPredictions collect(SequenceModel model, DataSetIterator data) {
        List<Integer> actual = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray mask = batch.getLabelsMaskArray();
            INDArray output = SequenceIterators.lastStep(model.output(batch.getFeatures(),
                    batch.getFeaturesMaskArray()), mask);
            INDArray labels = SequenceIterators.lastStep(batch.getLabels(), mask);
            for (int i = 0; i < output.size(0); i++) {
                actual.add(labels.getRow(i).argMax().getInt(0));
                probabilities.add(output.getRow(i).toDoubleVector());
                steps.add(length(mask, i, (int) batch.getFeatures().size(2)));
            }
        }
        return new ClassPredictions(actual.stream().mapToInt(Integer::intValue).toArray(),
                probabilities.toArray(double[][]::new), steps.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Steps up to and including the last one the label mask keeps (ALIGN_END puts the label there). */
    private static int length(INDArray labelMask, int example, int steps) {
        if (labelMask == null) {
            return steps;
        }
        for (int t = steps - 1; t >= 0; t--) {
            if (labelMask.getDouble(example, t) != 0.0) {
                return t + 1;
            }
        }
        return 0;
    }

    public int size() {
        return actual.length;
    }

    public int classes() {
        return probabilities[0].length;
    }

    /** The true class of example {@code i}. */
    public int actual(int i) {
        return actual[i];
    }

    /** The class with the highest output (the first of equal ones, as ND4J's argMax). */
    public int predicted(int i) {
        double[] p = probabilities[i];
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The output of example {@code i} for class {@code k}. */
    public double probability(int i, int k) {
        return probabilities[i][k];
    }

    /** Time steps of example {@code i}. */
    public int steps(int i) {
        return steps[i];
    }

    /** Share of examples whose predicted class is their true class. */
    public double accuracy() {
        return (double) (actual.length - misclassified().size()) / actual.length;
    }

    /**
     * Mean of −ln p(true class) over the examples, p clipped as ND4J's MCXENT loss does: DL4J's score
     * of the whole set as one minibatch (its label mask keeps one step per example).
     */
    public double crossEntropy() {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double p = Math.min(Math.max(probabilities[i][actual[i]], PROBABILITY_CLIP), 1 - PROBABILITY_CLIP);
            sum -= Math.log(p);
        }
        return sum / actual.length;
    }

    /** Examples whose predicted class is not their true class, in order. */
    public List<Integer> misclassified() {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) {
            if (predicted(i) != actual[i]) {
                wrong.add(i);
            }
        }
        return wrong;
    }

    /** DL4J's {@link Evaluation} fed with these outputs and true classes. */
    public Evaluation evaluation() {
        int classes = classes();
        INDArray labels = Nd4j.zeros(actual.length, classes);
        for (int i = 0; i < actual.length; i++) {
            labels.putScalar(i, actual[i], 1.0);
        }
        Evaluation evaluation = new Evaluation(classes);
        evaluation.eval(labels, Nd4j.createFromArray(probabilities));
        return evaluation;
    }

    /** Accuracy, per-class precision, recall and F1, macro F1 and the confusion matrix. */
    public ClassScores scores() {
        return ClassScores.of(evaluation(), classes());
    }
}

package org.rnnlab.lab.tasks;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.datavec.SequenceIterators;

/**
 * Many-to-one predictions and their targets, collected over a whole DataVec iterator.
 *
 * @param predicted one output per example (the first output unit)
 * @param target    the matching labels
 */
public record Predictions(double[] predicted, double[] target) {

    /** Runs the model over every minibatch and reads each example's output at its label step. */
    public static Predictions manyToOne(SequenceModel model, DataSetIterator data) {
        List<Double> predicted = new ArrayList<>();
        List<Double> target = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray output = model.output(batch.getFeatures(), batch.getFeaturesMaskArray());
            INDArray last = SequenceIterators.lastStep(output, batch.getLabelsMaskArray());
            INDArray labels = SequenceIterators.lastStep(batch.getLabels(), batch.getLabelsMaskArray());
            for (int i = 0; i < last.size(0); i++) {
                predicted.add(last.getDouble(i, 0));
                target.add(labels.getDouble(i, 0));
            }
        }
        return new Predictions(toArray(predicted), toArray(target));
    }

    /** 0.5 · mean of squared errors: the originals' loss (and DL4J's MSE score halved, for one output). */
    public double halfMeanSquaredError() {
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double error = predicted[i] - target[i];
            sum += error * error;
        }
        return 0.5 * sum / predicted.length;
    }

    /** Share of examples whose output, rounded at 0.5, equals the 0/1 target. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if ((predicted[i] >= 0.5 ? 1 : 0) == (int) Math.round(target[i])) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }

    /** 1, 2, ..., n: an x axis for plots. */
    public double[] index() {
        double[] x = new double[predicted.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

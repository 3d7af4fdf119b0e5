package org.rnnlab.lab.tasks;

import org.nd4j.evaluation.classification.Evaluation;

/**
 * The numbers of a classification, as DL4J's {@link Evaluation} computes them, per class and overall.
 *
 * <p>Macro F1 here is the mean of the per-class F1 over every class that occurs among the true
 * classes or the predictions, an undefined F1 (no example predicted, or none to find) counting as 0,
 * the common definition. DL4J's own {@code f1(EvaluationAveraging.Macro)} instead leaves out a class
 * whose precision or recall is undefined, so a network that never predicts some class would score
 * higher there for ignoring it.
 *
 * @param accuracy  share of examples whose predicted class is their true class
 * @param precision per class: of the examples predicted as that class, the share that are
 * @param recall    per class: of the examples of that class, the share predicted as such
 * @param f1        per class: the harmonic mean of precision and recall (0 when both are 0)
 * @param macroF1   see above
 * @param confusion {@code confusion[actual][predicted]}: the number of examples
 */
public record ClassScores(double accuracy, double[] precision, double[] recall, double[] f1, double macroF1,
                          int[][] confusion) {

    /** The scores of an evaluation over {@code classes} classes. */
    public static ClassScores of(Evaluation evaluation, int classes) {
        double[] precision = new double[classes];
        double[] recall = new double[classes];
        double[] f1 = new double[classes];
        int[][] confusion = new int[classes][classes];
        double f1Sum = 0;
        int occurring = 0;
        for (int k = 0; k < classes; k++) {
            precision[k] = evaluation.precision(k);
            recall[k] = evaluation.recall(k);
            f1[k] = evaluation.f1(k);
            int examples = 0;
            int predictions = 0;
            for (int other = 0; other < classes; other++) {
                confusion[k][other] = evaluation.getConfusionMatrix().getCount(k, other);
                examples += evaluation.getConfusionMatrix().getCount(k, other);
                predictions += evaluation.getConfusionMatrix().getCount(other, k);
            }
            if (examples + predictions > 0) {
                f1Sum += f1[k];
                occurring++;
            }
        }
        return new ClassScores(evaluation.accuracy(), precision, recall, f1, f1Sum / occurring, confusion);
    }
}

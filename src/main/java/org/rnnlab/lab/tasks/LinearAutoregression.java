package org.rnnlab.lab.tasks;

import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * The linear baseline of a forecast: each output an intercept plus a weighted sum of the same
 * inputs the network sees (every input column at every step of the window), fitted by ordinary least
 * squares on the training examples (Commons Math's QR-based solver). With one input column and a
 * window of p steps it is the classical AR(p) model; with a horizon above 1 it fits one such model
 * per step ahead (the direct strategy).
 */
public final class LinearAutoregression {

    /** Per output, the intercept followed by one weight per input. */
    private final double[][] coefficients;

    private LinearAutoregression(double[][] coefficients) {
        this.coefficients = coefficients;
    }

    /**
     * Fits the model.
     *
     * @param inputs  one row per training example: its window flattened
     * @param targets one row per training example: the values to forecast
     * @throws IllegalArgumentException when there are too few examples for the inputs, or the inputs
     *                                  are collinear (for instance a constant column)
     */
    public static LinearAutoregression fit(double[][] inputs, double[][] targets) {
        if (inputs.length != targets.length || inputs.length == 0) {
            throw new IllegalArgumentException("need as many target rows as input rows, and at least one; got "
                    + inputs.length + " and " + targets.length);
        }
        int features = inputs[0].length;
        if (inputs.length <= features + 1) {
            throw new IllegalArgumentException("a linear baseline with " + features + " inputs needs more than "
                    + (features + 1) + " training examples; there are " + inputs.length
                    + ": use a smaller window or a longer training span");
        }
        int outputs = targets[0].length;
        double[][] coefficients = new double[outputs][];
        for (int o = 0; o < outputs; o++) {
            double[] y = new double[targets.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = targets[i][o];
            }
            OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
            regression.newSampleData(y, inputs);
            try {
                coefficients[o] = regression.estimateRegressionParameters();
            } catch (SingularMatrixException e) {
                throw new IllegalArgumentException("the linear baseline cannot be fitted: the training inputs are "
                        + "collinear (is an input column constant over the training span?)", e);
            }
        }
        return new LinearAutoregression(coefficients);
    }

    /** The forecast of every output for one example's flattened window. */
    public double[] predict(double[] input) {
        double[] output = new double[coefficients.length];
        for (int o = 0; o < output.length; o++) {
            double[] c = coefficients[o];
            if (input.length != c.length - 1) {
                throw new IllegalArgumentException("expected " + (c.length - 1) + " inputs, got " + input.length);
            }
            double sum = c[0];
            for (int k = 0; k < input.length; k++) {
                sum += c[k + 1] * input[k];
            }
            output[o] = sum;
        }
        return output;
    }
}

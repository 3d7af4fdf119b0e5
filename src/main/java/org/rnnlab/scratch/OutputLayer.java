package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * DL4J's RnnOutputLayer: a dense layer applied at every step, ŷ_t = act(h_t·W + b), and the loss.
 * Only the label mask decides which steps count: DL4J never lets the feature mask reach the loss
 * of a MultiLayerNetwork, and a missing label mask scores every step.
 */
final class OutputLayer {

    private final ParamBlock w;
    private final ParamBlock b;
    private final int nOut;
    private final OutputLoss loss;

    /** yHats[e][t] = ŷ_t of example e. */
    private double[][][] yHats = new double[0][0][];
    /** dz = ∂L/∂z_t, reused at every step. */
    private final double[] dz;

    OutputLayer(ParamBlock w, ParamBlock b, OutputLoss loss) {
        this.w = w;
        this.b = b;
        this.nOut = b.cols();
        this.loss = loss;
        this.dz = new double[nOut];
    }

    void reserve(int miniBatch, int steps) {
        if (yHats.length < miniBatch || yHats[0].length < steps) {
            yHats = new double[miniBatch][steps][nOut];
        }
    }

    /** ŷ for every example and step of the last forward pass: [mb][steps][nOut]. */
    double[][][] yHats() {
        return yHats;
    }

    void forward(double[] params, double[][][] hs, int miniBatch, int steps) {
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                forwardStep(params, hs[e][t], yHats[e][t]);
            }
        }
    }

    /** ŷ = act(h·W + b) for one row. */
    void forwardStep(double[] params, double[] h, double[] yHat) {
        RowKernels.copyVector(params, b.offset(), nOut, yHat);
        RowKernels.addRowTimesMatrix(h, params, w.offset(), w.rows(), nOut, yHat);
        loss.activate(yHat, yHat);
    }

    /** Σ over examples and steps of labelMask · loss, for the last forward pass (not yet divided by mb). */
    double summedLoss(double[][][] labels, double[][] labelMask, int miniBatch, int steps) {
        double sum = 0;
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                double m = RecurrentLayer.maskAt(labelMask, e, t);
                if (m != 0) {
                    sum += m * loss.loss(yHats[e][t], labels[e][t]);
                }
            }
        }
        return sum;
    }

    /**
     * Adds the gradients of W and b (summed over the minibatch) into {@code grad} and writes
     * ∂L/∂h_t for the top recurrent layer into {@code dhBelow}, for the last forward pass.
     */
    void backward(double[] params, double[][][] hs, double[][][] labels, double[][] labelMask, int miniBatch,
                  int steps, double[] grad, double[][][] dhBelow) {
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                double[] dh = dhBelow[e][t];
                Arrays.fill(dh, 0, w.rows(), 0);
                double m = RecurrentLayer.maskAt(labelMask, e, t);
                if (m == 0) {
                    continue;
                }
                loss.gradient(yHats[e][t], labels[e][t], dz);
                for (int k = 0; k < nOut; k++) {
                    dz[k] *= m;
                }
                // z = h·W + b
                RowKernels.addOuter(hs[e][t], dz, grad, w.offset(), w.rows(), nOut);
                RowKernels.addVector(dz, grad, b.offset(), nOut);
                RowKernels.addRowTimesTranspose(dz, params, w.offset(), w.rows(), nOut, dh);
            }
        }
    }
}

package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * DL4J's RnnOutputLayer: a dense layer applied at every step, ŷ_t = act(h_t·W + b), and the loss.
 * Only the label mask decides which steps count: DL4J never lets the feature mask reach the loss
 * of a MultiLayerNetwork, and a missing label mask scores every step.
 *
 * <p>In float (built with {@link FloatKernels}) the layer's three products run as float matrix
 * products over every example and step at once (the weight gradient summed in float over
 * {@value #GRADIENT_ROWS} rows at a time, then in double), and ŷ is stored as float values; the
 * activation and the loss's gradient, a few operations per output, stay in double.
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

    /** Rows summed in float before the weight gradient's partial sum is added in double. */
    static final int GRADIENT_ROWS = 256;

    /** The float products, or null for double. */
    private final FloatKernels kernels;
    /** Float buffers: h of every row (e·steps + t), W row-major, z (then dz), ∂L/∂h, a gradient part. */
    private float[] hRows = new float[0];
    private float[] wRowMajor = new float[0];
    private float[] zRows = new float[0];
    private float[] dhRows = new float[0];
    private float[] gradientPart = new float[0];

    OutputLayer(ParamBlock w, ParamBlock b, OutputLoss loss) {
        this(w, b, loss, null);
    }

    /** The layer in float on {@code kernels}, or in double for null. */
    OutputLayer(ParamBlock w, ParamBlock b, OutputLoss loss, FloatKernels kernels) {
        this.w = w;
        this.b = b;
        this.nOut = b.cols();
        this.loss = loss;
        this.dz = new double[nOut];
        this.kernels = kernels;
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
        if (kernels != null) {
            forwardFloat(params, hs, miniBatch, steps);
            return;
        }
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
        if (kernels != null) {
            backwardFloat(labels, labelMask, miniBatch, steps, grad, dhBelow);
            return;
        }
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

    /** ŷ = act(H·W + b) for every row at once, in float; keeps H and W for the backward pass. */
    private void forwardFloat(double[] params, double[][][] hs, int miniBatch, int steps) {
        int n = w.rows();
        int rows = miniBatch * steps;
        if (hRows.length < rows * n) {
            hRows = new float[rows * n];
            zRows = new float[rows * nOut];
            dhRows = new float[rows * n];
        }
        if (wRowMajor.length < n * nOut) {
            wRowMajor = new float[n * nOut];
            gradientPart = new float[n * nOut];
        }
        for (int j = 0; j < nOut; j++) {
            int column = w.offset() + j * n;
            for (int i = 0; i < n; i++) {
                wRowMajor[i * nOut + j] = (float) params[column + i];
            }
        }
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                int row = e * steps + t;
                double[] h = hs[e][t];
                for (int i = 0; i < n; i++) {
                    hRows[row * n + i] = (float) h[i];
                }
                for (int j = 0; j < nOut; j++) {
                    zRows[row * nOut + j] = (float) params[b.offset() + j];
                }
            }
        }
        kernels.multiply(rows, nOut, n, hRows, 0, n, wRowMajor, 0, nOut, zRows, 0, nOut);
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                double[] yHat = yHats[e][t];
                int row = (e * steps + t) * nOut;
                for (int j = 0; j < nOut; j++) {
                    yHat[j] = zRows[row + j];
                }
                loss.activate(yHat, yHat);
                for (int j = 0; j < nOut; j++) {
                    yHat[j] = (float) yHat[j];
                }
            }
        }
    }

    /** The backward pass of {@link #forwardFloat}: dW = Hᵀ·dZ, db = Σ dZ, ∂L/∂H = dZ·Wᵀ. */
    private void backwardFloat(double[][][] labels, double[][] labelMask, int miniBatch, int steps, double[] grad,
                               double[][][] dhBelow) {
        int n = w.rows();
        int rows = miniBatch * steps;
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                int row = (e * steps + t) * nOut;
                double m = RecurrentLayer.maskAt(labelMask, e, t);
                if (m == 0) {
                    Arrays.fill(zRows, row, row + nOut, 0);
                    continue;
                }
                loss.gradient(yHats[e][t], labels[e][t], dz);
                for (int k = 0; k < nOut; k++) {
                    dz[k] *= m;
                    zRows[row + k] = (float) dz[k];
                    grad[b.offset() + k] += zRows[row + k];
                }
            }
        }
        for (int r0 = 0; r0 < rows; r0 += GRADIENT_ROWS) {
            int r1 = Math.min(rows, r0 + GRADIENT_ROWS);
            Arrays.fill(gradientPart, 0, n * nOut, 0);
            kernels.multiplyTransposedA(n, nOut, r1 - r0, hRows, r0 * n, n, zRows, r0 * nOut, nOut, gradientPart, 0,
                    nOut);
            for (int j = 0; j < nOut; j++) {
                int column = w.offset() + j * n;
                for (int i = 0; i < n; i++) {
                    grad[column + i] += gradientPart[i * nOut + j];
                }
            }
        }
        Arrays.fill(dhRows, 0, rows * n, 0);
        kernels.multiplyTransposedB(rows, n, nOut, zRows, 0, nOut, wRowMajor, 0, nOut, dhRows, 0, n);
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                double[] dh = dhBelow[e][t];
                int row = (e * steps + t) * n;
                for (int i = 0; i < n; i++) {
                    dh[i] = dhRows[row + i];
                }
            }
        }
    }
}

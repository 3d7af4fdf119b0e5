package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * The products of one recurrent layer, z = x·W + h_{−1}·RW + b, and their backward pass, for the
 * minibatch kernels: W and RW copied out of the flat parameter array as rows (forward) and as
 * columns (backward), and the weight gradients gathered column by column before they are added
 * into the flat gradient. Shared by {@link SimpleRnnLayer} and {@link LstmLayer}, whose z has
 * n and 4n columns.
 */
final class LayerWeights {

    private final ParamBlock w;
    private final ParamBlock rw;
    private final ParamBlock b;
    private final int nIn;
    private final int n;
    private final int cols;

    private final double[] bias;
    private final double[][] wRows;
    private final double[][] rwRows;
    private final double[][] wColumns;
    private final double[][] rwColumns;

    /** Gradients of W, RW (column by column) and b, summed over examples and steps. */
    private final double[][] gradW;
    private final double[][] gradRw;
    private final double[] gradB;

    /** One coefficient row per thread part: column j of ∂L/∂z over the minibatch. */
    private double[][] coefficients = new double[0][];

    LayerWeights(ParamBlock w, ParamBlock rw, ParamBlock b) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.nIn = w.rows();
        this.n = rw.rows();
        this.cols = b.cols();
        this.bias = new double[cols];
        this.wRows = new double[nIn][cols];
        this.rwRows = new double[n][cols];
        this.wColumns = new double[cols][nIn];
        this.rwColumns = new double[cols][n];
        this.gradW = new double[cols][nIn];
        this.gradRw = new double[cols][n];
        this.gradB = new double[cols];
    }

    int nIn() {
        return nIn;
    }

    int cols() {
        return cols;
    }

    /** Multiply-adds of one example's z (the work estimate for splitting a step over threads). */
    long workPerExample() {
        return (long) (nIn + n) * cols;
    }

    /** Copies W, RW and b as the forward pass reads them; call before {@link #preActivation}. */
    void loadForward(double[] params) {
        RowKernels.copyVector(params, b.offset(), cols, bias);
        RowKernels.copyRows(params, w, wRows);
        RowKernels.copyRows(params, rw, rwRows);
    }

    /** z = x·W + h_{−1}·RW + b for one example; {@code hPrevious} null means zeros. */
    void preActivation(double[] x, double[] hPrevious, double[] z) {
        System.arraycopy(bias, 0, z, 0, cols);
        RowKernels.addCombination(z, cols, x, nIn, wRows);
        if (hPrevious != null) {
            RowKernels.addCombination(z, cols, hPrevious, n, rwRows);
        }
    }

    /** Copies W and RW as the backward pass reads them and zeroes the gradient buffers. */
    void startBackward(double[] params, int miniBatch, int parts) {
        RowKernels.copyColumns(params, w, wColumns);
        RowKernels.copyColumns(params, rw, rwColumns);
        RowKernels.clear(gradW);
        RowKernels.clear(gradRw);
        Arrays.fill(gradB, 0);
        if (coefficients.length < parts || coefficients[0].length < miniBatch) {
            coefficients = new double[parts][miniBatch];
        }
    }

    /** dhPrevious = dz·RWᵀ (overwritten) for one example. */
    void toPreviousState(double[] dz, double[] dhPrevious) {
        Arrays.fill(dhPrevious, 0, n, 0);
        RowKernels.addCombination(dhPrevious, n, dz, cols, rwColumns);
    }

    /** dx = dz·Wᵀ (overwritten) for one example: what flows into the layer below. */
    void toInput(double[] dz, double[] dx) {
        Arrays.fill(dx, 0, nIn, 0);
        RowKernels.addCombination(dx, nIn, dz, cols, wColumns);
    }

    /**
     * Adds this step's gradient for the columns [from, to) of W, RW and b:
     * ∂W(:, j) += Σ_e x_e·dz_e(j), ∂RW(:, j) += Σ_e h_{−1,e}·dz_e(j), ∂b(j) += Σ_e dz_e(j).
     * Columns are independent, so parts of the column range may run on different threads.
     *
     * @param previous h_{−1} per example; previous[0] null means the step starts from zeros
     */
    void accumulate(int from, int to, int part, double[][] dz, double[][] inputs, double[][] previous,
                    int miniBatch) {
        double[] c = coefficients[part];
        for (int j = from; j < to; j++) {
            double sum = 0;
            for (int e = 0; e < miniBatch; e++) {
                c[e] = dz[e][j];
                sum += c[e];
            }
            gradB[j] += sum;
            RowKernels.addCombination(gradW[j], nIn, c, miniBatch, inputs);
            if (previous[0] != null) {
                RowKernels.addCombination(gradRw[j], n, c, miniBatch, previous);
            }
        }
    }

    /** Adds the gathered gradients of W, RW and b into the flat gradient. */
    void finishBackward(double[] grad) {
        RowKernels.addColumns(gradW, grad, w);
        RowKernels.addColumns(gradRw, grad, rw);
        RowKernels.addVector(gradB, grad, b.offset(), cols);
    }
}

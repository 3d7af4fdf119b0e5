package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * The six products of one recurrent layer, for the minibatch kernels. In the notation of the
 * reference cells ({@link SimpleRnnReference}, {@link LstmReference}), for each example at step t,
 * with z and dz = ∂L/∂z_t of n (SimpleRnn) or 4n (LSTM) columns:
 * <pre>
 *   forward    z         = x_t·W + h_{t−1}·RW + b      {@link #preActivations}
 *   backward   dx_t      = dz·Wᵀ                        {@link #toInputs} (to the layer below)
 *              dh_{t−1}  = dz·RWᵀ                       {@link #toPreviousStates} (to step t−1)
 *              dW       += x_tᵀ·dz
 *              dRW      += h_{t−1}ᵀ·dz                  {@link #addPendingGradients}, with db += dz
 * </pre>
 * A zero state h_{−1} adds nothing. W and RW are copied out of the flat parameter array as rows
 * (forward) and as columns (backward); the weight gradients are gathered column by column, over
 * the examples and {@value #PENDING_STEPS} steps at a time, before they are added into the flat
 * gradient. Shared by {@link SimpleRnnLayer}, {@link LstmLayer} and {@link GruLayer}.
 *
 * <p>A GRU keeps the input part and the recurrent part of z apart (its reset gate multiplies the
 * recurrent part of the candidate), and has a recurrent bias RB: for it the forward products are
 * {@link #inputPreActivations} (gx = x_t·W + b) and {@link #recurrentPreActivations} (gh =
 * h_{t−1}·RW + RB), and the backward pass takes two rows per example, dgx for W, b and the layer
 * below ({@link #dzRow}) and dgh for RW, RB and the previous step ({@link #recurrentDzRow}).
 *
 * <p>The minibatch forms go through the weights {@value #BLOCK} rows (or columns) at a time and
 * apply each block to every example before the next: a block stays in the core's cache while the
 * examples pass, where a whole matrix (2 MiB per layer at 256 units) would be read again from
 * memory for every example. Blocks start at multiples of four, so the sums are the same, bit for
 * bit, as without blocking.
 */
final class LayerWeights {

    /**
     * Backward steps that wait before they are added to the weight gradients: adding many steps
     * per sweep over a gradient column is what lets a minibatch of one use the four-term kernel.
     */
    static final int PENDING_STEPS = 16;

    /** Weight rows, weight columns or waiting rows applied to every example (or column) in one pass. */
    static final int BLOCK = 32;

    private final ParamBlock w;
    private final ParamBlock rw;
    private final ParamBlock b;
    /** The GRU's recurrent bias, or null. */
    private final ParamBlock rb;
    private final int nIn;
    private final int n;
    private final int cols;

    private final double[] bias;
    private final double[] recurrentBias;
    private final double[][] wRows;
    private final double[][] rwRows;
    private final double[][] wColumns;
    private final double[][] rwColumns;

    /** Gradients of W, RW (column by column) and b, summed over examples and steps. */
    private final double[][] gradW;
    private final double[][] gradRw;
    private final double[] gradB;
    private final double[] gradRb;

    /**
     * The waiting steps: row k = s·mb + e holds ∂L/∂z of example e at the s-th waiting step, with
     * that step's input x and previous state h_{−1} (references; zeros for a zero state).
     */
    private double[][] pendingDz = new double[0][];
    /** The waiting ∂L/∂gh rows of a split layer (GRU); the same rows as pendingDz otherwise. */
    private double[][] pendingRecurrentDz = new double[0][];
    private double[][] pendingInputs = new double[0][];
    private double[][] pendingPrevious = new double[0][];
    private int pendingSteps;
    private int miniBatch;
    private final double[] zeroState;

    /** One coefficient row per thread part: column j of the waiting ∂L/∂z rows. */
    private double[][] coefficients = new double[0][];

    LayerWeights(ParamBlock w, ParamBlock rw, ParamBlock b) {
        this(w, rw, b, null);
    }

    /** The weights of a layer whose recurrent product has its own bias RB (a GRU); rb null for none. */
    LayerWeights(ParamBlock w, ParamBlock rw, ParamBlock b, ParamBlock rb) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.rb = rb;
        this.nIn = w.rows();
        this.n = rw.rows();
        this.cols = b.cols();
        this.bias = new double[cols];
        this.recurrentBias = rb == null ? null : new double[cols];
        this.wRows = new double[nIn][cols];
        this.rwRows = new double[n][cols];
        this.wColumns = new double[cols][nIn];
        this.rwColumns = new double[cols][n];
        this.gradW = new double[cols][nIn];
        this.gradRw = new double[cols][n];
        this.gradB = new double[cols];
        this.gradRb = rb == null ? null : new double[cols];
        this.zeroState = new double[n];
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

    /** Copies W, RW and b as the forward pass reads them; call before {@link #preActivations}. */
    void loadForward(double[] params) {
        RowKernels.copyVector(params, b.offset(), cols, bias);
        if (rb != null) {
            RowKernels.copyVector(params, rb.offset(), cols, recurrentBias);
        }
        RowKernels.copyRows(params, w, wRows);
        RowKernels.copyRows(params, rw, rwRows);
    }

    /**
     * z_e = x_e·W + h_{−1,e}·RW + b for examples e in [from, to); {@code hPrevious[e]} null means
     * zeros.
     */
    void preActivations(int from, int to, double[][] x, double[][] hPrevious, double[][] z) {
        for (int e = from; e < to; e++) {
            System.arraycopy(bias, 0, z[e], 0, cols);
        }
        for (int k0 = 0; k0 < nIn; k0 += BLOCK) {
            int k1 = Math.min(nIn, k0 + BLOCK);
            for (int e = from; e < to; e++) {
                RowKernels.addCombination(z[e], cols, x[e], wRows, k0, k1);
            }
        }
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK);
            for (int e = from; e < to; e++) {
                if (hPrevious[e] != null) {
                    RowKernels.addCombination(z[e], cols, hPrevious[e], rwRows, k0, k1);
                }
            }
        }
    }

    /** gx_e = x_e·W + b for examples e in [from, to): the input part of a split layer's z. */
    void inputPreActivations(int from, int to, double[][] x, double[][] gx) {
        for (int e = from; e < to; e++) {
            System.arraycopy(bias, 0, gx[e], 0, cols);
        }
        for (int k0 = 0; k0 < nIn; k0 += BLOCK) {
            int k1 = Math.min(nIn, k0 + BLOCK);
            for (int e = from; e < to; e++) {
                RowKernels.addCombination(gx[e], cols, x[e], wRows, k0, k1);
            }
        }
    }

    /**
     * gh_e = h_{−1,e}·RW + RB for examples e in [from, to): the recurrent part of a split layer's
     * z; {@code hPrevious[e]} null means zeros (gh = RB).
     */
    void recurrentPreActivations(int from, int to, double[][] hPrevious, double[][] gh) {
        for (int e = from; e < to; e++) {
            System.arraycopy(recurrentBias, 0, gh[e], 0, cols);
        }
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK);
            for (int e = from; e < to; e++) {
                if (hPrevious[e] != null) {
                    RowKernels.addCombination(gh[e], cols, hPrevious[e], rwRows, k0, k1);
                }
            }
        }
    }

    /** Whether the layer keeps the recurrent part of z apart (a GRU). */
    boolean split() {
        return rb != null;
    }

    /** Copies W and RW as the backward pass reads them and zeroes the gradient buffers. */
    void startBackward(double[] params, int miniBatch, int parts) {
        RowKernels.copyColumns(params, w, wColumns);
        RowKernels.copyColumns(params, rw, rwColumns);
        RowKernels.clear(gradW);
        RowKernels.clear(gradRw);
        Arrays.fill(gradB, 0);
        if (gradRb != null) {
            Arrays.fill(gradRb, 0);
        }
        int rows = miniBatch * PENDING_STEPS;
        if (pendingDz.length < rows) {
            pendingDz = new double[rows][cols];
            pendingRecurrentDz = rb == null ? pendingDz : new double[rows][cols];
            pendingInputs = new double[rows][];
            pendingPrevious = new double[rows][];
        }
        if (coefficients.length < parts || coefficients[0].length < rows) {
            coefficients = new double[parts][rows];
        }
        this.miniBatch = miniBatch;
        this.pendingSteps = 0;
    }

    /**
     * The row that receives ∂L/∂z of example e at the current backward step, which has input x
     * and previous state hPrevious (null: zeros). The caller fills the row and keeps the arrays
     * unchanged until {@link #addPendingGradients} has run.
     */
    double[] dzRow(int e, double[] x, double[] hPrevious) {
        int k = pendingSteps * miniBatch + e;
        pendingInputs[k] = x;
        pendingPrevious[k] = hPrevious == null ? zeroState : hPrevious;
        return pendingDz[k];
    }

    /**
     * The row that receives ∂L/∂gh of example e at the current backward step of a split layer;
     * call after {@link #dzRow} for the same example.
     */
    double[] recurrentDzRow(int e) {
        return pendingRecurrentDz[pendingSteps * miniBatch + e];
    }

    /** Ends a backward step; true when the waiting steps should now be added ({@link #addPendingGradients}). */
    boolean endStep() {
        pendingSteps++;
        return pendingSteps == PENDING_STEPS;
    }

    /** Whether steps are waiting to be added to the gradients. */
    boolean hasPending() {
        return pendingSteps > 0;
    }

    /** Multiply-adds of adding the waiting steps to one gradient column (the work estimate for threads). */
    long pendingWorkPerColumn() {
        return (long) pendingSteps * miniBatch * (nIn + n + 1);
    }

    /** dhPrevious_e = dz_e·RWᵀ (overwritten) for examples e in [from, to). */
    void toPreviousStates(int from, int to, double[][] dz, double[][] dhPrevious) {
        multiplyByTranspose(from, to, dz, rwColumns, n, dhPrevious);
    }

    /** dx_e = dz_e·Wᵀ (overwritten) for examples e in [from, to): what flows into the layer below. */
    void toInputs(int from, int to, double[][] dz, double[][] dx) {
        multiplyByTranspose(from, to, dz, wColumns, nIn, dx);
    }

    private void multiplyByTranspose(int from, int to, double[][] dz, double[][] columns, int length,
                                     double[][] out) {
        for (int e = from; e < to; e++) {
            Arrays.fill(out[e], 0, length, 0);
        }
        for (int j0 = 0; j0 < cols; j0 += BLOCK) {
            int j1 = Math.min(cols, j0 + BLOCK);
            for (int e = from; e < to; e++) {
                RowKernels.addCombination(out[e], length, dz[e], columns, j0, j1);
            }
        }
    }

    /**
     * Adds the waiting steps to columns [from, to) of the gradients of W, RW and b:
     * ∂W(:, j) += Σ_k x_k·dz_k(j), ∂RW(:, j) += Σ_k h_{−1,k}·dz_k(j), ∂b(j) += Σ_k dz_k(j), over
     * the waiting rows k in order. Columns are independent, so parts of the range may run on
     * different threads; call {@link #clearPending} once every column is done.
     */
    void addPendingGradients(int from, int to, int part) {
        int rows = pendingSteps * miniBatch;
        for (int j = from; j < to; j++) {
            double sum = 0;
            for (int k = 0; k < rows; k++) {
                sum += pendingDz[k][j];
            }
            gradB[j] += sum;
            if (gradRb != null) {
                double recurrentSum = 0;
                for (int k = 0; k < rows; k++) {
                    recurrentSum += pendingRecurrentDz[k][j];
                }
                gradRb[j] += recurrentSum;
            }
        }
        double[] c = coefficients[part];
        for (int k0 = 0; k0 < rows; k0 += BLOCK) {
            int k1 = Math.min(rows, k0 + BLOCK);
            for (int j = from; j < to; j++) {
                for (int k = k0; k < k1; k++) {
                    c[k] = pendingDz[k][j];
                }
                RowKernels.addCombination(gradW[j], nIn, c, pendingInputs, k0, k1);
                if (rb != null) {
                    for (int k = k0; k < k1; k++) {
                        c[k] = pendingRecurrentDz[k][j];
                    }
                }
                RowKernels.addCombination(gradRw[j], n, c, pendingPrevious, k0, k1);
            }
        }
    }

    /** Forgets the waiting steps after {@link #addPendingGradients} has covered every column. */
    void clearPending() {
        pendingSteps = 0;
    }

    /** Adds the gathered gradients of W, RW and b into the flat gradient. */
    void finishBackward(double[] grad) {
        RowKernels.addColumns(gradW, grad, w);
        RowKernels.addColumns(gradRw, grad, rw);
        RowKernels.addVector(gradB, grad, b.offset(), cols);
        if (rb != null) {
            RowKernels.addVector(gradRb, grad, rb.offset(), cols);
        }
    }
}

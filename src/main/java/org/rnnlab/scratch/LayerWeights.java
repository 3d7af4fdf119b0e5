package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * W, RW and b of one recurrent layer as the minibatch kernels read them, and their gradients
 * gathered over the backward steps: what every fast cell's products share. A cell's own weights
 * class adds how its products are formed: {@link SummedWeights} (x_t·W + h_{t−1}·RW + b in one
 * row) or a class of the cell's own when its products must stay apart. In the notation of the
 * reference cells, with dz = ∂L/∂z_t the rows a step sends back through W and through RW:
 * <pre>
 *   backward   dx_t      = dz·Wᵀ                        {@link #toInputs} (to the layer below)
 *              dh_{t−1}  = dz·RWᵀ                       {@link #toPreviousStates} (to step t−1)
 *              dW       += x_tᵀ·dz
 *              dRW      += h_{t−1}ᵀ·dz                  {@link #addPendingGradients}, with db += dz
 * </pre>
 * A zero state h_{−1} adds nothing. W and RW are copied out of the flat parameter array as rows
 * (forward) and as columns (backward); the weight gradients are gathered column by column, over
 * the examples and {@value #PENDING_STEPS} steps at a time, before they are added into the flat
 * gradient.
 *
 * <p>The minibatch forms go through the weights {@value #BLOCK} rows (or columns) at a time and
 * apply each block to every example before the next: a block stays in the core's cache while the
 * examples pass, where a whole matrix (2 MiB per layer at 256 units) would be read again from
 * memory for every example. Blocks start at multiples of four, so the sums are the same, bit for
 * bit, as without blocking.
 */
abstract class LayerWeights {

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
    final int nIn;
    final int n;
    final int cols;

    final double[] bias;
    final double[][] wRows;
    final double[][] rwRows;
    private final double[][] wColumns;
    private final double[][] rwColumns;

    /** Gradients of W, RW (column by column) and b, summed over examples and steps. */
    final double[][] gradW;
    final double[][] gradRw;
    final double[] gradB;

    /**
     * The waiting steps: row k = s·mb + e holds ∂L/∂z of example e at the s-th waiting step, with
     * that step's input x and previous state h_{−1} (references; zeros for a zero state).
     */
    double[][] pendingDz = new double[0][];
    double[][] pendingInputs = new double[0][];
    double[][] pendingPrevious = new double[0][];
    int pendingSteps;
    int miniBatch;
    private final double[] zeroState;

    /** One coefficient row per thread part: column j of the waiting ∂L/∂z rows. */
    double[][] coefficients = new double[0][];

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
        this.zeroState = new double[n];
    }

    int nIn() {
        return nIn;
    }

    int cols() {
        return cols;
    }

    /** Multiply-adds of one example's products (the work estimate for splitting a step over threads). */
    long workPerExample() {
        return (long) (nIn + n) * cols;
    }

    /** Copies W, RW and b as the forward pass reads them; call before the cell's products. */
    void loadForward(double[] params) {
        RowKernels.copyVector(params, b.offset(), cols, bias);
        RowKernels.copyRows(params, w, wRows);
        RowKernels.copyRows(params, rw, rwRows);
    }

    /** Copies W and RW as the backward pass reads them and zeroes the gradient buffers. */
    void startBackward(double[] params, int miniBatch, int parts) {
        RowKernels.copyColumns(params, w, wColumns);
        RowKernels.copyColumns(params, rw, rwColumns);
        RowKernels.clear(gradW);
        RowKernels.clear(gradRw);
        Arrays.fill(gradB, 0);
        int rows = miniBatch * PENDING_STEPS;
        if (pendingDz.length < rows) {
            pendingDz = new double[rows][cols];
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

    /** dhPrevious_e = d_e·RWᵀ (overwritten) for examples e in [from, to), d the rows sent back through RW. */
    void toPreviousStates(int from, int to, double[][] d, double[][] dhPrevious) {
        multiplyByTranspose(from, to, d, rwColumns, n, dhPrevious);
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
     * Adds the waiting steps to columns [from, to) of the gradients: for the rows {@link #dzRow}
     * received, ∂W(:, j) += Σ_k x_k·dz_k(j), ∂b(j) += Σ_k dz_k(j), and ∂RW(:, j) += Σ_k
     * h_{−1,k}·d_k(j) for the rows d the cell sends back through RW, over the waiting rows k in
     * order. Columns are independent, so parts of the range may run on different threads; call
     * {@link #clearPending} once every column is done.
     */
    abstract void addPendingGradients(int from, int to, int part);

    /** Σ_k rows[k][j] over the first {@code count} rows, in order. */
    static double columnSum(double[][] rows, int count, int j) {
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += rows[k][j];
        }
        return sum;
    }

    /** c[k] = rows[k][j] for k in [from, to): column j of the waiting rows as coefficients. */
    static void column(double[][] rows, int j, int from, int to, double[] c) {
        for (int k = from; k < to; k++) {
            c[k] = rows[k][j];
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
    }
}

package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * What the float32 cells share: the same forward pass and backpropagation through time as the
 * double cells ({@link SimpleRnnReference}, {@link LstmReference}, {@link GruReference} state the
 * math), computed in float on time-major buffers, where row r = t·mb + e holds example e at step t,
 * so that one step's rows, or all steps' rows, are one matrix for {@link FloatKernels}:
 * <pre>
 *   forward    Z = X·W + b                 all steps at once            {@link #forward}
 *              Z_t += H_{t−1}·RW, then the cell's gates, step by step
 *   backward   dZ_t from dhAbove_t + dhNext, then dhNext = dZ_t·RWᵀ, step by step
 *              dW += Xᵀ·dZ, dRW += H_{−1..T−2}ᵀ·dZ, db += Σ dZ, dx = dZ·Wᵀ   all steps at once
 * </pre>
 * The buffer of h has one block of rows more than the steps: block 0 is the initial state (zeros
 * without one) and block t+1 is h_t, so block t is h_{t−1} for every step and the gradient of RW
 * is one product. Doubles are converted only at the edges: parameters once per pass (W and RW
 * row-major for the forward pass; Wᵀ and RWᵀ for the backward pass, which are the flat array's
 * column-major blocks as they lie), x and dhAbove in, h and dx out, and the weight gradients added
 * into the double gradient from float partial sums over {@value #GRADIENT_ROWS} rows at a time. The
 * four weight matrices are the kernels' {@link FloatKernels.Operand}s, refreshed once per pass, so
 * that a kernel which reads them in another form (the plain-Java one keeps each row as an array)
 * converts them once per pass, not once per step.
 *
 * <p>Threads ({@link #useWorkers}): a minibatch of {@value #EXAMPLES_PER_THREAD} examples or more per
 * thread is split by examples, each thread running every step of its own examples (an example's
 * steps depend on nothing but its own earlier steps, so the threads never wait for each other
 * within a pass); a smaller one splits each step by hidden units. Products of all steps are split
 * by rows, weight gradients by columns. Every float element is computed by one chain of operations whose
 * order does not depend on the split (see {@link FloatKernels}), so results are the same, bit for
 * bit, for any number of threads.
 */
abstract class FloatRecurrentLayer implements RecurrentLayer {

    /** Hidden units per piece when a step is split over threads. */
    static final int UNIT_CHUNK = 16;
    /** Examples per thread from which a pass is split by examples instead of by units. */
    static final int EXAMPLES_PER_THREAD = 8;
    /** Weight-gradient columns per piece when the gradients are split over threads. */
    static final int COLUMN_CHUNK = 16;
    /** Rows (example steps) summed in float before a weight gradient's partial sum is added in double. */
    static final int GRADIENT_ROWS = 256;
    /** Columns (or rows) moved together between a row-major float matrix and a column-major double block. */
    static final int TRANSFER_COLUMNS = 16;

    final FloatKernels kernels;
    /** Hidden units, inputs, and the width of W, RW and b (gates·n). */
    final int n;
    final int nIn;
    final int cols;
    private final ParamBlock wBlock;
    private final ParamBlock rwBlock;
    private final ParamBlock bBlock;
    private Workers workers = Workers.SINGLE;

    /** W [nIn×cols] and RW [n×cols] row-major, and b: the forward pass's parameters. */
    final float[] w;
    final float[] rw;
    final float[] bias;
    /** Wᵀ [cols×nIn] and RWᵀ [cols×n] row-major: the backward pass's. */
    final float[] wT;
    final float[] rwT;
    /** The four as the kernels' operands, refreshed when their values are loaded. */
    private final FloatKernels.Operand wOperand;
    private final FloatKernels.Operand rwOperand;
    private final FloatKernels.Operand wTOperand;
    private final FloatKernels.Operand rwTOperand;

    /** The pass in progress. */
    int mb;
    int steps;
    boolean hasInitial;
    /** 0/1 per row, or null without a feature mask. */
    float[] mask;

    /** x per row [rows×nIn]; h per row with the initial block first [(rows+mb)×n]. */
    float[] xs = new float[0];
    float[] hBuf = new float[0];
    /** ∂L/∂h from above per row [rows×n]; ∂L/∂h_{t−1} handed from step t to t−1 [mb×n]. */
    float[] dhAboveRows = new float[0];
    float[] dhNext = new float[0];
    private float[] dxRows = new float[0];
    private float[] maskRows = new float[0];
    private double[][][] hs = new double[0][0][];
    private int rowCapacity;
    private int mbCapacity;
    /** One buffer per thread part for the float partial sums of a weight gradient. */
    private float[][] gradientParts = new float[0][];
    private double[][] biasParts = new double[0][];

    private final Workers.Range projectionRows = (from, to, part) -> projectInputs(from, to);
    private final Workers.Range forwardUnits = (from, to, part) -> forwardStep(this.t, 0, mb, units(from), units(to));
    private final Workers.Range deltaUnits = (from, to, part) -> deltas(this.t, 0, mb, units(from), units(to));
    private final Workers.Range previousUnits = (from, to, part) -> toPreviousStates(this.t, 0, mb, units(from),
            units(to));
    private final Workers.Range forwardExamples = (from, to, part) -> {
        for (int s = 0; s < steps; s++) {
            forwardStep(s, from, to, 0, hidden());
        }
    };
    private final Workers.Range backwardExamples = (from, to, part) -> {
        for (int s = steps - 1; s >= 0; s--) {
            deltas(s, from, to, 0, hidden());
            if (s > 0) {
                toPreviousStates(s, from, to, 0, hidden());
            }
        }
    };
    private final Workers.Range gradientColumns = this::addGradientColumns;
    private final Workers.Range inputRows = (from, to, part) -> toInputs(from, to);
    /** The step (when a step is split by units) and the gradient of the pass in progress, for the ranges above. */
    private int t;
    private double[] grad;
    private double[][][] dxBelow;

    FloatRecurrentLayer(FloatKernels kernels, RecurrentBlocks blocks, int hidden) {
        this.kernels = kernels;
        this.wBlock = blocks.w();
        this.rwBlock = blocks.rw();
        this.bBlock = blocks.b();
        this.n = hidden;
        this.nIn = wBlock.rows();
        this.cols = bBlock.cols();
        this.w = new float[nIn * cols];
        this.rw = new float[n * cols];
        this.bias = new float[cols];
        this.wT = new float[nIn * cols];
        this.rwT = new float[n * cols];
        this.wOperand = kernels.operand(w, nIn, cols);
        this.rwOperand = kernels.operand(rw, n, cols);
        this.wTOperand = kernels.operand(wT, cols, nIn);
        this.rwTOperand = kernels.operand(rwT, cols, n);
    }

    // ---- what a cell says ----

    /** Makes the cell's own buffers hold {@code rows} rows and mb examples. */
    abstract void reserveCell(int rows, int miniBatch);

    /** Reads the cell's parameters beyond W, RW and b (the GRU's RB) for the forward pass. */
    void loadCell(double[] params) {
    }

    /** Takes the cell's part of the initial state (the LSTM's c_{−1}); null means zeros. */
    void beginCell(RecurrentState initial) {
    }

    /** Where X·W + b goes: the array, the offset of row 0 and its row length. */
    abstract float[] projection();

    abstract int projectionOffset();

    abstract int projectionStride();

    /** Step t's recurrent products and gates for units [u0, u1) of examples [e0, e1). */
    abstract void forwardStep(int t, int e0, int e1, int u0, int u1);

    /** Zeroes what the cell carries back from step to step besides dhNext (the LSTM's dc). */
    void clearCarried() {
    }

    /** Step t's ∂L/∂z for units [u0, u1) of examples [e0, e1), from dhAboveRows and dhNext. */
    abstract void deltas(int t, int e0, int e1, int u0, int u1);

    /** ∂L/∂z of the input products (through W and b), [rows×cols]. */
    abstract float[] inputDeltas();

    /** ∂L/∂z of the recurrent products (through RW), [rows×cols]. */
    abstract float[] recurrentDeltas();

    /** What step t sends to h_{t−1} past RW, [mb×n], or null. */
    float[] direct() {
        return null;
    }

    /** Adds the cell's other gradients for columns [c0, c1) on thread part {@code part} (the GRU's RB). */
    void addCellGradients(int c0, int c1, int part) {
    }

    // ---- the passes ----

    @Override
    public int hidden() {
        return n;
    }

    @Override
    public void useWorkers(Workers workers) {
        this.workers = workers;
    }

    @Override
    public final void reserve(int miniBatch, int steps) {
        int rows = miniBatch * steps;
        if (rows > rowCapacity || miniBatch > mbCapacity) {
            rowCapacity = Math.max(rows, rowCapacity);
            mbCapacity = Math.max(miniBatch, mbCapacity);
            xs = new float[rowCapacity * nIn];
            hBuf = new float[(rowCapacity + mbCapacity) * n];
            dhAboveRows = new float[rowCapacity * n];
            dhNext = new float[mbCapacity * n];
            dxRows = new float[rowCapacity * nIn];
            maskRows = new float[rowCapacity];
            reserveCell(rowCapacity, mbCapacity);
        }
        if (hs.length < miniBatch || hs[0].length < steps) {
            hs = new double[miniBatch][steps][n];
        }
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    @Override
    public final void forward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                              RecurrentState initial) {
        begin(miniBatch, steps, featureMask, initial);
        castRowMajor(params, wBlock, w);
        castRowMajor(params, rwBlock, rw);
        wOperand.refresh();
        rwOperand.refresh();
        for (int j = 0; j < cols; j++) {
            bias[j] = (float) params[bBlock.offset() + j];
        }
        loadCell(params);
        readRows(x, nIn, xs);
        workers.forRange(rows(), (long) nIn * cols, projectionRows);
        if (byExamples()) {
            workers.forRange(mb, (long) steps * n * cols, forwardExamples);
        } else {
            long workPerChunk = (long) mb * UNIT_CHUNK * cols;
            for (t = 0; t < steps; t++) {
                workers.forRange(unitChunks(), workPerChunk, forwardUnits);
            }
        }
        for (int e = 0; e < mb; e++) {
            for (int s = 0; s < steps; s++) {
                double[] h = hs[e][s];
                int row = ((s + 1) * mb + e) * n;
                for (int j = 0; j < n; j++) {
                    h[j] = hBuf[row + j];
                }
            }
        }
    }

    @Override
    public final void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                               RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        begin(miniBatch, steps, featureMask, initial);
        castColumnMajor(params, wBlock, wT);
        castColumnMajor(params, rwBlock, rwT);
        wTOperand.refresh();
        rwTOperand.refresh();
        readRows(x, nIn, xs);
        readRows(dhAbove, n, dhAboveRows);
        Arrays.fill(dhNext, 0, mb * n, 0);
        clearCarried();
        if (byExamples()) {
            workers.forRange(mb, (long) steps * n * cols, backwardExamples);
        } else {
            long workPerChunk = (long) mb * UNIT_CHUNK * cols;
            for (t = steps - 1; t >= 0; t--) {
                workers.forRange(unitChunks(), workPerChunk / 8, deltaUnits);
                if (t > 0) {
                    workers.forRange(unitChunks(), workPerChunk, previousUnits);
                }
            }
        }
        this.grad = grad;
        reserveGradientBuffers();
        int chunks = (cols + COLUMN_CHUNK - 1) / COLUMN_CHUNK;
        workers.forRange(chunks, (long) rows() * (nIn + n + 2) * COLUMN_CHUNK, gradientColumns);
        this.grad = null;
        if (dxBelow != null) {
            this.dxBelow = dxBelow;
            workers.forRange(rows(), (long) cols * nIn, inputRows);
            this.dxBelow = null;
        }
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        for (int e = 0; e < miniBatch; e++) {
            int row = (steps * miniBatch + e) * n;
            for (int j = 0; j < n; j++) {
                into.h[e][j] = hBuf[row + j];
            }
        }
    }

    private void begin(int miniBatch, int steps, double[][] featureMask, RecurrentState initial) {
        this.mb = miniBatch;
        this.steps = steps;
        this.hasInitial = initial != null;
        for (int e = 0; e < mb; e++) {
            if (initial == null) {
                Arrays.fill(hBuf, e * n, (e + 1) * n, 0);
            } else {
                for (int j = 0; j < n; j++) {
                    hBuf[e * n + j] = (float) initial.h[e][j];
                }
            }
        }
        if (featureMask == null) {
            mask = null;
        } else {
            for (int s = 0; s < steps; s++) {
                for (int e = 0; e < mb; e++) {
                    maskRows[s * mb + e] = (float) featureMask[e][s];
                }
            }
            mask = maskRows;
        }
        beginCell(initial);
    }

    /** The feature mask of a row, 1 without one. */
    final float maskAt(int row) {
        return mask == null ? 1 : mask[row];
    }

    final int rows() {
        return mb * steps;
    }

    /** Whether the passes split the minibatch by examples (see the class comment). */
    private boolean byExamples() {
        return workers.threads() > 1 && mb >= EXAMPLES_PER_THREAD * workers.threads();
    }

    private int unitChunks() {
        return (n + UNIT_CHUNK - 1) / UNIT_CHUNK;
    }

    private int units(int chunk) {
        return Math.min(n, chunk * UNIT_CHUNK);
    }

    /** data[e][t][0 .. width) into time-major rows. */
    private void readRows(double[][][] data, int width, float[] rows) {
        for (int s = 0; s < steps; s++) {
            for (int e = 0; e < mb; e++) {
                double[] from = data[e][s];
                int row = (s * mb + e) * width;
                for (int k = 0; k < width; k++) {
                    rows[row + k] = (float) from[k];
                }
            }
        }
    }

    /**
     * A column-major block as the row-major matrix, in float; {@value #TRANSFER_COLUMNS} rows at a
     * time, so that reads and writes both go along cache lines.
     */
    private static void castRowMajor(double[] params, ParamBlock block, float[] into) {
        int rows = block.rows();
        int width = block.cols();
        for (int k0 = 0; k0 < rows; k0 += TRANSFER_COLUMNS) {
            int k1 = Math.min(rows, k0 + TRANSFER_COLUMNS);
            for (int col = 0; col < width; col++) {
                int from = block.offset() + col * rows;
                for (int k = k0; k < k1; k++) {
                    into[k * width + col] = (float) params[from + k];
                }
            }
        }
    }

    /** A column-major block as it lies, in float: the row-major transpose of the matrix. */
    private static void castColumnMajor(double[] params, ParamBlock block, float[] into) {
        int offset = block.offset();
        for (int i = 0; i < block.size(); i++) {
            into[i] = (float) params[offset + i];
        }
    }

    /** Rows [from, to) of X·W + b. */
    private void projectInputs(int from, int to) {
        float[] z = projection();
        int stride = projectionStride();
        int offset = projectionOffset();
        for (int r = from; r < to; r++) {
            System.arraycopy(bias, 0, z, offset + r * stride, cols);
        }
        kernels.multiply(to - from, cols, xs, from * nIn, nIn, wOperand, 0, z, offset + from * stride, stride);
    }

    /**
     * Adds h_{t−1}·RW for units [u0, u1) of each of the cell's gate blocks into z for examples
     * [e0, e1), where z's row for example 0 of step t starts at {@code zOffset}; nothing for a zero
     * initial state.
     */
    final void recurrentProduct(int t, int e0, int e1, int u0, int u1, float[] z, int zOffset, int zStride) {
        if (t == 0 && !hasInitial) {
            return;
        }
        int from = (t * mb + e0) * n;
        int into = zOffset + e0 * zStride;
        if (u0 == 0 && u1 == n) {
            // every unit: the gate blocks' columns are one range, and one product does fewer, longer passes
            kernels.multiply(e1 - e0, cols, hBuf, from, n, rwOperand, 0, z, into, zStride);
            return;
        }
        for (int g = 0; g < cols / n; g++) {
            kernels.multiply(e1 - e0, u1 - u0, hBuf, from, n, rwOperand, g * n + u0, z, into + g * n + u0, zStride);
        }
    }

    /**
     * dhNext for units [u0, u1) of examples [e0, e1): the cell's direct part (or 0), plus step t's
     * recurrent deltas·RWᵀ.
     */
    private void toPreviousStates(int t, int e0, int e1, int u0, int u1) {
        float[] direct = direct();
        for (int e = e0; e < e1; e++) {
            int row = e * n;
            if (direct == null) {
                Arrays.fill(dhNext, row + u0, row + u1, 0);
            } else {
                System.arraycopy(direct, row + u0, dhNext, row + u0, u1 - u0);
            }
        }
        kernels.multiply(e1 - e0, u1 - u0, recurrentDeltas(), (t * mb + e0) * cols, cols, rwTOperand, u0, dhNext,
                e0 * n + u0, n);
    }

    /** Gradient columns of chunks [from, to): W, RW, b, and the cell's own. */
    private void addGradientColumns(int from, int to, int part) {
        int c0 = from * COLUMN_CHUNK;
        int c1 = Math.min(cols, to * COLUMN_CHUNK);
        float[] buffer = gradientParts[part];
        addProduct(xs, nIn, 0, inputDeltas(), 0, rows(), wBlock, c0, c1, buffer);
        // h_{t−1} rows sit one block before step t's delta rows; a zero initial block adds nothing
        int skip = hasInitial ? 0 : mb;
        addProduct(hBuf, n, skip, recurrentDeltas(), skip, rows() - skip, rwBlock, c0, c1, buffer);
        addColumnSums(inputDeltas(), bBlock, c0, c1, part);
        addCellGradients(c0, c1, part);
    }

    /** One float buffer per thread for the partial sums, and one double row for the bias sums. */
    private void reserveGradientBuffers() {
        int parts = workers.threads();
        if (gradientParts.length < parts) {
            gradientParts = new float[parts][Math.max(nIn, n) * cols];
            biasParts = new double[parts][cols];
        }
    }

    /**
     * Adds Aᵀ·dZ for gradient columns [c0, c1) into the block's columns of the gradient, where A
     * [count×width] starts at row {@code aRow} and dZ [count×cols] at row {@code dzRow}; float sums
     * over {@value #GRADIENT_ROWS} rows, added in double.
     */
    private void addProduct(float[] a, int width, int aRow, float[] dz, int dzRow, int count, ParamBlock block,
                            int c0, int c1, float[] buffer) {
        int span = c1 - c0;
        for (int r0 = 0; r0 < count; r0 += GRADIENT_ROWS) {
            int r1 = Math.min(count, r0 + GRADIENT_ROWS);
            Arrays.fill(buffer, 0, width * span, 0);
            kernels.multiplyTransposedA(width, span, r1 - r0, a, (aRow + r0) * width, width, dz,
                    (dzRow + r0) * cols + c0, cols, buffer, 0, span);
            addTransposed(buffer, width, span, block.offset() + c0 * width);
        }
    }

    /**
     * grad[into + col·width + k] += buffer[k·span + col] for col < span and k < width: the buffer's
     * rows are gradient columns. Taken {@value #TRANSFER_COLUMNS} columns at a time, so that both
     * sides are read and written along cache lines; each element is added once, as before.
     */
    private void addTransposed(float[] buffer, int width, int span, int into) {
        for (int col0 = 0; col0 < span; col0 += TRANSFER_COLUMNS) {
            int col1 = Math.min(span, col0 + TRANSFER_COLUMNS);
            for (int k = 0; k < width; k++) {
                int from = k * span;
                for (int col = col0; col < col1; col++) {
                    grad[into + col * width + k] += buffer[from + col];
                }
            }
        }
    }

    /** Adds Σ_rows d(row, col), summed in double row by row, for columns [c0, c1) into a bias block of the gradient. */
    final void addColumnSums(float[] d, ParamBlock block, int c0, int c1, int part) {
        double[] sums = biasParts[part];
        Arrays.fill(sums, c0, c1, 0);
        for (int r = 0, rows = rows(); r < rows; r++) {
            int row = r * cols;
            for (int col = c0; col < c1; col++) {
                sums[col] += d[row + col];
            }
        }
        for (int col = c0; col < c1; col++) {
            grad[block.offset() + col] += sums[col];
        }
    }

    /** dx for rows [from, to) = dZ·Wᵀ, written into dxBelow. */
    private void toInputs(int from, int to) {
        Arrays.fill(dxRows, from * nIn, to * nIn, 0);
        kernels.multiply(to - from, nIn, inputDeltas(), from * cols, cols, wTOperand, 0, dxRows, from * nIn, nIn);
        for (int r = from; r < to; r++) {
            double[] dx = dxBelow[r % mb][r / mb];
            int row = r * nIn;
            for (int k = 0; k < nIn; k++) {
                dx[k] = dxRows[row + k];
            }
        }
    }
}

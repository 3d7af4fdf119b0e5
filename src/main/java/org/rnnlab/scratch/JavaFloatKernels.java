package org.rnnlab.scratch;

/**
 * The float kernels in plain Java, for a JVM without the Vector API module.
 *
 * <p>C2 (JDK 17) turns a loop of {@code Math.fma} into vector fused multiply-adds when every array
 * in it is indexed by the same expression: {@code acc[x] = fma(a0, b0[x], acc[x])} with x = off + j,
 * where b0 is one row of B held as an array of its own. Over one flat B and C at different offsets
 * ({@code c[cRow + j]}, {@code b[bRow + j]}) it does not, and runs several times slower. So the
 * products here read B by rows that are arrays of their own, and work on a row of C copied into a
 * scratch row at the same column offset:
 * <ul>
 *   <li>an {@link Operand} (a weight matrix, the same for every step of a pass) keeps its rows as
 *       arrays, copied once per {@link Operand#refresh()};</li>
 *   <li>a B passed as a flat array is copied panel by panel into scratch rows when C has at least
 *       {@value #COPY_MIN_ROWS} rows to share the copy, else read in place.</li>
 * </ul>
 * Four steps of k are chained per pass over a row (one load and store of C per four products); the
 * order along k stays 0, 1, …, k−1, and copies are exact, so the bits are those of the flat loop
 * and of {@code VectorFloatKernels}. Rows of C are taken over panels of {@value #PANEL_COLUMNS}
 * columns and {@value #PANEL_DEPTH} steps of k, so the part of B in use stays in the core's cache.
 */
final class JavaFloatKernels extends FloatKernels {

    static final JavaFloatKernels INSTANCE = new JavaFloatKernels();

    static final int PANEL_COLUMNS = 256;
    static final int PANEL_DEPTH = 128;
    /** A flat B is copied into rows when C has at least this many rows; one row gains nothing from the copy. */
    static final int COPY_MIN_ROWS = 4;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A thread's working space: a panel of a flat B, row by row, and one row of C. */
    private static final class Scratch {
        final float[][] panel = new float[PANEL_DEPTH][PANEL_COLUMNS];
        private float[] row = new float[PANEL_COLUMNS];

        float[] row(int length) {
            if (row.length < length) {
                row = new float[length];
            }
            return row;
        }
    }

    /** B with each row an array of its own, copied from the values at every refresh. */
    private static final class RowOperand extends Operand {
        final float[][] rowArrays;

        RowOperand(float[] values, int rows, int cols) {
            super(values, rows, cols);
            this.rowArrays = new float[rows][cols];
            refresh();
        }

        @Override
        void refresh() {
            for (int p = 0; p < rows; p++) {
                System.arraycopy(values, p * cols, rowArrays[p], 0, cols);
            }
        }
    }

    private JavaFloatKernels() {
    }

    @Override
    String name() {
        return "plain Java";
    }

    @Override
    Operand operand(float[] values, int rows, int cols) {
        return new RowOperand(values, rows, cols);
    }

    @Override
    void multiply(int m, int n, float[] a, int aOff, int lda, Operand b, int bCol, float[] c, int cOff, int ldc) {
        if (!(b instanceof RowOperand operand)) {
            super.multiply(m, n, a, aOff, lda, b, bCol, c, cOff, ldc);
            return;
        }
        if (bCol < 0 || bCol + n > b.cols) {
            throw new IndexOutOfBoundsException("columns " + bCol + " .. " + (bCol + n) + " of " + b.cols);
        }
        float[] acc = SCRATCH.get().row(b.cols);
        int k = b.rows;
        for (int j0 = 0; j0 < n; j0 += PANEL_COLUMNS) {
            int width = Math.min(PANEL_COLUMNS, n - j0);
            int col = bCol + j0;
            for (int p0 = 0; p0 < k; p0 += PANEL_DEPTH) {
                int p1 = Math.min(k, p0 + PANEL_DEPTH);
                for (int i = 0; i < m; i++) {
                    int cRow = cOff + i * ldc + j0;
                    System.arraycopy(c, cRow, acc, col, width);
                    chain(acc, col, width, a, aOff + i * lda, 1, operand.rowArrays, 0, p0, p1);
                    System.arraycopy(acc, col, c, cRow, width);
                }
            }
        }
    }

    @Override
    void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
                  int cOff, int ldc) {
        product(m, n, k, a, aOff, lda, 1, b, bOff, ldb, c, cOff, ldc);
    }

    @Override
    void multiplyTransposedA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc) {
        product(m, n, k, a, aOff, 1, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** C += A·B with A(i, p) at aOff + i·rowStride + p·depthStride; B's panels copied into rows. */
    private static void product(int m, int n, int k, float[] a, int aOff, int rowStride, int depthStride, float[] b,
                                int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (m < COPY_MIN_ROWS) {
            productInPlace(m, n, k, a, aOff, rowStride, depthStride, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        Scratch scratch = SCRATCH.get();
        float[][] panel = scratch.panel;
        float[] acc = scratch.row(PANEL_COLUMNS);
        for (int j0 = 0; j0 < n; j0 += PANEL_COLUMNS) {
            int width = Math.min(PANEL_COLUMNS, n - j0);
            for (int p0 = 0; p0 < k; p0 += PANEL_DEPTH) {
                int p1 = Math.min(k, p0 + PANEL_DEPTH);
                for (int p = p0; p < p1; p++) {
                    System.arraycopy(b, bOff + p * ldb + j0, panel[p - p0], 0, width);
                }
                for (int i = 0; i < m; i++) {
                    int cRow = cOff + i * ldc + j0;
                    System.arraycopy(c, cRow, acc, 0, width);
                    chain(acc, 0, width, a, aOff + i * rowStride, depthStride, panel, p0, p0, p1);
                    System.arraycopy(acc, 0, c, cRow, width);
                }
            }
        }
    }

    /**
     * acc[off + j] for j in [0, width) through steps [p0, p1) of k: A(i, p) at aRow + p·depthStride,
     * row p of B is {@code rows[p − first]} read at the same off + j.
     */
    private static void chain(float[] acc, int off, int width, float[] a, int aRow, int depthStride, float[][] rows,
                              int first, int p0, int p1) {
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            int ap = aRow + p * depthStride;
            int r = p - first;
            fourSteps(acc, off, width, a[ap], a[ap + depthStride], a[ap + 2 * depthStride], a[ap + 3 * depthStride],
                    rows[r], rows[r + 1], rows[r + 2], rows[r + 3]);
        }
        for (; p < p1; p++) {
            oneStep(acc, off, width, a[aRow + p * depthStride], rows[p - first]);
        }
    }

    /** acc[x] = fma(a3, b3[x], fma(a2, b2[x], fma(a1, b1[x], fma(a0, b0[x], acc[x])))) for x in [off, off+width). */
    private static void fourSteps(float[] acc, int off, int width, float a0, float a1, float a2, float a3, float[] b0,
                                  float[] b1, float[] b2, float[] b3) {
        for (int j = 0; j < width; j++) {
            int x = off + j;
            float s = Math.fma(a0, b0[x], acc[x]);
            s = Math.fma(a1, b1[x], s);
            s = Math.fma(a2, b2[x], s);
            acc[x] = Math.fma(a3, b3[x], s);
        }
    }

    private static void oneStep(float[] acc, int off, int width, float a0, float[] b0) {
        for (int j = 0; j < width; j++) {
            int x = off + j;
            acc[x] = Math.fma(a0, b0[x], acc[x]);
        }
    }

    /** The product read from B and C in place, for C of few rows: the same chains, not vectorised. */
    private static void productInPlace(int m, int n, int k, float[] a, int aOff, int rowStride, int depthStride,
                                       float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int j0 = 0; j0 < n; j0 += PANEL_COLUMNS) {
            int width = Math.min(PANEL_COLUMNS, n - j0);
            for (int p0 = 0; p0 < k; p0 += PANEL_DEPTH) {
                int p1 = Math.min(k, p0 + PANEL_DEPTH);
                for (int i = 0; i < m; i++) {
                    int cRow = cOff + i * ldc + j0;
                    int aRow = aOff + i * rowStride;
                    for (int p = p0; p < p1; p++) {
                        float ap = a[aRow + p * depthStride];
                        int bRow = bOff + p * ldb + j0;
                        for (int j = 0; j < width; j++) {
                            c[cRow + j] = Math.fma(ap, b[bRow + j], c[cRow + j]);
                        }
                    }
                }
            }
        }
    }

    @Override
    void tanh(float[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            a[i] = tanh(a[i]);
        }
    }

    @Override
    void sigmoid(float[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            a[i] = sigmoid(a[i]);
        }
    }
}

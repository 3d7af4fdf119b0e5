package org.rnnlab.scratch;

/**
 * The float kernels in plain Java, for a JVM without the Vector API module. The inner loops run
 * over a contiguous row of C and B from index 0 with {@code Math.fma}, which C2 turns into vector
 * fused multiply-adds. Four steps of k are chained per pass over a row (one load and store of C per
 * four products); the order along k stays 0, 1, …, k−1. Rows of C are taken over panels of
 * {@value #PANEL_COLUMNS} columns and {@value #PANEL_DEPTH} steps of k, so the part of B in use
 * stays in the core's cache.
 */
final class JavaFloatKernels extends FloatKernels {

    static final JavaFloatKernels INSTANCE = new JavaFloatKernels();

    static final int PANEL_COLUMNS = 256;
    static final int PANEL_DEPTH = 128;

    private JavaFloatKernels() {
    }

    @Override
    String name() {
        return "plain Java";
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

    /** C += A·B with A(i, p) at aOff + i·rowStride + p·depthStride. */
    private static void product(int m, int n, int k, float[] a, int aOff, int rowStride, int depthStride, float[] b,
                                int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int j0 = 0; j0 < n; j0 += PANEL_COLUMNS) {
            int width = Math.min(PANEL_COLUMNS, n - j0);
            for (int p0 = 0; p0 < k; p0 += PANEL_DEPTH) {
                int p1 = Math.min(k, p0 + PANEL_DEPTH);
                for (int i = 0; i < m; i++) {
                    int cRow = cOff + i * ldc + j0;
                    int aRow = aOff + i * rowStride;
                    int p = p0;
                    for (; p + 4 <= p1; p += 4) {
                        int ap = aRow + p * depthStride;
                        fourSteps(c, cRow, width, a[ap], a[ap + depthStride], a[ap + 2 * depthStride],
                                a[ap + 3 * depthStride], b, bOff + p * ldb + j0, ldb);
                    }
                    for (; p < p1; p++) {
                        oneStep(c, cRow, width, a[aRow + p * depthStride], b, bOff + p * ldb + j0);
                    }
                }
            }
        }
    }

    /** c[cRow + j] = fma(a3, B3, fma(a2, B2, fma(a1, B1, fma(a0, B0, c)))) over j, B rows from bRow. */
    private static void fourSteps(float[] c, int cRow, int width, float a0, float a1, float a2, float a3, float[] b,
                                  int bRow, int ldb) {
        int b1 = bRow + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        for (int j = 0; j < width; j++) {
            float s = Math.fma(a0, b[bRow + j], c[cRow + j]);
            s = Math.fma(a1, b[b1 + j], s);
            s = Math.fma(a2, b[b2 + j], s);
            c[cRow + j] = Math.fma(a3, b[b3 + j], s);
        }
    }

    private static void oneStep(float[] c, int cRow, int width, float a0, float[] b, int bRow) {
        for (int j = 0; j < width; j++) {
            c[cRow + j] = Math.fma(a0, b[bRow + j], c[cRow + j]);
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

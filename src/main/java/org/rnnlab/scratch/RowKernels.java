package org.rnnlab.scratch;

/**
 * The few products the cells need, in DL4J's row-vector convention, on matrices stored
 * column-major inside the flat parameter (or gradient) array. Column j of an r × c matrix at
 * {@code offset} is the contiguous run {@code offset + j·r ... offset + j·r + r - 1}, so every
 * inner loop below runs over contiguous memory.
 */
final class RowKernels {

    private RowKernels() {
    }

    /**
     * out[j] += Σ_i x[i]·M(i, j): row vector x (length rows) times M. The dot product keeps four
     * partial sums: the JIT cannot reorder one floating-point sum, but four independent ones keep
     * the multiply-add units busy (with it, E2's scratch epoch went from 240 to 140 ms; the rounding
     * differs from a single sum only in the last bits).
     */
    static void addRowTimesMatrix(double[] x, double[] m, int offset, int rows, int cols, double[] out) {
        for (int j = 0; j < cols; j++) {
            out[j] += dot(x, m, offset + j * rows, rows);
        }
    }

    /** Σ_i x[i]·m[from + i] for i < length, in four partial sums (see addRowTimesMatrix). */
    private static double dot(double[] x, double[] m, int from, int length) {
        int blocked = length & ~3;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i < blocked; i += 4) {
            s0 += x[i] * m[from + i];
            s1 += x[i + 1] * m[from + i + 1];
            s2 += x[i + 2] * m[from + i + 2];
            s3 += x[i + 3] * m[from + i + 3];
        }
        for (; i < length; i++) {
            s0 += x[i] * m[from + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** out[i] += Σ_j d[j]·M(i, j): row vector d (length cols) times Mᵀ. */
    static void addRowTimesTranspose(double[] d, double[] m, int offset, int rows, int cols, double[] out) {
        for (int j = 0; j < cols; j++) {
            double dj = d[j];
            if (dj == 0) {
                continue;
            }
            int column = offset + j * rows;
            for (int i = 0; i < rows; i++) {
                out[i] += dj * m[column + i];
            }
        }
    }

    /** G(i, j) += x[i]·d[j]: the outer product xᵀd added to the rows × cols matrix G. */
    static void addOuter(double[] x, double[] d, double[] g, int offset, int rows, int cols) {
        for (int j = 0; j < cols; j++) {
            double dj = d[j];
            if (dj == 0) {
                continue;
            }
            int column = offset + j * rows;
            for (int i = 0; i < rows; i++) {
                g[column + i] += x[i] * dj;
            }
        }
    }

    /** g[offset + j] += d[j] for j < length. */
    static void addVector(double[] d, double[] g, int offset, int length) {
        for (int j = 0; j < length; j++) {
            g[offset + j] += d[j];
        }
    }

    /** out[j] = v[offset + j] for j < length. */
    static void copyVector(double[] v, int offset, int length, double[] out) {
        System.arraycopy(v, offset, out, 0, length);
    }

    /*
     * Minibatch forms of the products above: one row per example. Each matrix column is read once
     * for all the examples, while it is still in the L1 cache, instead of once per example.
     */

    /** out[e][j] += Σ_i x[e][i]·M(i, j) for examples e < count. */
    static void addRowsTimesMatrix(double[][] x, int count, double[] m, int offset, int rows, int cols,
                                   double[][] out) {
        for (int j = 0; j < cols; j++) {
            int column = offset + j * rows;
            for (int e = 0; e < count; e++) {
                out[e][j] += dot(x[e], m, column, rows);
            }
        }
    }

    /** out[e][i] += Σ_j d[e][j]·M(i, j) for examples e < count: each row times Mᵀ. */
    static void addRowsTimesTranspose(double[][] d, int count, double[] m, int offset, int rows, int cols,
                                      double[][] out) {
        for (int j = 0; j < cols; j++) {
            int column = offset + j * rows;
            for (int e = 0; e < count; e++) {
                double dj = d[e][j];
                if (dj == 0) {
                    continue;
                }
                double[] oe = out[e];
                for (int i = 0; i < rows; i++) {
                    oe[i] += dj * m[column + i];
                }
            }
        }
    }

    /** G(i, j) += Σ_e x[e][i]·d[e][j] for examples e < count: the minibatch's outer products. */
    static void addOuters(double[][] x, double[][] d, int count, double[] g, int offset, int rows, int cols) {
        for (int j = 0; j < cols; j++) {
            int column = offset + j * rows;
            for (int e = 0; e < count; e++) {
                double dj = d[e][j];
                if (dj == 0) {
                    continue;
                }
                double[] xe = x[e];
                for (int i = 0; i < rows; i++) {
                    g[column + i] += xe[i] * dj;
                }
            }
        }
    }
}

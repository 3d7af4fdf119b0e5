package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * The few products the cells need, in DL4J's row-vector convention, on matrices stored
 * column-major inside the flat parameter (or gradient) array. Column j of an r × c matrix at
 * {@code offset} is the contiguous run {@code offset + j·r ... offset + j·r + r - 1}, so every
 * inner loop below runs over contiguous memory. The single-row forms serve the output layer; the
 * recurrent layers use the minibatch forms at the end.
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
     * Minibatch forms. The JIT turns a loop into vector instructions when it reads and writes whole
     * arrays from index 0 (an offset into a larger array defeats it on JDK 17), so the minibatch
     * kernels work on matrices held as one array per row or column, copied out of the flat
     * parameter array once per pass, and sum four terms per sweep over the output row.
     */

    /**
     * out[j] += Σ_k c[k]·v[k][j] for j < length, k < count: a row of coefficients times a matrix
     * held as rows v[k]. Terms are added four at a time, in k order; groups whose four
     * coefficients are all zero (masked steps) are skipped, which changes no finite result.
     */
    static void addCombination(double[] out, int length, double[] c, int count, double[][] v) {
        addCombination(out, length, c, v, 0, count);
    }

    /**
     * The terms k in [from, to) of {@link #addCombination(double[], int, double[], int, double[][])},
     * in the same groups of four when {@code from} is a multiple of four: summing a range in blocks
     * gives the same bits as summing it at once.
     */
    static void addCombination(double[] out, int length, double[] c, double[][] v, int from, int to) {
        int k = from;
        for (; k + 3 < to; k += 4) {
            double c0 = c[k];
            double c1 = c[k + 1];
            double c2 = c[k + 2];
            double c3 = c[k + 3];
            if (c0 == 0 && c1 == 0 && c2 == 0 && c3 == 0) {
                continue;
            }
            double[] v0 = v[k];
            double[] v1 = v[k + 1];
            double[] v2 = v[k + 2];
            double[] v3 = v[k + 3];
            for (int j = 0; j < length; j++) {
                out[j] += c0 * v0[j] + c1 * v1[j] + c2 * v2[j] + c3 * v3[j];
            }
        }
        for (; k < to; k++) {
            double ck = c[k];
            if (ck == 0) {
                continue;
            }
            double[] vk = v[k];
            for (int j = 0; j < length; j++) {
                out[j] += ck * vk[j];
            }
        }
    }

    /** rows[i][j] = M(i, j): the block's rows, each as its own array (M's transpose, column by column). */
    static void copyRows(double[] m, ParamBlock block, double[][] rows) {
        int r = block.rows();
        int c = block.cols();
        for (int j = 0; j < c; j++) {
            int column = block.offset() + j * r;
            for (int i = 0; i < r; i++) {
                rows[i][j] = m[column + i];
            }
        }
    }

    /** columns[j][i] = M(i, j): the block's columns, each as its own array. */
    static void copyColumns(double[] m, ParamBlock block, double[][] columns) {
        int r = block.rows();
        for (int j = 0; j < block.cols(); j++) {
            System.arraycopy(m, block.offset() + j * r, columns[j], 0, r);
        }
    }

    /** G(i, j) += columns[j][i]: adds a gradient held column by column into the flat array. */
    static void addColumns(double[][] columns, double[] g, ParamBlock block) {
        int r = block.rows();
        for (int j = 0; j < block.cols(); j++) {
            double[] column = columns[j];
            int start = block.offset() + j * r;
            for (int i = 0; i < r; i++) {
                g[start + i] += column[i];
            }
        }
    }

    /** Zeroes every row of a matrix held as rows. */
    static void clear(double[][] rows) {
        for (double[] row : rows) {
            Arrays.fill(row, 0);
        }
    }
}

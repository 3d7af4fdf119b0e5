package org.rnnlab.scratch;

/**
 * One named parameter inside the flat parameter array: a rows × cols matrix stored column-major
 * ('f' order, as DL4J's {@code params()}), so entry (row, col) sits at {@code offset + row + col·rows}.
 * Biases are 1 × n row vectors, as in DL4J's parameter table.
 *
 * @param name   DL4J's parameter name, layer index and key: "0_W", "0_RW", "0_b", ..., "L_W", "L_b"
 * @param layer  the layer index (the output layer is the last)
 * @param key    "W", "RW", "b" or (GRU) "RB"
 * @param offset first index in the flat array
 * @param rows   rows of the matrix
 * @param cols   columns of the matrix
 */
public record ParamBlock(String name, int layer, String key, int offset, int rows, int cols) {

    public static final String INPUT_WEIGHTS = "W";
    public static final String RECURRENT_WEIGHTS = "RW";
    public static final String BIAS = "b";
    /** The GRU's second bias, on the recurrent product (PyTorch's bias_hh). */
    public static final String RECURRENT_BIAS = "RB";

    /** Number of entries. */
    public int size() {
        return rows * cols;
    }

    /** One past the last index in the flat array. */
    public int end() {
        return offset + size();
    }

    /** Flat index of entry (row, col). */
    public int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside " + name + " [" + rows + ", "
                    + cols + "]");
        }
        return offset + row + col * rows;
    }

    /** A bias vector: b, or a GRU's recurrent bias RB. */
    public boolean isBias() {
        return BIAS.equals(key) || RECURRENT_BIAS.equals(key);
    }

    /** This block of the flat array as a matrix m[row][col] (a copy), for code that reads like the math. */
    double[][] matrix(double[] flat) {
        double[][] m = new double[rows][cols];
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                m[row][col] = flat[offset + row + col * rows];
            }
        }
        return m;
    }

    /** Adds the matrix m[row][col] into this block of the flat array (the inverse of {@link #matrix}). */
    void addTo(double[] flat, double[][] m) {
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                flat[offset + row + col * rows] += m[row][col];
            }
        }
    }

    /** Shape as DL4J reports it: {rows, cols}. */
    public int[] shape() {
        return new int[] {rows, cols};
    }
}

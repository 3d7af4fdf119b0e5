package org.rnnlab.bridge;

import java.util.Arrays;

/**
 * An n-dimensional array of doubles as a .npy file holds it: a shape and the values in C order
 * (row-major: the last index varies fastest), whatever order the file stored them in.
 *
 * @param shape  the extent of each dimension; empty for a scalar
 * @param values product(shape) values in C order
 */
public record NpyArray(int[] shape, double[] values) {

    public NpyArray {
        if (shape == null || values == null) {
            throw new IllegalArgumentException("an array needs a shape and values");
        }
        long size = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative extent");
            }
            size *= extent;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " values, got "
                    + values.length);
        }
        shape = shape.clone();
    }

    /** The shape, copied. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** The value at one index, e.g. get(row, col) for a matrix. */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " dimensions, the array " + shape.length);
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape "
                        + Arrays.toString(shape));
            }
            flat = flat * shape[d] + index[d];
        }
        return values[flat];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NpyArray that && Arrays.equals(shape, that.shape)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape);
    }
}

package org.rnnlab.check;

import java.util.Arrays;

/**
 * How far two versions of one parameter (two gradients, or two parameter values) are apart.
 *
 * @param parameter        DL4J's name, e.g. "0_W"
 * @param shape            [rows, cols]
 * @param maxAbsolute      largest |a − b| over the entries
 * @param maxRelative      largest relative error over the entries (NaN if any entry is NaN)
 * @param worst            the entry with the largest relative error (the largest absolute one
 *                         when every relative error is 0)
 * @param worstLeft        the left value there
 * @param worstRight       the right value there
 */
public record ParameterError(String parameter, int[] shape, double maxAbsolute, double maxRelative,
                             ParameterEntry worst, double worstLeft, double worstRight) {

    public ParameterError {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** True when the largest relative error is at most {@code tolerance} (NaN never is). */
    public boolean within(double tolerance) {
        return maxRelative <= tolerance;
    }

    @Override
    public String toString() {
        return parameter + " " + Arrays.toString(shape) + ": max abs " + maxAbsolute + ", max rel " + maxRelative
                + " at " + worst + " (" + worstLeft + " vs " + worstRight + ")";
    }
}

package org.rnnlab.data.files;

import java.util.Arrays;

/**
 * One sequence of numbers with its class: a control chart series, or a row {@code label,v1,v2,...}
 * of a labelled-rows file. Two are equal when their labels and values are.
 *
 * @param label  the class index, 0 or more
 * @param values the value at each time step, at least one
 */
public record LabelledSequence(int label, double[] values) {

    public LabelledSequence {
        if (label < 0) {
            throw new IllegalArgumentException("class index must be 0 or more, got " + label);
        }
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one value");
        }
        values = values.clone();
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of time steps. */
    public int length() {
        return values.length;
    }

    /** The value at step {@code t} (from 0). */
    public double value(int t) {
        return values[t];
    }

    /** The first {@code length} steps, with the same label. */
    public LabelledSequence prefix(int length) {
        if (length < 1 || length > values.length) {
            throw new IllegalArgumentException("a prefix of a " + values.length + "-step sequence has 1.."
                    + values.length + " steps, got " + length);
        }
        return new LabelledSequence(label, Arrays.copyOf(values, length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelledSequence that && label == that.label && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * label + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "class " + label + ": " + Arrays.toString(values);
    }
}

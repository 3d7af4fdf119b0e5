package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A set of labelled sequences as read and checked from either layout ({@link LabelledRowsFile},
 * {@link NumberedSequenceFiles}): each sequence its steps of one or more values and its class index.
 * Held so that a task reads its files once and builds every DataVec reader over it.
 */
public final class LabelledSequenceSet {

    private final Path source;
    /** [sequence][step][column]. */
    private final double[][][] steps;
    private final int[] labels;
    private final SequenceSetShape shape;

    /**
     * @param source the file or folder the sequences came from
     * @param steps  each sequence's steps, each step the same number of values (not copied: the
     *               readers of this package hand over arrays they built)
     * @param labels each sequence's class index
     */
    LabelledSequenceSet(Path source, double[][][] steps, int[] labels) {
        if (steps.length == 0 || steps.length != labels.length) {
            throw new IllegalArgumentException("a set needs at least one sequence and one label per sequence, got "
                    + steps.length + " sequences and " + labels.length + " labels");
        }
        this.source = source;
        this.steps = steps;
        this.labels = labels;
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (double[][] sequence : steps) {
            shortest = Math.min(shortest, sequence.length);
            longest = Math.max(longest, sequence.length);
        }
        this.shape = new SequenceSetShape(steps.length, steps[0][0].length, shortest, longest);
    }

    /** One-value-per-step sequences, such as the rows of a labelled-rows file. */
    public static LabelledSequenceSet of(Path source, List<LabelledSequence> sequences) {
        double[][][] steps = new double[sequences.size()][][];
        int[] labels = new int[sequences.size()];
        for (int i = 0; i < steps.length; i++) {
            LabelledSequence sequence = sequences.get(i);
            steps[i] = new double[sequence.length()][1];
            for (int t = 0; t < sequence.length(); t++) {
                steps[i][t][0] = sequence.value(t);
            }
            labels[i] = sequence.label();
        }
        return new LabelledSequenceSet(source, steps, labels);
    }

    /** The file or folder the sequences were read from. */
    public Path source() {
        return source;
    }

    /** Number of sequences, columns per step, shortest and longest. */
    public SequenceSetShape shape() {
        return shape;
    }

    /** Number of sequences. */
    public int size() {
        return steps.length;
    }

    /** The class index of sequence {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of the steps of sequence {@code i}: one row per step, one column per value. */
    public double[][] steps(int i) {
        double[][] copy = new double[steps[i].length][];
        for (int t = 0; t < copy.length; t++) {
            copy[t] = steps[i][t].clone();
        }
        return copy;
    }

    /** Sequences per class, for classes 0..classes-1. */
    public int[] perClass(int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            if (label >= classes) {
                throw new IllegalArgumentException("sequence of class " + label + " in " + source + ", but there are "
                        + classes + " classes");
            }
            counts[label]++;
        }
        return counts;
    }

    /** Equal when read from the same place with the same sequences, labels and steps. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LabelledSequenceSet set && source.equals(set.source) && Arrays.equals(labels, set.labels)
                && Arrays.deepEquals(steps, set.steps);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return steps.length + " labelled sequences of " + source;
    }
}

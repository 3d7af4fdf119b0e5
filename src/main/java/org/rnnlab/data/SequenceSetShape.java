package org.rnnlab.data;

import java.util.List;

/**
 * What a checked set of labelled sequences holds, so a network can be sized from it.
 *
 * @param sequences number of sequences
 * @param columns   values per time step (the network's nIn)
 * @param shortest  steps of the shortest sequence
 * @param longest   steps of the longest sequence
 */
public record SequenceSetShape(int sequences, int columns, int shortest, int longest) {

    /** The shape of one-value-per-step sequences, such as a labelled-rows file's; at least one is needed. */
    public static SequenceSetShape of(List<LabelledSequence> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a set of sequences needs at least one");
        }
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (LabelledSequence sequence : sequences) {
            shortest = Math.min(shortest, sequence.length());
            longest = Math.max(longest, sequence.length());
        }
        return new SequenceSetShape(sequences.size(), 1, shortest, longest);
    }

    /** Whether the sequences differ in length, so minibatches are padded and masked. */
    public boolean ragged() {
        return shortest != longest;
    }
}

package org.rnnlab.data.files;

/**
 * What a checked set of labelled sequences holds, so a network can be sized from it.
 *
 * @param sequences number of sequences
 * @param columns   values per time step (the network's nIn)
 * @param shortest  steps of the shortest sequence
 * @param longest   steps of the longest sequence
 */
public record SequenceSetShape(int sequences, int columns, int shortest, int longest) {

    /** Whether the sequences differ in length, so minibatches are padded and masked. */
    public boolean ragged() {
        return shortest != longest;
    }
}

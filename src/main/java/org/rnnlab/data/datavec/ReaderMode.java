package org.rnnlab.data.datavec;

/**
 * Which half of a many-to-one example a reader yields. Features and labels of a many-to-one task
 * have different lengths, so DataVec reads them with two readers over the same file, one per mode.
 */
public enum ReaderMode {
    /** The input sequence, one step per time step. */
    FEATURES,
    /** The target: a sequence of one step. */
    LABELS
}

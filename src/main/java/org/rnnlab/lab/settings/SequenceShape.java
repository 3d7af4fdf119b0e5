package org.rnnlab.lab.settings;

import org.rnnlab.spec.OutputMode;

/**
 * What a task's data asks of the network: features per step in, output units out, whether it answers
 * once per sequence or at every step, and how many steps one training sequence has.
 */
public record SequenceShape(int nIn, int nOut, OutputMode outputMode, int sequenceLength) {

    public SequenceShape {
        if (nIn < 1 || nOut < 1 || sequenceLength < 1 || outputMode == null) {
            throw new IllegalArgumentException("a sequence shape needs nIn, nOut and a length of at least 1 and an "
                    + "output mode, got " + nIn + ", " + nOut + ", " + outputMode + ", " + sequenceLength);
        }
    }
}

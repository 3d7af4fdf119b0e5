package org.rnnlab.spec;

import java.io.Serializable;

/**
 * How a network is trained: the optimiser and its schedule.
 *
 * @param updater      SGD or Adam
 * @param learningRate step size
 * @param clip         gradient clipping
 * @param batch        sequences per minibatch
 * @param epochs       passes over the training data (the most, if training stops early)
 * @param tbptt        truncated BPTT length in steps, or 0 for full BPTT
 * @param seed         seed of the weight initialisation and of any random data draws
 */
public record TrainingSpec(UpdaterKind updater, double learningRate, ClipSpec clip, int batch,
                           int epochs, int tbptt, long seed) implements Serializable {

    /** ND4J's Adam defaults, which rnnlab keeps. */
    public static final double ADAM_BETA1 = 0.9;
    public static final double ADAM_BETA2 = 0.999;
    public static final double ADAM_EPSILON = 1e-8;

    public TrainingSpec {
        if (updater == null || clip == null) {
            throw new IllegalArgumentException("training spec has a missing field");
        }
        if (!(learningRate > 0) || batch < 1 || epochs < 1 || tbptt < 0) {
            throw new IllegalArgumentException("bad training spec: lr=" + learningRate + ", batch=" + batch
                    + ", epochs=" + epochs + ", tbptt=" + tbptt);
        }
    }
}

package org.rnnlab.experiments;

import java.util.List;

/**
 * The main job: every reference experiment (E1-E4), SimpleRnn and LSTM, trained by DL4J and by the
 * scratch network, in one results table (printed, and written as CSV under target/runs/). The GRU
 * rows of the same experiments are {@link GruExperiments}, a job of their own, so that this one
 * stays within five minutes here.
 */
public final class AllExperiments {

    /** The reference settings, in the order of the table. */
    static final List<String> REFERENCE = List.of(
            "e1-letter-parity-simplernn", "e1-letter-parity-lstm",
            "e1-letter-parity-all81-simplernn", "e1-letter-parity-all81-lstm",
            "e2-sine-window-simplernn", "e2-sine-window-lstm",
            "e3-sine-generation-simplernn", "e3-sine-generation-lstm",
            "e3-sine-warmup-simplernn", "e3-sine-warmup-lstm",
            "e4-sine-slow-simplernn", "e4-sine-slow-lstm");

    static final Usage USAGE = Experiments.trainingUsage(AllExperiments.class,
            "The main job: trains every reference experiment (E1-E4, SimpleRnn and LSTM) with DL4J and with"
                    + " the scratch network and prints one results table.",
            REFERENCE);

    private AllExperiments() {
    }

    public static void main(String[] args) {
        Experiments.main(args, AllExperiments::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

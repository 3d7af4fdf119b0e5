package org.rnnlab.experiments;

import java.util.List;

/**
 * The main job: every reference experiment (E1-E4), SimpleRnn, LSTM and GRU, trained by DL4J and by
 * the scratch network, in one results table (printed, and written as CSV under target/runs/).
 */
public final class AllExperiments {

    /** The reference settings, in the order of the table. */
    static final List<String> REFERENCE = List.of(
            "e1-letter-parity-simplernn", "e1-letter-parity-lstm", "e1-letter-parity-gru",
            "e1-letter-parity-all81-simplernn", "e1-letter-parity-all81-lstm",
            "e2-sine-window-simplernn", "e2-sine-window-lstm", "e2-sine-window-gru",
            "e3-sine-generation-simplernn", "e3-sine-generation-lstm",
            "e3-sine-warmup-simplernn", "e3-sine-warmup-lstm", "e3-sine-warmup-gru",
            "e4-sine-slow-simplernn", "e4-sine-slow-lstm", "e4-sine-slow-gru");

    private AllExperiments() {
    }

    public static void main(String[] args) {
        Experiments.main(args, AllExperiments::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport("rnnlab", io, args, Experiments.files(REFERENCE.toArray(String[]::new)));
    }
}

package org.rnnlab.experiments;

import java.util.List;

/**
 * The GRU rows of the reference experiments (E1, E2, E3's warm-up protocol, E4): rnnlab's own DL4J
 * GRU layer and the scratch GRU, trained on the same minibatches from the same parameters, in a
 * results table like the main job's.
 */
public final class GruExperiments {

    /** The GRU settings, in the order of the table. */
    static final List<String> REFERENCE = List.of(
            "e1-letter-parity-gru", "e2-sine-window-gru", "e3-sine-warmup-gru", "e4-sine-slow-gru");

    private GruExperiments() {
    }

    public static void main(String[] args) {
        Experiments.main(args, GruExperiments::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport("rnnlab", io, args, Experiments.files(REFERENCE.toArray(String[]::new)));
    }
}

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

    static final Usage USAGE = Experiments.trainingUsage(GruExperiments.class,
            "Trains the GRU rows of the reference experiments (E1, E2, E3's warm-up protocol, E4) with"
                    + " rnnlab's DL4J GRU layer and the scratch GRU from the same parameters, and prints their"
                    + " results table.",
            REFERENCE);

    private GruExperiments() {
    }

    public static void main(String[] args) {
        Experiments.main(args, GruExperiments::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

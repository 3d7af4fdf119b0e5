package org.rnnlab.experiments;

import java.util.List;

/**
 * E1 · letter parity: is the number of a's in a 4-letter string odd? (SimpleRnn and LSTM).
 *
 * <ol>
 *   <li>Read experiments/e1-letter-parity-{simplernn,lstm}.properties (the original's 12 training
 *       strings) and experiments/e1-letter-parity-all81-{simplernn,lstm}.properties (trained on all 81).</li>
 *   <li>Train each with DL4J on the data in data/, read through DataVec.</li>
 *   <li>Write a run folder per network under target/runs/ and print the results table.</li>
 * </ol>
 * Run it from the project root (an IDE's default); other settings files may be named as arguments.
 */
public final class LetterParity {

    static final Usage USAGE = Experiments.trainingUsage(LetterParity.class,
            "E1, letter parity: trains networks to say whether a 4-letter string has an odd number of a's,"
                    + " on the original's 12 training strings and on all 81, and prints the results table.",
            List.of("e1-letter-parity-simplernn", "e1-letter-parity-lstm", "e1-letter-parity-all81-simplernn",
                    "e1-letter-parity-all81-lstm"));

    private LetterParity() {
    }

    public static void main(String[] args) {
        Experiments.main(args, LetterParity::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

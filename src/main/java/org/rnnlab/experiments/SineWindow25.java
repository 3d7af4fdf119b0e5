package org.rnnlab.experiments;

import java.util.List;

/**
 * E2 · sine, window of 25 -> next value, with a held-out test series (SimpleRnn and LSTM).
 *
 * <ol>
 *   <li>Read experiments/e2-sine-window-simplernn.properties and experiments/e2-sine-window-lstm.properties.</li>
 *   <li>Train each with DL4J on the data in data/, read through DataVec.</li>
 *   <li>Write a run folder per network under target/runs/ and print the results table.</li>
 * </ol>
 * Run it from the project root (an IDE's default); other settings files may be named as arguments.
 */
public final class SineWindow25 {

    static final Usage USAGE = Experiments.trainingUsage(SineWindow25.class,
            "E2: trains networks to predict a sine's next value from a window of 25, with a held-out test"
                    + " series, and prints the results table.",
            List.of("e2-sine-window-simplernn", "e2-sine-window-lstm"));

    private SineWindow25() {
    }

    public static void main(String[] args) {
        Experiments.main(args, SineWindow25::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

package org.rnnlab.experiments;

import java.util.List;

/**
 * E4 · sin(x/20), window of 4 -> next value, with validation and early stopping (SimpleRnn and LSTM).
 *
 * <ol>
 *   <li>Read experiments/e4-sine-slow-simplernn.properties and experiments/e4-sine-slow-lstm.properties.</li>
 *   <li>Train each with DL4J on the data in data/, read through DataVec.</li>
 *   <li>Write a run folder per network under target/runs/ and print the results table.</li>
 * </ol>
 * Run it from the project root (an IDE's default); other settings files may be named as arguments.
 */
public final class SineSlowWindow4 {

    static final Usage USAGE = Experiments.trainingUsage(SineSlowWindow4.class,
            "E4: trains networks to predict sin(x/20) from a window of 4, with validation and early"
                    + " stopping, and prints the results table.",
            List.of("e4-sine-slow-simplernn", "e4-sine-slow-lstm"));

    private SineSlowWindow4() {
    }

    public static void main(String[] args) {
        Experiments.main(args, SineSlowWindow4::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

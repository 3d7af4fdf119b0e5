package org.rnnlab.experiments;

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

    private SineWindow25() {
    }

    public static void main(String[] args) {
        Experiments.main(args, SineWindow25::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport("rnnlab", io, args, Experiments.files("e2-sine-window-simplernn", "e2-sine-window-lstm"));
    }
}

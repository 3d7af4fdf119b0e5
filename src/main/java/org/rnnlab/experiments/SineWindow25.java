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
        Experiments.runAndReport(Experiments.filesOrDefaults(args,
                Experiments.files("e2-sine-window-simplernn", "e2-sine-window-lstm")));
    }
}

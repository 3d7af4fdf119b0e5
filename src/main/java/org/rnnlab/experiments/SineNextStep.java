package org.rnnlab.experiments;

import java.util.List;

/**
 * E3 · sine next-step prediction and free-running generation (SimpleRnn and LSTM).
 *
 * <ol>
 *   <li>The original protocol: stateful training on windows drawn at random, generation from the
 *       window's first value alone (experiments/e3-sine-generation-*.properties).</li>
 *   <li>rnnlab's protocol: training on the windows from a cleared state, and generation after a
 *       warm-up on true values before the window (experiments/e3-sine-warmup-*.properties).</li>
 *   <li>Each run writes a run folder under target/runs/ with the generated curves plotted against
 *       the true sine; the results table compares the free-running RMSE of both protocols.</li>
 * </ol>
 */
public final class SineNextStep {

    static final Usage USAGE = Experiments.trainingUsage(SineNextStep.class,
            "E3: trains networks to predict a sine's next value and lets them generate the curve on their"
                    + " own, under the original protocol and after a warm-up on true values, and prints the results"
                    + " table.",
            List.of("e3-sine-generation-simplernn", "e3-sine-generation-lstm", "e3-sine-warmup-simplernn",
                    "e3-sine-warmup-lstm"));

    private SineNextStep() {
    }

    public static void main(String[] args) {
        Experiments.main(args, SineNextStep::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

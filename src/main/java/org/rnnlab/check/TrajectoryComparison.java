package org.rnnlab.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.bridge.Batches;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.ScratchTrainer;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.TrainingSpec;

/**
 * Trains DL4J ({@code net.fit(DataSet)}) and the scratch network ({@link ScratchTrainer#fit}) side
 * by side from identical parameters on identical minibatches, and compares the two loss curves at
 * every step and the parameters at the end.
 *
 * <p>This covers what a gradient comparison cannot: the division by the minibatch, clipping,
 * frozen biases, the SGD or Adam step and its iteration count, and truncated BPTT when the
 * training spec asks for it. The loss of a step is the score the step's gradient was computed
 * with, before its update (what DL4J's {@code score()} reports after {@code fit}).
 *
 * <p>Reading a disagreement: DL4J's native tanh, sigmoid and exp differ from Java's in the last
 * bit, so the two trajectories start about 1e-16 apart. Where training is stable that stays so
 * for hundreds of steps. Where it is not (a learning rate near the edge of stability, e.g. SGD
 * at 0.5 on a small sigmoid network) the difference grows by a constant factor per step — a
 * straight line on a log scale starting near 1e-16 — which is a property of the trajectory, not
 * a bug. A real difference in the gradient or the update shows from the first steps on. The
 * relative error of a loss that has fallen close to zero is also inflated, by cancellation.
 */
public final class TrajectoryComparison {

    private TrajectoryComparison() {
    }

    /**
     * Both loss curves and the final parameters.
     *
     * @param dl4jLosses      DL4J's score at each step
     * @param scratchLosses   the scratch trainer's score at each step
     * @param finalParameters the parameters after the last step, DL4J (left) vs scratch (right);
     *                        its scores are the last step's losses
     */
    public record Result(double[] dl4jLosses, double[] scratchLosses, Report finalParameters) {

        public Result {
            dl4jLosses = dl4jLosses.clone();
            scratchLosses = scratchLosses.clone();
        }

        @Override
        public double[] dl4jLosses() {
            return dl4jLosses.clone();
        }

        @Override
        public double[] scratchLosses() {
            return scratchLosses.clone();
        }

        public int steps() {
            return dl4jLosses.length;
        }

        /** Relative error of the two losses at one step (0-based). */
        public double lossRelativeError(int step) {
            return new RelativeError(0, 0).of(dl4jLosses[step], scratchLosses[step]);
        }

        /** The step with the largest relative loss error (a NaN one first). */
        public int worstStep() {
            int worst = 0;
            for (int step = 0; step < steps(); step++) {
                double error = lossRelativeError(step);
                if (Double.isNaN(error)) {
                    return step;
                }
                if (error > lossRelativeError(worst)) {
                    worst = step;
                }
            }
            return worst;
        }

        /** The largest relative loss error over all steps; NaN when a loss is NaN. */
        public double maxLossRelativeError() {
            return lossRelativeError(worstStep());
        }

        /** The largest relative error of any final parameter entry. */
        public double maxParameterRelativeError() {
            return finalParameters.maxRelativeError();
        }

        @Override
        public String toString() {
            int worst = worstStep();
            int last = steps() - 1;
            return String.format(Locale.ROOT, "%d steps; losses: first %.15e (dl4j) / %.15e (scratch), "
                            + "last %.15e / %.15e; worst step %d: %.15e / %.15e, rel err %.2e%n",
                    steps(), dl4jLosses[0], scratchLosses[0], dl4jLosses[last], scratchLosses[last], worst,
                    dl4jLosses[worst], scratchLosses[worst], lossRelativeError(worst)) + finalParameters;
        }
    }

    /**
     * Builds the DL4J network with {@link NetworkFactory} (in the spec's precision, its own seeded
     * initialisation), gives the scratch network the same parameters, and trains both for
     * {@code steps} updates; step k uses {@code batches.get(k % batches.size())}.
     */
    public static Result run(NetworkSpec network, TrainingSpec training, List<SequenceBatch> batches, int steps) {
        if (batches == null || batches.isEmpty()) {
            throw new IllegalArgumentException("a trajectory needs at least one minibatch");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("a trajectory needs at least one step, got " + steps);
        }
        MultiLayerNetwork net = NetworkFactory.network(network, training);
        ScratchNetwork scratch = new ScratchNetwork(network, training.seed());
        ParameterBridge.toScratch(net, scratch);
        ScratchTrainer trainer = new ScratchTrainer(scratch, training);

        List<SequenceBatch> scored = new ArrayList<>();
        List<DataSet> dataSets = new ArrayList<>();
        for (SequenceBatch batch : batches) {
            SequenceBatch withMask = scratch.withOutputModeMask(batch);
            scored.add(withMask);
            dataSets.add(Batches.inTypeOf(net, Batches.toDataSet(withMask)));
        }
        double[] dl4jLosses = new double[steps];
        double[] scratchLosses = new double[steps];
        for (int step = 0; step < steps; step++) {
            int b = step % batches.size();
            net.fit(dataSets.get(b));
            dl4jLosses[step] = net.score();
            scratchLosses[step] = trainer.fit(scored.get(b));
        }
        Report parameters = Report.of("parameters after " + steps + " steps: " + GradientComparison.DL4J + " vs "
                        + GradientComparison.SCRATCH, network, RelativeError.ANALYTIC, GradientComparison.DL4J,
                dl4jLosses[steps - 1], ParameterBridge.flatParams(net), GradientComparison.SCRATCH,
                scratchLosses[steps - 1], scratch.params());
        return new Result(dl4jLosses, scratchLosses, parameters);
    }
}

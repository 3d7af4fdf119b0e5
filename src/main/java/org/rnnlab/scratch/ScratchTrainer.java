package org.rnnlab.scratch;

import java.util.Arrays;

import org.rnnlab.spec.TrainingSpec;

/**
 * Trains a {@link ScratchNetwork} the way DL4J's {@code MultiLayerNetwork.fit(DataSet)} does.
 * One update is, in BaseMultiLayerUpdater's order:
 * <ol>
 *   <li>gradient summed over the minibatch ({@link ScratchNetwork#computeGradientAndScore});</li>
 *   <li>divided by the minibatch size (DL4J's default miniBatch(true));</li>
 *   <li>clipped per layer ({@link GradientClipping});</li>
 *   <li>bias entries zeroed when the network has no biases, so they stay at zero (DL4J does the
 *       same with {@code biasUpdater(new Sgd(0.0))}; its {@code NoOp} updater would instead apply
 *       the raw gradient);</li>
 *   <li>applied by the {@link Updater}; the iteration count then grows by one.</li>
 * </ol>
 * With truncated BPTT (tbptt &gt; 0) the sequences are cut into segments of tbptt steps (the last
 * may be shorter), as in {@code doTruncatedBPTT}: each segment's forward pass starts from the state
 * its predecessor ended in (the first from zeros), its backward pass stays inside the segment, and
 * every segment makes one update. Like DL4J, this clears the network's {@code timeStep} state
 * before and after.
 */
public final class ScratchTrainer {

    private final ScratchNetwork network;
    private final TrainingSpec training;
    private final TbpttGradient tbpttGradient;
    private final Updater updater;
    private final double[] gradient;
    private int iteration;
    private StepObserver observer;

    /** A trainer whose truncated-BPTT gradients match DL4J 1.0.0-M2.1 ({@link TbpttGradient#DL4J}). */
    public ScratchTrainer(ScratchNetwork network, TrainingSpec training) {
        this(network, training, TbpttGradient.DL4J);
    }

    public ScratchTrainer(ScratchNetwork network, TrainingSpec training, TbpttGradient tbpttGradient) {
        if (network == null || training == null || tbpttGradient == null) {
            throw new IllegalArgumentException("a trainer needs a network, a training spec and a TBPTT gradient mode");
        }
        this.network = network;
        this.training = training;
        this.tbpttGradient = tbpttGradient;
        this.updater = Updater.of(training, network.numParams());
        this.gradient = new double[network.numParams()];
    }

    /**
     * One pass over the batch: one update, or one per segment with truncated BPTT.
     *
     * @return the score of the last gradient computation, i.e. of the last segment, before its
     *         update (what DL4J's {@code score()} reports after {@code fit})
     */
    public double fit(SequenceBatch batch) {
        SequenceBatch scored = network.withOutputModeMask(batch);
        int steps = scored.timeSteps();
        int segmentLength = training.tbptt();
        if (segmentLength == 0) {
            double score = network.computeGradientAndScore(scored, gradient);
            update(scored.miniBatch(), score);
            return score;
        }
        network.clearState();
        int mb = scored.miniBatch();
        RecurrentState[] start = null;
        RecurrentState[] end = network.newStates(mb);
        double score = Double.NaN;
        for (int from = 0; from < steps; from += segmentLength) {
            SequenceBatch segment = scored.steps(from, Math.min(steps, from + segmentLength));
            score = network.segmentGradientAndScore(segment, gradient, start, end, tbpttGradient);
            update(mb, score);
            RecurrentState[] done = start == null ? network.newStates(mb) : start;
            start = end;
            end = done;
        }
        network.clearState();
        return score;
    }

    /** Number of updates made so far. */
    public int iteration() {
        return iteration;
    }

    /**
     * Sets the number of updates made so far, for a run continued from a checkpoint (Adam's bias
     * correction depends on it).
     */
    public void setIteration(int iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must not be negative, got " + iteration);
        }
        this.iteration = iteration;
    }

    /** Tells {@code observer} about every update from now on; null for none. */
    public void setObserver(StepObserver observer) {
        this.observer = observer;
    }

    public Updater updater() {
        return updater;
    }

    /** The gradient of the last update, after division by the minibatch and clipping. */
    public double[] lastGradient() {
        return gradient.clone();
    }

    private void update(int miniBatch, double score) {
        boolean observed = observer != null && observer.observes(iteration);
        double[] summed = observed ? gradient.clone() : null;
        double[] before = observed ? network.params() : null;
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] /= miniBatch;
        }
        GradientClipping.apply(training.clip(), network.layout(), gradient);
        if (!network.spec().bias()) {
            for (ParamBlock block : network.layout().blocks()) {
                if (block.isBias()) {
                    Arrays.fill(gradient, block.offset(), block.end(), 0);
                }
            }
        }
        updater.step(network.paramArray(), gradient, iteration);
        network.roundToPrecision(network.paramArray());
        if (observer != null) {
            double[] after = observed ? network.params() : null;
            if (observed) {
                for (int k = 0; k < before.length; k++) {
                    before[k] -= after[k];
                }
            }
            observer.updated(iteration, score, miniBatch, summed, before, after);
        }
        iteration++;
    }
}

package org.rnnlab.scratch;

import java.util.Arrays;

import org.rnnlab.spec.CellType;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.Precision;

/**
 * A recurrent network in plain Java that computes what DL4J 1.0.0-M2.1's MultiLayerNetwork
 * computes for the same {@link NetworkSpec}: stacked SimpleRnn, LSTM or GRU layers (the GRU as
 * rnnlab's own DL4J layer computes it), then an RnnOutputLayer at every step.
 *
 * <p>All parameters live in one flat array in DL4J's {@code params()} order (see
 * {@link ParameterLayout}). {@link #computeGradientAndScore} leaves the gradient as DL4J's
 * {@code computeGradientAndScore()} does: summed over the minibatch, i.e. mb × ∂score/∂θ, where
 * score = (1/mb) Σ_examples Σ_steps labelMask · loss.
 *
 * <p>Masks follow DL4J: the feature mask zeroes a SimpleRnn layer's output at masked steps (and so
 * restarts its state) and of a GRU layer alike, is ignored by LSTM layers, and never reaches the loss; the label mask alone
 * selects the scored steps. For {@link OutputMode#LAST_STEP} a batch without a label mask is scored
 * at each example's last existing step only (see {@link #withOutputModeMask}).
 *
 * <p>In {@link Precision#FLOAT} (a speed option) the recurrent layers compute in float, and every
 * parameter and gradient entry is a float value: the flat double array holds them exactly, so the
 * updater, the checkpoints and the parameter bridge read them unchanged, and each update ends by
 * rounding the parameters to float, as a float network stores them.
 *
 * <p>Caches are sized by minibatch and sequence length and reused while those do not grow. An
 * instance is not thread-safe.
 */
public final class ScratchNetwork {

    private final NetworkSpec spec;
    private final ParameterLayout layout;
    private final double[] params;
    private final RecurrentLayer[] layers;
    private final OutputLayer output;
    private int threads = 1;

    /** ∂L/∂h coming down into a recurrent layer, and the one it sends to the layer below: [mb][steps][hidden]. */
    private double[][][] dhAbove = new double[0][0][];
    private double[][][] dhBelow = new double[0][0][];

    /** State carried by {@link #timeStep}; null means zeros (before the first step, after clearState). */
    private RecurrentState[] stepState;
    /** [mb][1] view of a timeStep input, reused. */
    private double[][][] stepInput = new double[0][1][];

    /** Makes the recurrent layer of {@code hidden} units of the cell that reads the given parameter blocks. */
    @FunctionalInterface
    interface LayerFactory {
        RecurrentLayer create(CellType cell, RecurrentBlocks blocks, int hidden);
    }

    /** A network with parameters drawn from the spec's weight initialisation, seeded with {@code seed}. */
    public ScratchNetwork(NetworkSpec spec, long seed) {
        this(spec, seed, spec.precision() == Precision.FLOAT ? ScratchNetwork::floatLayer : ScratchNetwork::standardLayer);
    }

    /**
     * A network whose recurrent layers come from {@code layerFactory}. Tests use it to plant a
     * mistake in a reference cell's backward pass and prove that the cross-check against DL4J
     * catches it.
     */
    ScratchNetwork(NetworkSpec spec, long seed, LayerFactory layerFactory) {
        this.spec = spec;
        this.layout = ParameterLayout.of(spec);
        this.params = new double[layout.size()];
        this.layers = new RecurrentLayer[spec.layers()];
        for (int l = 0; l < spec.layers(); l++) {
            RecurrentBlocks blocks = RecurrentBlocks.of(layout, l, spec.cell().hasRecurrentBias());
            layers[l] = layerFactory.create(spec.cell(), blocks, spec.hidden());
        }
        int out = spec.layers();
        this.output = new OutputLayer(layout.block(out + "_" + ParamBlock.INPUT_WEIGHTS),
                layout.block(out + "_" + ParamBlock.BIAS),
                new OutputLoss(spec.loss(), spec.activation(), spec.nOut()),
                spec.precision() == Precision.FLOAT ? FloatKernels.active() : null);
        WeightInitializer.initialize(spec, layout, params, seed);
        roundToPrecision(params);
    }

    /**
     * The same network built from the readable reference cells ({@link SimpleRnnReference},
     * {@link LstmReference}, {@link GruReference}) instead of the fast ones: same parameters for the same seed, same
     * results to rounding, much slower. For reading and for checking the fast cells against.
     */
    public static ScratchNetwork reference(NetworkSpec spec, long seed) {
        return new ScratchNetwork(spec, seed, ScratchNetwork::referenceLayer);
    }

    private static RecurrentLayer standardLayer(CellType cell, RecurrentBlocks blocks, int hidden) {
        return switch (cell) {
            case SIMPLE_RNN -> new SimpleRnnLayer(blocks, hidden);
            case LSTM -> new LstmLayer(blocks, hidden);
            case GRU -> new GruLayer(blocks, hidden);
        };
    }

    private static RecurrentLayer floatLayer(CellType cell, RecurrentBlocks blocks, int hidden) {
        return FloatLayers.create(cell, blocks, hidden);
    }

    /**
     * Which float kernels a network in float runs on in this JVM (the Vector API ones or the plain
     * Java ones), and how to get the faster ones when they are not: one line for the log.
     */
    public static String floatKernels() {
        return FloatKernels.describe();
    }

    private static RecurrentLayer referenceLayer(CellType cell, RecurrentBlocks blocks, int hidden) {
        return switch (cell) {
            case SIMPLE_RNN -> new SimpleRnnReference(blocks, hidden);
            case LSTM -> new LstmReference(blocks, hidden);
            case GRU -> new GruReference(blocks, hidden);
        };
    }

    public NetworkSpec spec() {
        return spec;
    }

    public ParameterLayout layout() {
        return layout;
    }

    public int numParams() {
        return params.length;
    }

    /**
     * Splits each step's minibatch over {@code threads} threads (1, the default, keeps everything on
     * the caller). Any thread count gives bit-for-bit the same results: each example's row and each
     * weight column is computed whole by one thread, in the same order. Worth it for minibatches
     * of tens of examples and more; small steps stay on the caller whatever the setting, and so
     * does a {@link #reference} network.
     */
    public void setThreads(int threads) {
        Workers workers = Workers.of(threads);
        for (RecurrentLayer layer : layers) {
            layer.useWorkers(workers);
        }
        this.threads = threads;
    }

    /** The threads set by {@link #setThreads}. */
    public int threads() {
        return threads;
    }

    /** A copy of all parameters in DL4J's flat order. */
    public double[] params() {
        return params.clone();
    }

    /** Replaces all parameters; {@code flat} is in DL4J's flat order and is copied. */
    public void setParams(double[] flat) {
        if (flat == null || flat.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got "
                    + (flat == null ? "null" : flat.length));
        }
        System.arraycopy(flat, 0, params, 0, params.length);
        roundToPrecision(params);
    }

    /** The floating-point type the network computes in. */
    public Precision precision() {
        return spec.precision();
    }

    /** Rounds every entry to the network's precision (nothing to do in double). */
    void roundToPrecision(double[] values) {
        if (spec.precision() == Precision.FLOAT) {
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) values[k];
            }
        }
    }

    /** One parameter entry, e.g. param("0_b", 0, j). */
    public double param(String name, int row, int col) {
        return params[layout.block(name).index(row, col)];
    }

    /** The live parameter array, for the trainer and for finite differences. */
    double[] paramArray() {
        return params;
    }

    /**
     * The batch with the label mask this network scores it with: for {@link OutputMode#LAST_STEP}
     * and no label mask, a mask that is 1 only at each example's last existing step (what DL4J
     * needs to be given for many-to-one); otherwise the batch itself.
     */
    public SequenceBatch withOutputModeMask(SequenceBatch batch) {
        if (batch.labelMask() != null) {
            return batch;
        }
        return switch (spec.output()) {
            case LAST_STEP -> batch.withLabelMask(batch.lastStepMask());
            case EVERY_STEP -> batch;
        };
    }

    /**
     * Score of the batch and its gradient, written into {@code gradOut} as DL4J leaves it: summed
     * over the minibatch (mb × ∂score/∂θ), in the flat parameter order. Starts from a zero state.
     */
    public double computeGradientAndScore(SequenceBatch batch, double[] gradOut) {
        return segmentGradientAndScore(withOutputModeMask(batch), gradOut, null, null, TbpttGradient.CARRIED_STATE);
    }

    /** score = (1/mb) Σ_examples Σ_steps labelMask · loss, from a zero state. */
    public double score(SequenceBatch batch) {
        SequenceBatch scored = withOutputModeMask(batch);
        checkSizes(scored);
        int mb = scored.miniBatch();
        int steps = scored.timeSteps();
        forward(scored.features(), scored.featureMask(), mb, steps, null);
        return output.summedLoss(scored.labels(), scored.labelMask(), mb, steps) / mb;
    }

    /**
     * The network's outputs ŷ for every example and step, from a zero state, like DL4J's
     * {@code output(features, false, featureMask, null)}.
     *
     * @param features    [mb][T][nIn]
     * @param featureMask [mb][T] of 0/1, or null
     * @return ŷ, [mb][T][nOut]
     */
    public double[][][] output(double[][][] features, double[][] featureMask) {
        SequenceBatch.requireFeatures(features, spec.nIn());
        int mb = features.length;
        int steps = features[0].length;
        SequenceBatch.requireMask(featureMask, "feature mask", mb, steps);
        forward(features, featureMask, mb, steps, null);
        double[][][] yHats = output.yHats();
        double[][][] result = new double[mb][steps][];
        for (int e = 0; e < mb; e++) {
            for (int t = 0; t < steps; t++) {
                result[e][t] = yHats[e][t].clone();
            }
        }
        return result;
    }

    /**
     * One step for every example, carrying the hidden (and cell) state across calls, like DL4J's
     * {@code rnnTimeStep} with 2-d input. The state starts at zero and is kept until
     * {@link #clearState()}; the minibatch size must stay the same in between.
     *
     * @param x inputs of this step, [mb][nIn]
     * @return ŷ of this step, [mb][nOut]
     */
    public double[][] timeStep(double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("timeStep needs at least one example");
        }
        int mb = x.length;
        for (int e = 0; e < mb; e++) {
            if (x[e] == null || x[e].length != spec.nIn()) {
                throw new IllegalArgumentException("timeStep input [" + e + "] has " + (x[e] == null ? "no" : x[e].length)
                        + " features, expected nIn = " + spec.nIn());
            }
        }
        if (stepState == null) {
            stepState = newStates(mb);
        } else if (stepState[0].miniBatch() != mb) {
            throw new IllegalStateException("timeStep got " + mb + " examples but the carried state holds "
                    + stepState[0].miniBatch() + "; call clearState() before changing the minibatch size");
        }
        if (stepInput.length != mb) {
            stepInput = new double[mb][1][];
        }
        for (int e = 0; e < mb; e++) {
            stepInput[e][0] = x[e];
        }
        forward(stepInput, null, mb, 1, stepState);
        for (int l = 0; l < layers.length; l++) {
            layers[l].saveFinalState(mb, 1, stepState[l]);
        }
        double[][] result = new double[mb][];
        for (int e = 0; e < mb; e++) {
            result[e] = output.yHats()[e][0].clone();
        }
        return result;
    }

    /** Forgets the state carried by {@link #timeStep}. */
    public void clearState() {
        stepState = null;
    }

    /** Zero states for every recurrent layer. */
    RecurrentState[] newStates(int miniBatch) {
        RecurrentState[] states = new RecurrentState[layers.length];
        for (int l = 0; l < layers.length; l++) {
            states[l] = layers[l].newState(miniBatch);
        }
        return states;
    }

    /**
     * Score and summed gradient of one sequence segment whose label mask is already resolved.
     *
     * @param start state before the first step, one per layer, or null for zeros
     * @param end   receives the state after the last step of the forward pass, or null
     * @param mode  how the backward pass treats a non-null {@code start}
     */
    double segmentGradientAndScore(SequenceBatch batch, double[] gradOut, RecurrentState[] start,
                                   RecurrentState[] end, TbpttGradient mode) {
        checkSizes(batch);
        if (gradOut == null || gradOut.length != params.length) {
            throw new IllegalArgumentException("gradient array must hold " + params.length + " entries, got "
                    + (gradOut == null ? "null" : gradOut.length));
        }
        int mb = batch.miniBatch();
        int steps = batch.timeSteps();
        double[][] featureMask = batch.featureMask();
        forward(batch.features(), featureMask, mb, steps, start);
        if (end != null) {
            for (int l = 0; l < layers.length; l++) {
                layers[l].saveFinalState(mb, steps, end[l]);
            }
        }
        double score = output.summedLoss(batch.labels(), batch.labelMask(), mb, steps) / mb;

        Arrays.fill(gradOut, 0);
        reserveGradientBuffers(mb, steps);
        RecurrentLayer top = layers[layers.length - 1];
        output.backward(params, top.hs(), batch.labels(), batch.labelMask(), mb, steps, gradOut, dhAbove);
        for (int l = layers.length - 1; l >= 0; l--) {
            double[][][] x = l == 0 ? batch.features() : layers[l - 1].hs();
            RecurrentState initial = start == null ? null : start[l];
            if (initial != null && mode == TbpttGradient.DL4J) {
                // DL4J's backpropGradient re-runs the layer from zeros; the layers above already used its outputs
                layers[l].forward(params, x, mb, steps, featureMask, null);
                initial = null;
            }
            layers[l].backward(params, x, mb, steps, featureMask, initial, dhAbove, gradOut, l > 0 ? dhBelow : null);
            double[][][] swap = dhAbove;
            dhAbove = dhBelow;
            dhBelow = swap;
        }
        roundToPrecision(gradOut);
        return score;
    }

    /** Runs every layer over the sequences; the outputs end up in the output layer's cache. */
    private void forward(double[][][] features, double[][] featureMask, int mb, int steps, RecurrentState[] start) {
        double[][][] x = features;
        for (int l = 0; l < layers.length; l++) {
            layers[l].reserve(mb, steps);
            layers[l].forward(params, x, mb, steps, featureMask, start == null ? null : start[l]);
            x = layers[l].hs();
        }
        output.reserve(mb, steps);
        output.forward(params, x, mb, steps);
    }

    private void reserveGradientBuffers(int mb, int steps) {
        if (dhAbove.length < mb || dhAbove[0].length < steps) {
            dhAbove = new double[mb][steps][spec.hidden()];
            dhBelow = new double[mb][steps][spec.hidden()];
        }
    }

    private void checkSizes(SequenceBatch batch) {
        if (batch.nIn() != spec.nIn() || batch.nOut() != spec.nOut()) {
            throw new IllegalArgumentException("batch has nIn=" + batch.nIn() + ", nOut=" + batch.nOut()
                    + " but the network expects nIn=" + spec.nIn() + ", nOut=" + spec.nOut());
        }
    }
}

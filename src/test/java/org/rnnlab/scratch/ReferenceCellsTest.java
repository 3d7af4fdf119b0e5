package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;
import org.rnnlab.testing.GradientCheck;
import org.rnnlab.testing.TestArrays;
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.rnnlab.testing.TestBatches;

/**
 * The fast cells ({@link SimpleRnnLayer}, {@link LstmLayer}, {@link GruLayer}) against the readable
 * reference cells ({@link SimpleRnnReference}, {@link LstmReference}, {@link GruReference}). The two sum their products in different
 * orders, so they agree to rounding, not bit for bit.
 *
 * <p>Gradients are compared by their normwise relative difference, max_k |g_fast − g_ref| over
 * max_k |g_ref|: single entries can be near zero, where an entry-wise relative error means
 * nothing. Parameters after training are O(1) and compared by their largest absolute difference.
 *
 * <p>The trajectories use learning rates at which training is stable. Where it is not (SGD at
 * 0.1 or Adam at 0.03 on these networks) the last-bit differences of the two summation orders
 * grow by a factor every step, as any two implementations' would (see
 * {@code check.TrajectoryComparison}); at the same parameters the gradients still agree to about 1e-14.
 */
class ReferenceCellsTest {

    private static final double GRADIENT_TOLERANCE = 1e-13;
    private static final double PARAMETER_TOLERANCE = 1e-13;
    private static final int ROUNDS = 4;
    private static final int UPDATES = 200;

    /** The (loss, activation) pairs DL4J accepts. */
    private static final List<Object[]> OUTPUTS = List.of(
            new Object[] {LossKind.MSE, OutputActivation.IDENTITY},
            new Object[] {LossKind.MSE, OutputActivation.SIGMOID},
            new Object[] {LossKind.XENT, OutputActivation.SIGMOID},
            new Object[] {LossKind.MCXENT, OutputActivation.SOFTMAX});

    @Test
    void fastCellsAgreeWithTheReferenceCellsOverRandomConfigurations() {
        Random random = new Random(20240917);
        Map<CellType, Double> largest = new EnumMap<>(CellType.class);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (CellType cell : CellType.values()) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (boolean bias : new boolean[] {true, false}) {
                        for (OutputMode mode : OutputMode.values()) {
                            for (MaskLayout masks : MaskLayout.values()) {
                                NetworkSpec spec = randomSpec(cell, layers, mode, bias, random);
                                int mb = 1 + random.nextInt(4);
                                boolean labelMask = mode == OutputMode.EVERY_STEP && random.nextBoolean();
                                SequenceBatch batch = TestBatches.batch(spec, mb, 1 + random.nextInt(6), masks,
                                        labelMask, random);
                                double difference = gradientDifference(spec, random.nextLong(), batch, 1);
                                largest.merge(cell, difference, Math::max);
                                checked++;
                                if (!(difference <= GRADIENT_TOLERANCE)) {
                                    failures.add(spec + " mb=" + mb + " masks=" + masks + ": " + difference);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(ROUNDS * CellType.values().length * 2 * 2 * 2 * MaskLayout.values().length, checked);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " configurations differ by more than "
                + GRADIENT_TOLERANCE + " (largest per cell " + largest + "):\n" + String.join("\n", failures));
    }

    @Test
    void fastCellsOnThreadsAgreeWithTheReferenceCells() {
        Random random = new Random(5);
        for (CellType cell : CellType.values()) {
            int gateBlocks = cell.blocks();
            int nIn = 32 / gateBlocks;
            int hidden = 128 / gateBlocks;
            int mb = 8;
            // enough work per step for the fast layers to split it over the threads
            assertTrue((long) mb * (nIn + hidden) * gateBlocks * hidden >= Workers.MIN_PARALLEL_WORK);
            // Xavier keeps the wide layers' units out of saturation, as a real network of this width would start
            NetworkSpec spec = new NetworkSpec(cell, nIn, hidden, 2, 3, OutputMode.EVERY_STEP, OutputActivation.SOFTMAX,
                    LossKind.MCXENT, true, WeightInitSpec.xavier());
            SequenceBatch batch = TestBatches.batch(spec, mb, 5, MaskLayout.PADDED_END, false, random);
            for (int threads : new int[] {2, 3}) {
                double difference = gradientDifference(spec, 17, batch, threads);
                assertTrue(difference <= GRADIENT_TOLERANCE, cell + " on " + threads + " threads: " + difference);
            }
        }
    }

    @Test
    void carriedStatesAndTheirGradientsAgree() {
        Random random = new Random(6);
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = TestBatches.spec(cell, 2, 3, 2, 2, OutputMode.EVERY_STEP, OutputActivation.IDENTITY,
                    LossKind.MSE, true);
            SequenceBatch batch = TestBatches.batch(spec, 3, 7, MaskLayout.HOLES, false, random);
            ScratchNetwork fast = new ScratchNetwork(spec, 7);
            ScratchNetwork reference = ScratchNetwork.reference(spec, 7);
            RecurrentState[] fastStart = stateAfter(fast, batch.steps(0, 4));
            RecurrentState[] referenceStart = stateAfter(reference, batch.steps(0, 4));
            assertStatesAgree(fastStart, referenceStart, cell + " after the first segment");

            for (TbpttGradient mode : TbpttGradient.values()) {
                double[] fastGrad = new double[fast.numParams()];
                double[] referenceGrad = new double[fast.numParams()];
                RecurrentState[] fastEnd = fast.newStates(3);
                RecurrentState[] referenceEnd = reference.newStates(3);
                double fastScore = fast.segmentGradientAndScore(batch.steps(4, 7), fastGrad, fastStart, fastEnd, mode);
                double referenceScore = reference.segmentGradientAndScore(batch.steps(4, 7), referenceGrad,
                        referenceStart, referenceEnd, mode);
                assertEquals(referenceScore, fastScore, 1e-14 * Math.abs(referenceScore), cell + " " + mode);
                double difference = normwiseDifference(fastGrad, referenceGrad);
                assertTrue(difference <= GRADIENT_TOLERANCE, cell + " " + mode + ": " + difference);
                assertStatesAgree(fastEnd, referenceEnd, cell + " " + mode + " after the second segment");
            }

            double[][] x = new double[3][];
            for (int t = 0; t < 7; t++) {
                for (int e = 0; e < 3; e++) {
                    x[e] = batch.features()[e][t];
                }
                double[][] fastStep = fast.timeStep(x);
                double[][] referenceStep = reference.timeStep(x);
                for (int e = 0; e < 3; e++) {
                    assertArrayEquals(referenceStep[e], fastStep[e], 1e-14, cell + " timeStep " + t);
                }
            }
        }
    }

    @Test
    void trainingTrajectoriesAgreeAfter200Updates() {
        Map<CellType, Double> largest = new EnumMap<>(CellType.class);
        List<ClipSpec> clips = List.of(ClipSpec.none(), new ClipSpec(ClipSpec.Kind.ELEMENTWISE, 0.05),
                new ClipSpec(ClipSpec.Kind.L2_PER_LAYER, 0.5));
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = TestBatches.spec(cell, 2, 4, 2, 2, OutputMode.EVERY_STEP, OutputActivation.SOFTMAX,
                    LossKind.MCXENT, true);
            Random random = new Random(8);
            List<SequenceBatch> batches = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                batches.add(TestBatches.batch(spec, 3, 6, MaskLayout.PADDED_END, false, random));
            }
            for (UpdaterKind updater : UpdaterKind.values()) {
                double learningRate = updater == UpdaterKind.SGD ? 0.03 : 0.01;
                for (ClipSpec clip : clips) {
                    for (int tbptt : new int[] {0, 4}) {
                        TrainingSpec training = new TrainingSpec(updater, learningRate, clip, 3, 1, tbptt, 9);
                        ScratchNetwork fast = new ScratchNetwork(spec, 9);
                        ScratchNetwork reference = ScratchNetwork.reference(spec, 9);
                        double[] start = fast.params();
                        train(fast, training, batches);
                        train(reference, training, batches);
                        String what = cell + " " + updater + " " + clip.kind() + " tbptt=" + tbptt;
                        assertTrue(maxAbsDifference(start, reference.params()) > 0.01, what + ": the parameters must move");
                        double difference = maxAbsDifference(fast.params(), reference.params());
                        largest.merge(cell, difference, Math::max);
                        assertTrue(difference <= PARAMETER_TOLERANCE, what + ": " + difference);
                    }
                }
            }
        }
        assertEquals(CellType.values().length, largest.size());
    }

    @Test
    void theComparisonFlagsACellThatDiffers() {
        NetworkSpec spec = TestBatches.spec(CellType.LSTM, 2, 3, 1, 2, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        SequenceBatch batch = TestBatches.batch(spec, 2, 4, MaskLayout.NONE, false, new Random(10));
        ScratchNetwork fast = new ScratchNetwork(spec, 11);
        ScratchNetwork faulty = FaultyNetworks.withBug(spec, 11, PlantedBug.WRONG_TANH_DERIVATIVE);
        double[] fastGrad = new double[fast.numParams()];
        double[] faultyGrad = new double[fast.numParams()];
        fast.computeGradientAndScore(batch, fastGrad);
        faulty.computeGradientAndScore(batch, faultyGrad);
        assertTrue(normwiseDifference(fastGrad, faultyGrad) > 1e-3, "a wrong derivative is far above rounding");
    }

    @Test
    void referenceGradientsMatchCentralDifferences() {
        Random random = new Random(12);
        for (CellType cell : CellType.values()) {
            for (MaskLayout masks : MaskLayout.values()) {
                NetworkSpec spec = randomSpec(cell, 2, OutputMode.EVERY_STEP, true, random);
                SequenceBatch batch = TestBatches.batch(spec, 3, 4, masks, true, random);
                GradientCheck.Worst check = GradientCheck.check(ScratchNetwork.reference(spec, 13), batch);
                assertTrue(check.maxRelativeError() <= 1e-6, cell + " " + masks + ": " + check);
            }
        }
    }

    private static NetworkSpec randomSpec(CellType cell, int layers, OutputMode mode, boolean bias, Random random) {
        Object[] output = OUTPUTS.get(random.nextInt(OUTPUTS.size()));
        OutputActivation activation = (OutputActivation) output[1];
        int nOut = activation == OutputActivation.SOFTMAX ? 2 + random.nextInt(2) : 1 + random.nextInt(3);
        return TestBatches.spec(cell, 1 + random.nextInt(3), 1 + random.nextInt(4), layers, nOut, mode, activation,
                (LossKind) output[0], bias);
    }

    /**
     * The normwise relative difference between the gradients of a fast network (on the given
     * threads) and a reference network with the same seed; also checks that both start from the
     * same parameters and score the batch alike.
     */
    private static double gradientDifference(NetworkSpec spec, long seed, SequenceBatch batch, int threads) {
        ScratchNetwork fast = new ScratchNetwork(spec, seed);
        fast.setThreads(threads);
        ScratchNetwork reference = ScratchNetwork.reference(spec, seed);
        assertArrayEquals(fast.params(), reference.params(), 0);
        double[] fastGrad = new double[fast.numParams()];
        double[] referenceGrad = new double[fast.numParams()];
        double fastScore = fast.computeGradientAndScore(batch, fastGrad);
        double referenceScore = reference.computeGradientAndScore(batch, referenceGrad);
        assertEquals(referenceScore, fastScore, 1e-14 * Math.abs(referenceScore), spec.toString());
        return normwiseDifference(fastGrad, referenceGrad);
    }

    /** max_k |a_k − b_k| / max_k |b_k|. */
    private static double normwiseDifference(double[] a, double[] b) {
        double largest = 0;
        for (double v : b) {
            largest = Math.max(largest, Math.abs(v));
        }
        return maxAbsDifference(a, b) / Math.max(largest, Double.MIN_NORMAL);
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        return TestArrays.maxAbsDifference(a, b);
    }

    private static void train(ScratchNetwork network, TrainingSpec training, List<SequenceBatch> batches) {
        ScratchTrainer trainer = new ScratchTrainer(network, training);
        for (int fit = 0; trainer.iteration() < UPDATES; fit++) {
            trainer.fit(batches.get(fit % batches.size()));
        }
        assertEquals(UPDATES, trainer.iteration());
    }

    private static RecurrentState[] stateAfter(ScratchNetwork network, SequenceBatch segment) {
        RecurrentState[] end = network.newStates(segment.miniBatch());
        network.segmentGradientAndScore(segment, new double[network.numParams()], null, end, TbpttGradient.DL4J);
        return end;
    }

    private static void assertStatesAgree(RecurrentState[] fast, RecurrentState[] reference, String what) {
        for (int l = 0; l < fast.length; l++) {
            for (int e = 0; e < fast[l].miniBatch(); e++) {
                assertArrayEquals(reference[l].h[e], fast[l].h[e], 1e-14, what + ": h of layer " + l);
                if (reference[l].c != null) {
                    assertArrayEquals(reference[l].c[e], fast[l].c[e], 1e-14, what + ": c of layer " + l);
                }
            }
        }
    }
}

package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.testing.TestBatches;
import org.rnnlab.testing.TestBatches.MaskLayout;

/**
 * The float layers in a whole network against the double network of the same spec and seed.
 *
 * <p>Tolerance: every float quantity is a chain of operations each rounding with relative error
 * u = 2^−24, an output after d such roundings in a row is off by about d·u relative to its size
 * (the weights are O(1) and the nonlinearities contract). Here a product sums at most
 * k = nIn + n ≤ 11 terms, a sequence runs T = 6 steps, the backward pass runs them again and two
 * layers stack, so d ≤ 2·L·T·(k + 8) ≈ 460 counting 8 roundings per gate: outputs and scores are
 * held to {@value #TOLERANCE}, the gradient vector in relative norm to the same, about 1000·u,
 * a margin of two over the depth bound. The worst error seen is 2.3e−7, 250 times smaller. A planted
 * BPTT mistake changes the gradient by far more ({@link #theToleranceCatchesPlantedMistakes}).
 */
class FloatLayersTest {

    private static final double TOLERANCE = 1000 * 0x1p-24;

    private static NetworkSpec spec(CellType cell, OutputMode mode, int layers) {
        return TestBatches.spec(cell, 3, 5, layers, 2, mode, OutputActivation.SOFTMAX, LossKind.MCXENT, true);
    }

    private static ScratchNetwork floatNetwork(NetworkSpec spec, long seed) {
        return new ScratchNetwork(spec, seed, FloatLayers::create);
    }

    private static double relativeNorm(double[] actual, double[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(diff / norm);
    }

    @Test
    void floatNetworksAgreeWithTheDoubleOnesWithinTheFloatTolerance() {
        double worst = 0;
        for (CellType cell : CellType.values()) {
            for (OutputMode mode : OutputMode.values()) {
                for (MaskLayout layout : new MaskLayout[] {MaskLayout.NONE, MaskLayout.HOLES, MaskLayout.PADDED_END}) {
                    NetworkSpec spec = spec(cell, mode, 2);
                    ScratchNetwork doubles = new ScratchNetwork(spec, 11);
                    ScratchNetwork floats = floatNetwork(spec, 11);
                    SequenceBatch batch = TestBatches.batch(spec, 4, 6, layout, mode == OutputMode.EVERY_STEP,
                            new Random(cell.ordinal() * 10 + layout.ordinal()));
                    String what = cell + " " + mode + " " + layout;
                    double[] expected = new double[doubles.numParams()];
                    double[] actual = new double[floats.numParams()];
                    double expectedScore = doubles.computeGradientAndScore(batch, expected);
                    double actualScore = floats.computeGradientAndScore(batch, actual);
                    assertEquals(expectedScore, actualScore, TOLERANCE * Math.abs(expectedScore), what + " score");
                    double error = relativeNorm(actual, expected);
                    assertTrue(error <= TOLERANCE, what + ": gradient off by " + error + " relative");
                    worst = Math.max(worst, error);
                    double[][][] yHat = doubles.output(batch.features(), batch.featureMask());
                    double[][][] floatYHat = floats.output(batch.features(), batch.featureMask());
                    for (int e = 0; e < yHat.length; e++) {
                        for (int t = 0; t < yHat[e].length; t++) {
                            assertArrayEquals(yHat[e][t], floatYHat[e][t], TOLERANCE, what + " ŷ");
                        }
                    }
                }
            }
        }
        assertTrue(worst > 0, "float layers that agree to the last double bit are not computing in float");
    }

    /** Segments that start from a carried state, with both TBPTT gradients, and the state handed on. */
    @Test
    void carriedStatesAgreeWithTheDoubleLayers() {
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = spec(cell, OutputMode.EVERY_STEP, 2);
            ScratchNetwork doubles = new ScratchNetwork(spec, 5);
            ScratchNetwork floats = floatNetwork(spec, 5);
            SequenceBatch batch = TestBatches.batch(spec, 3, 6, MaskLayout.HOLES, false, new Random(2));
            Random random = new Random(4);
            RecurrentState[] start = doubles.newStates(3);
            for (RecurrentState state : start) {
                for (int e = 0; e < 3; e++) {
                    for (int j = 0; j < spec.hidden(); j++) {
                        // float values, so that both networks start from the very same state
                        state.h[e][j] = (float) (0.5 * random.nextGaussian());
                        if (state.c != null) {
                            state.c[e][j] = (float) random.nextGaussian();
                        }
                    }
                }
            }
            for (TbpttGradient mode : TbpttGradient.values()) {
                RecurrentState[] expectedEnd = doubles.newStates(3);
                RecurrentState[] actualEnd = floats.newStates(3);
                double[] expected = new double[doubles.numParams()];
                double[] actual = new double[floats.numParams()];
                double expectedScore = doubles.segmentGradientAndScore(batch, expected, start, expectedEnd, mode);
                double actualScore = floats.segmentGradientAndScore(batch, actual, start, actualEnd, mode);
                assertEquals(expectedScore, actualScore, TOLERANCE * expectedScore, cell + " " + mode + " score");
                assertTrue(relativeNorm(actual, expected) <= TOLERANCE, cell + " " + mode + " gradient");
                for (int l = 0; l < 2; l++) {
                    for (int e = 0; e < 3; e++) {
                        assertArrayEquals(expectedEnd[l].h[e], actualEnd[l].h[e], TOLERANCE, cell + " end h");
                        if (expectedEnd[l].c != null) {
                            assertArrayEquals(expectedEnd[l].c[e], actualEnd[l].c[e], TOLERANCE, cell + " end c");
                        }
                    }
                }
            }
            double[] carried = new double[floats.numParams()];
            double[] dl4j = new double[floats.numParams()];
            floats.segmentGradientAndScore(batch, carried, start, null, TbpttGradient.CARRIED_STATE);
            floats.segmentGradientAndScore(batch, dl4j, start, null, TbpttGradient.DL4J);
            assertTrue(relativeNorm(dl4j, carried) > 100 * TOLERANCE, cell + ": the carried state must matter");
        }
    }

    @Test
    void timeStepCarriesTheStateLikeTheFullPass() {
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = spec(cell, OutputMode.EVERY_STEP, 2);
            ScratchNetwork floats = floatNetwork(spec, 21);
            SequenceBatch batch = TestBatches.batch(spec, 3, 5, MaskLayout.NONE, false, new Random(8));
            double[][][] full = floats.output(batch.features(), null);
            for (int t = 0; t < 5; t++) {
                double[][] x = new double[3][];
                for (int e = 0; e < 3; e++) {
                    x[e] = batch.features()[e][t];
                }
                double[][] step = floats.timeStep(x);
                for (int e = 0; e < 3; e++) {
                    // the state goes through double and back, which is exact for floats
                    assertArrayEquals(full[e][t], step[e], 1e-15, cell + " example " + e + " step " + t);
                }
            }
        }
    }

    /**
     * The comparison above would catch a mistake in a delta: each planted BPTT mistake moves the
     * double gradient by at least a hundred times the float tolerance.
     */
    @Test
    void theToleranceCatchesPlantedMistakes() {
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = spec(cell, OutputMode.EVERY_STEP, 2);
            SequenceBatch batch = TestBatches.batch(spec, 4, 6, MaskLayout.NONE, false, new Random(1));
            double[] correct = new double[new ScratchNetwork(spec, 11).numParams()];
            new ScratchNetwork(spec, 11).computeGradientAndScore(batch, correct);
            for (PlantedBug bug : PlantedBug.values()) {
                ScratchNetwork faulty;
                try {
                    faulty = FaultyNetworks.withBug(spec, 11, bug);
                } catch (IllegalArgumentException notForThisCell) {
                    continue;
                }
                double[] wrong = new double[correct.length];
                faulty.computeGradientAndScore(batch, wrong);
                double change = relativeNorm(wrong, correct);
                if (bug == PlantedBug.NONE) {
                    assertTrue(change < 1e-12, cell + ": the reference cells agree with the fast ones");
                } else {
                    assertTrue(change > 100 * TOLERANCE, cell + " " + bug + " moves the gradient by only " + change);
                }
            }
        }
    }

    /**
     * Sizes where every loop splits: passes by examples (23 examples on 2 threads) or each step by
     * hidden units (23 on 3 threads, 9 on 2 or 3), products by rows, gradients by columns.
     */
    @ParameterizedTest
    @ValueSource(ints = {23, 9})
    void anyThreadCountGivesTheSameBits(int miniBatch) {
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = TestBatches.spec(cell, 20, 40, 2, 3, OutputMode.EVERY_STEP, OutputActivation.SOFTMAX,
                    LossKind.MCXENT, true);
            SequenceBatch batch = TestBatches.batch(spec, miniBatch, 5, MaskLayout.HOLES, false, new Random(6));
            double[] single = null;
            double[][][] singleOut = null;
            for (int threads = 1; threads <= 3; threads++) {
                ScratchNetwork network = floatNetwork(spec, 3);
                network.setThreads(threads);
                double[] grad = new double[network.numParams()];
                network.computeGradientAndScore(batch, grad);
                double[][][] out = network.output(batch.features(), batch.featureMask());
                if (single == null) {
                    single = grad;
                    singleOut = out;
                } else {
                    assertArrayEquals(single, grad, cell + " gradient with " + threads + " threads");
                    for (int e = 0; e < out.length; e++) {
                        for (int t = 0; t < out[e].length; t++) {
                            assertArrayEquals(singleOut[e][t], out[e][t], cell + " ŷ with " + threads + " threads");
                        }
                    }
                }
            }
        }
    }

    @Test
    void vectorAndPlainJavaLayersGiveTheSameBits() {
        Optional<FloatKernels> vector = FloatKernels.loadVector();
        assumeTrue(vector.isPresent(), "this JVM runs without " + FloatKernels.VECTOR_MODULE);
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = TestBatches.spec(cell, 20, 40, 2, 3, OutputMode.EVERY_STEP, OutputActivation.SOFTMAX,
                    LossKind.MCXENT, true);
            SequenceBatch batch = TestBatches.batch(spec, 9, 5, MaskLayout.PADDED_END, false, new Random(6));
            ScratchNetwork plain = new ScratchNetwork(spec, 3, FloatLayers.on(FloatKernels.plainJava()));
            ScratchNetwork lanes = new ScratchNetwork(spec, 3, FloatLayers.on(vector.get()));
            double[] plainGrad = new double[plain.numParams()];
            double[] lanesGrad = new double[lanes.numParams()];
            assertEquals(plain.computeGradientAndScore(batch, plainGrad), lanes.computeGradientAndScore(batch, lanesGrad));
            assertArrayEquals(plainGrad, lanesGrad, cell.toString());
        }
    }
}

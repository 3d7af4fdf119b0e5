package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.WeightInitSpec;
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.rnnlab.testing.TestBatches;

class ScratchNetworkTest {

    /** A network whose parameters are all zero except the given (name, row, col, value) entries. */
    private static ScratchNetwork withParams(NetworkSpec spec, Object... entries) {
        ScratchNetwork network = new ScratchNetwork(spec, 1);
        double[] flat = new double[network.numParams()];
        for (int k = 0; k < entries.length; k += 4) {
            ParamBlock block = network.layout().block((String) entries[k]);
            flat[block.index((Integer) entries[k + 1], (Integer) entries[k + 2])] = (Double) entries[k + 3];
        }
        network.setParams(flat);
        return network;
    }

    @Test
    void scoreOfTinySimpleRnnMatchesHandComputation() {
        NetworkSpec spec = TestBatches.spec(CellType.SIMPLE_RNN, 1, 1, 1, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        ScratchNetwork network = withParams(spec, "0_W", 0, 0, 0.5, "0_RW", 0, 0, -0.3, "0_b", 0, 0, 0.1,
                "1_W", 0, 0, 2.0, "1_b", 0, 0, -1.0);
        SequenceBatch batch = SequenceBatch.of(
                new double[][][] {{{1}, {-1}}, {{0.5}, {2}}},
                new double[][][] {{{0.2}, {0.4}}, {{-0.1}, {0.3}}});

        // h_t = tanh(0.5 x_t − 0.3 h_{t−1} + 0.1), ŷ = 2h − 1, score = ½ Σ_e Σ_t (ŷ − y)²  (worked out separately)
        assertEquals(2.9808970971174165, network.score(batch), 1e-14);
        assertEquals(2.9808970971174165, network.computeGradientAndScore(batch, new double[network.numParams()]),
                1e-14);
    }

    @Test
    void mseDividesByOutputUnitsAndScoreAveragesOverExamplesNotSteps() {
        NetworkSpec spec = TestBatches.spec(CellType.SIMPLE_RNN, 1, 1, 1, 2, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        // all weights zero: ŷ = output bias = (1, −1) at every step
        ScratchNetwork network = withParams(spec, "1_b", 0, 0, 1.0, "1_b", 0, 1, -1.0);
        double[][][] features = new double[2][3][1];
        double[][][] labels = new double[2][3][2];
        double[][] labelMask = {{1, 1, 0}, {0, 1, 0}};

        // per scored step: ((1 − 0)² + (−1 − 0)²) / nOut = 1; three scored steps over mb = 2
        assertEquals(1.5, network.score(new SequenceBatch(features, labels, null, labelMask)), 1e-15);
    }

    @Test
    void lstmUsesDl4jGateOrderAFOI() {
        NetworkSpec spec = TestBatches.spec(CellType.LSTM, 1, 1, 1, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        // column blocks of W, RW, b: 0 = block input a, 1 = forget f, 2 = output o, 3 = input gate i
        ScratchNetwork network = withParams(spec,
                "0_W", 0, 0, 0.3, "0_W", 0, 1, -0.2, "0_W", 0, 2, 0.5, "0_W", 0, 3, 0.9,
                "0_RW", 0, 0, 0.4, "0_RW", 0, 1, -0.5, "0_RW", 0, 2, 0.6, "0_RW", 0, 3, -0.7,
                "0_b", 0, 0, 0.1, "0_b", 0, 1, 1.0, "0_b", 0, 2, -0.1, "0_b", 0, 3, 0.2,
                "1_W", 0, 0, 1.0);
        double[][][] out = network.output(new double[][][] {{{0.7}, {-1.2}}}, null);

        // a = tanh(z_a), f = σ(z_f), o = σ(z_o), i = σ(z_i); c = f c' + i a; h = o tanh(c)  (worked out separately)
        assertEquals(0.11592699719240956, out[0][0][0], 1e-15);
        assertEquals(0.0352772429020348, out[0][1][0], 1e-15);
    }

    @Test
    void layoutFollowsDl4jParamsOrderAndShapes() {
        NetworkSpec spec = TestBatches.spec(CellType.LSTM, 3, 4, 2, 2, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        ParameterLayout layout = ParameterLayout.of(spec);

        assertEquals(List.of("0_W", "0_RW", "0_b", "1_W", "1_RW", "1_b", "2_W", "2_b"), layout.names());
        assertArrayEquals(new int[] {3, 16}, layout.shape("0_W"));
        assertArrayEquals(new int[] {4, 16}, layout.shape("0_RW"));
        assertArrayEquals(new int[] {1, 16}, layout.shape("0_b"));
        assertArrayEquals(new int[] {4, 16}, layout.shape("1_W"));
        assertArrayEquals(new int[] {4, 2}, layout.shape("2_W"));
        assertArrayEquals(new int[] {1, 2}, layout.shape("2_b"));
        assertEquals(0, layout.offset("0_W"));
        assertEquals(48, layout.offset("0_RW"));
        assertEquals(112, layout.offset("0_b"));
        assertEquals(128, layout.offset("1_W"));
        assertEquals(192, layout.offset("1_RW"));
        assertEquals(256, layout.offset("1_b"));
        assertEquals(272, layout.offset("2_W"));
        assertEquals(280, layout.offset("2_b"));
        assertEquals(282, layout.size());
        assertEquals(3, layout.layerCount());
        assertEquals(128, layout.layerStart(1));
        assertEquals(272, layout.layerEnd(1));

        ParamBlock w = layout.block("1_W");
        // column-major: (i, j) at offset + i + j·rows
        assertEquals(128 + 3 + 5 * 4, w.index(3, 5));
        assertEquals("1_W(3, 5)", layout.describe(w.index(3, 5)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> layout.block("0_X"));
        assertTrue(unknown.getMessage().contains("0_X") && unknown.getMessage().contains("0_RW"),
                unknown.getMessage());
    }

    @Test
    void simpleRnnLayoutHasOneGateBlock() {
        NetworkSpec spec = TestBatches.spec(CellType.SIMPLE_RNN, 2, 3, 1, 4, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, false);
        ParameterLayout layout = ParameterLayout.of(spec);

        assertEquals(List.of("0_W", "0_RW", "0_b", "1_W", "1_b"), layout.names());
        assertArrayEquals(new int[] {2, 3}, layout.shape("0_W"));
        assertArrayEquals(new int[] {3, 3}, layout.shape("0_RW"));
        assertArrayEquals(new int[] {1, 3}, layout.shape("0_b"));
        assertEquals(6 + 9 + 3 + 12 + 4, layout.size());
    }

    @Test
    void lstmForgetGateBiasStartsAtOneOnlyWithBiases() {
        for (boolean bias : new boolean[] {true, false}) {
            NetworkSpec spec = TestBatches.spec(CellType.LSTM, 2, 3, 2, 2, OutputMode.EVERY_STEP,
                    OutputActivation.IDENTITY, LossKind.MSE, bias);
            ScratchNetwork network = new ScratchNetwork(spec, 9);
            for (String name : List.of("0_b", "1_b")) {
                for (int j = 0; j < 12; j++) {
                    double expected = bias && j >= 3 && j < 6 ? 1.0 : 0.0;
                    assertEquals(expected, network.param(name, 0, j), name + "[" + j + "] bias=" + bias);
                }
            }
            assertEquals(0.0, network.param("2_b", 0, 0));
            assertEquals(0.0, network.param("2_b", 0, 1));
        }
    }

    @Test
    void xavierInitHasDl4jStandardDeviations() {
        int nIn = 30;
        int n = 40;
        int nOut = 20;
        NetworkSpec lstm = new NetworkSpec(CellType.LSTM, nIn, n, 2, nOut, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true, WeightInitSpec.xavier());
        ScratchNetwork lstmNet = new ScratchNetwork(lstm, 42);
        // LSTM: fanIn = n, fanOut = nIn + n, for W and RW alike
        assertStatistics(lstmNet, "0_W", 0, Math.sqrt(2.0 / (n + nIn + n)));
        assertStatistics(lstmNet, "0_RW", 0, Math.sqrt(2.0 / (n + nIn + n)));
        assertStatistics(lstmNet, "1_W", 0, Math.sqrt(2.0 / (n + n + n)));
        assertStatistics(lstmNet, "2_W", 0, Math.sqrt(2.0 / (n + nOut)));

        NetworkSpec rnn = new NetworkSpec(CellType.SIMPLE_RNN, nIn, n, 1, nOut, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true, WeightInitSpec.xavier());
        ScratchNetwork rnnNet = new ScratchNetwork(rnn, 42);
        // SimpleRnn: W (nIn, n), RW (n, n)
        assertStatistics(rnnNet, "0_W", 0, Math.sqrt(2.0 / (nIn + n)));
        assertStatistics(rnnNet, "0_RW", 0, Math.sqrt(2.0 / (n + n)));
    }

    @Test
    void normalAndUniformInitFollowTheSpec() {
        NetworkSpec normal = new NetworkSpec(CellType.SIMPLE_RNN, 40, 50, 1, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true, WeightInitSpec.normal(0.5, 0.2));
        assertStatistics(new ScratchNetwork(normal, 3), "0_RW", 0.5, 0.2);

        NetworkSpec uniform = new NetworkSpec(CellType.SIMPLE_RNN, 40, 50, 1, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true, WeightInitSpec.uniform(0, 0.99));
        ScratchNetwork network = new ScratchNetwork(uniform, 3);
        assertStatistics(network, "0_W", 0.495, 0.99 / Math.sqrt(12));
        ParamBlock w = network.layout().block("0_W");
        double[] params = network.params();
        for (int k = w.offset(); k < w.end(); k++) {
            assertTrue(params[k] >= 0 && params[k] < 0.99, "uniform draw outside [0, 0.99): " + params[k]);
        }
    }

    @Test
    void sameSeedGivesSameParametersAndOtherSeedsDiffer() {
        NetworkSpec spec = TestBatches.spec(CellType.LSTM, 2, 3, 2, 2, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        assertArrayEquals(new ScratchNetwork(spec, 7).params(), new ScratchNetwork(spec, 7).params());
        assertFalse(Arrays.equals(new ScratchNetwork(spec, 7).params(), new ScratchNetwork(spec, 8).params()));
    }

    private static void assertStatistics(ScratchNetwork network, String name, double mean, double std) {
        ParamBlock block = network.layout().block(name);
        double[] params = network.params();
        double sum = 0;
        for (int k = block.offset(); k < block.end(); k++) {
            sum += params[k];
        }
        double actualMean = sum / block.size();
        double squares = 0;
        for (int k = block.offset(); k < block.end(); k++) {
            squares += (params[k] - actualMean) * (params[k] - actualMean);
        }
        double actualStd = Math.sqrt(squares / block.size());
        // over ≥ 1000 draws the sample statistics sit well within these bounds
        assertEquals(mean, actualMean, 4 * std / Math.sqrt(block.size()), name + " mean");
        assertEquals(std, actualStd, 0.1 * std, name + " standard deviation");
    }

    @Test
    void timeStepOverASequenceEqualsTheFullForwardPass() {
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = TestBatches.spec(cell, 3, 4, 2, 2, OutputMode.EVERY_STEP,
                    OutputActivation.SOFTMAX, LossKind.MCXENT, true);
            ScratchNetwork network = new ScratchNetwork(spec, 21);
            SequenceBatch batch = TestBatches.batch(spec, 3, 6, MaskLayout.NONE, false, new Random(8));
            double[][][] full = network.output(batch.features(), null);
            for (int t = 0; t < 6; t++) {
                double[][] x = new double[3][];
                for (int e = 0; e < 3; e++) {
                    x[e] = batch.features()[e][t];
                }
                double[][] step = network.timeStep(x);
                for (int e = 0; e < 3; e++) {
                    assertArrayEquals(full[e][t], step[e], 1e-15, cell + " example " + e + " step " + t);
                }
            }
            network.clearState();
            assertArrayEquals(full[1][0], network.timeStep(new double[][] {batch.features()[1][0]})[0], 1e-15,
                    cell + ": after clearState the state starts again at zero, with any minibatch size");
        }
    }

    @Test
    void timeStepRefusesAnotherMinibatchSizeUntilCleared() {
        NetworkSpec spec = TestBatches.spec(CellType.SIMPLE_RNN, 2, 3, 1, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        ScratchNetwork network = new ScratchNetwork(spec, 1);
        network.timeStep(new double[2][2]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> network.timeStep(new double[3][2]));
        assertTrue(e.getMessage().contains("clearState"), e.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> network.timeStep(new double[][] {{1, 2}, {3}}));
        assertTrue(width.getMessage().contains("[1] has 1 features, expected nIn = 2"), width.getMessage());
    }

    @Test
    void simpleRnnMaskedStepZeroesItsOutputAndRestartsTheState() {
        NetworkSpec spec = TestBatches.spec(CellType.SIMPLE_RNN, 2, 3, 2, 2, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        ScratchNetwork network = new ScratchNetwork(spec, 4);
        double[][][] x = TestBatches.batch(spec, 1, 5, MaskLayout.NONE, false, new Random(5)).features();
        double[][][] masked = network.output(x, new double[][] {{1, 1, 0, 1, 1}});
        double[][][] suffix = network.output(new double[][][] {{x[0][3], x[0][4]}}, null);
        double[][][] zeros = network.output(new double[][][] {{new double[2]}}, new double[][] {{0}});

        // steps after the masked one behave as a fresh sequence
        assertArrayEquals(suffix[0][0], masked[0][3], 1e-15);
        assertArrayEquals(suffix[0][1], masked[0][4], 1e-15);
        // the masked step itself outputs what zero hidden units give: the output bias
        assertArrayEquals(new double[] {network.param("2_b", 0, 0), network.param("2_b", 0, 1)}, masked[0][2], 0);
        assertArrayEquals(zeros[0][0], masked[0][2], 0);
    }

    @Test
    void lstmIgnoresTheFeatureMaskLikeDl4j() {
        NetworkSpec spec = TestBatches.spec(CellType.LSTM, 2, 3, 2, 2, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        ScratchNetwork network = new ScratchNetwork(spec, 4);
        SequenceBatch batch = TestBatches.batch(spec, 3, 5, MaskLayout.HOLES, false, new Random(6));
        SequenceBatch unmasked = SequenceBatch.of(batch.features(), batch.labels());

        double[][][] withMask = network.output(batch.features(), batch.featureMask());
        double[][][] without = network.output(batch.features(), null);
        for (int e = 0; e < 3; e++) {
            for (int t = 0; t < 5; t++) {
                assertArrayEquals(without[e][t], withMask[e][t], 0);
            }
        }
        double[] gradMasked = new double[network.numParams()];
        double[] gradUnmasked = new double[network.numParams()];
        assertEquals(network.computeGradientAndScore(unmasked, gradUnmasked),
                network.computeGradientAndScore(batch, gradMasked), 0);
        assertArrayEquals(gradUnmasked, gradMasked, 0);
    }

    @Test
    void featureMaskDoesNotReachTheLoss() {
        NetworkSpec spec = TestBatches.spec(CellType.SIMPLE_RNN, 2, 3, 1, 2, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        ScratchNetwork network = new ScratchNetwork(spec, 4);
        SequenceBatch batch = TestBatches.batch(spec, 2, 4, MaskLayout.PADDED_END, false, new Random(7));
        double[][][] yHat = network.output(batch.features(), batch.featureMask());
        double expected = 0;
        for (int e = 0; e < 2; e++) {
            for (int t = 0; t < 4; t++) {
                for (int k = 0; k < 2; k++) {
                    double diff = yHat[e][t][k] - batch.labels()[e][t][k];
                    expected += diff * diff / 2;
                }
            }
        }
        // every step is scored, padded ones included, unless a label mask says otherwise
        assertEquals(expected / 2, network.score(batch), 1e-13);
    }

    @Test
    void lastStepModeScoresEachExampleAtItsLastExistingStep() {
        NetworkSpec spec = TestBatches.spec(CellType.LSTM, 2, 3, 1, 3, OutputMode.LAST_STEP,
                OutputActivation.SOFTMAX, LossKind.MCXENT, true);
        ScratchNetwork network = new ScratchNetwork(spec, 12);
        SequenceBatch batch = TestBatches.batch(spec, 4, 5, MaskLayout.PADDED_END, false, new Random(9));
        SequenceBatch explicit = batch.withLabelMask(batch.lastStepMask());

        double[] gradImplicit = new double[network.numParams()];
        double[] gradExplicit = new double[network.numParams()];
        assertEquals(network.computeGradientAndScore(explicit, gradExplicit),
                network.computeGradientAndScore(batch, gradImplicit), 0);
        assertArrayEquals(gradExplicit, gradImplicit, 0);

        double[][][] yHat = network.output(batch.features(), batch.featureMask());
        double expected = 0;
        for (int e = 0; e < 4; e++) {
            int last = batch.lastStep(e);
            for (int k = 0; k < 3; k++) {
                expected -= batch.labels()[e][last][k] * Math.log(yHat[e][last][k]);
            }
        }
        assertEquals(expected / 4, network.score(batch), 1e-13);
        assertEquals(network.score(batch),
                network.score(SequenceBatch.lastStep(batch.features(), lastLabels(batch), batch.featureMask())), 1e-15);
    }

    private static double[][] lastLabels(SequenceBatch batch) {
        double[][] labels = new double[batch.miniBatch()][];
        for (int e = 0; e < batch.miniBatch(); e++) {
            labels[e] = batch.labels()[e][batch.lastStep(e)];
        }
        return labels;
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        NetworkSpec spec = TestBatches.spec(CellType.SIMPLE_RNN, 2, 3, 1, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        ScratchNetwork network = new ScratchNetwork(spec, 1);
        SequenceBatch wrongWidth = SequenceBatch.of(new double[1][2][3], new double[1][2][1]);

        assertMessage("nIn=3, nOut=1 but the network expects nIn=2, nOut=1",
                () -> network.computeGradientAndScore(wrongWidth, new double[network.numParams()]));
        assertMessage("gradient array must hold " + network.numParams() + " entries, got 5",
                () -> network.computeGradientAndScore(SequenceBatch.of(new double[1][2][2], new double[1][2][1]),
                        new double[5]));
        assertMessage("expected " + network.numParams() + " parameters, got 3", () -> network.setParams(new double[3]));
        assertMessage("feature mask[0] has 3 steps, expected 2",
                () -> network.output(new double[1][2][2], new double[][] {{1, 1, 1}}));
        assertMessage("features[0][1] has 3 units, expected 2",
                () -> network.output(new double[][][] {{{1, 2}, {1, 2, 3}}}, null));
    }

    @Test
    void outputPairsDl4jRefusesAreRefused() {
        assertMessage("MCXENT needs a softmax output", () -> new ScratchNetwork(TestBatches.spec(CellType.LSTM, 1, 2,
                1, 2, OutputMode.EVERY_STEP, OutputActivation.SIGMOID, LossKind.MCXENT, true), 1));
        assertMessage("XENT needs a sigmoid output", () -> new ScratchNetwork(TestBatches.spec(CellType.LSTM, 1, 2,
                1, 2, OutputMode.EVERY_STEP, OutputActivation.SOFTMAX, LossKind.XENT, true), 1));
        assertMessage("XENT needs a sigmoid output", () -> new ScratchNetwork(TestBatches.spec(CellType.LSTM, 1, 2,
                1, 2, OutputMode.EVERY_STEP, OutputActivation.IDENTITY, LossKind.XENT, true), 1));
        assertMessage("softmax with nOut = 1", () -> new ScratchNetwork(TestBatches.spec(CellType.LSTM, 1, 2,
                1, 1, OutputMode.EVERY_STEP, OutputActivation.SOFTMAX, LossKind.MSE, true), 1));
    }

    static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
    }
}

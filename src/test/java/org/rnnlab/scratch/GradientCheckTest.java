package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.testing.GradientCheck;
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.rnnlab.testing.TestBatches;

/** The analytic BPTT gradient against central differences of the score, over many small networks. */
class GradientCheckTest {

    private static final double MAX_RELATIVE_ERROR = 1e-6;
    /** Each round draws fresh sizes, seeds and data for every combination of the structural choices. */
    private static final int ROUNDS = 3;

    /** The (loss, activation) pairs DL4J accepts. */
    private static final Object[][] OUTPUTS = {
            {LossKind.MSE, OutputActivation.IDENTITY},
            {LossKind.MSE, OutputActivation.SIGMOID},
            {LossKind.MSE, OutputActivation.SOFTMAX},
            {LossKind.XENT, OutputActivation.SIGMOID},
            {LossKind.MCXENT, OutputActivation.SOFTMAX},
    };

    @Test
    void analyticGradientMatchesCentralDifferencesOverRandomConfigurations() {
        Random random = new Random(20240601);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (CellType cell : CellType.values()) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (OutputMode mode : OutputMode.values()) {
                        for (Object[] out : OUTPUTS) {
                            for (MaskLayout masks : MaskLayout.values()) {
                                String failure = checkOne(cell, layers, mode, (LossKind) out[0],
                                        (OutputActivation) out[1], masks, random);
                                checked++;
                                if (failure != null) {
                                    failures.add(failure);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(ROUNDS * CellType.values().length * 2 * 2 * OUTPUTS.length * MaskLayout.values().length, checked);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " configurations failed:\n"
                + String.join("\n", failures));
    }

    /** Checks one random network of the given structure; returns a description of a failure, or null. */
    private static String checkOne(CellType cell, int layers, OutputMode mode, LossKind loss,
                                   OutputActivation activation, MaskLayout masks, Random random) {
        int nOut = activation == OutputActivation.SOFTMAX ? 2 + random.nextInt(2) : 1 + random.nextInt(3);
        NetworkSpec spec = TestBatches.spec(cell, 1 + random.nextInt(3), 1 + random.nextInt(4), layers, nOut, mode,
                activation, loss, random.nextBoolean());
        int mb = random.nextBoolean() ? 1 : 2 + random.nextInt(3);
        int steps = 1 + random.nextInt(5);
        boolean explicitLabelMask = mode == OutputMode.EVERY_STEP && random.nextBoolean();
        SequenceBatch batch = TestBatches.batch(spec, mb, steps, masks, explicitLabelMask, random);
        ScratchNetwork network = new ScratchNetwork(spec, random.nextLong());
        GradientCheck.Worst result = GradientCheck.check(network, batch);
        if (result.maxRelativeError() <= MAX_RELATIVE_ERROR) {
            return null;
        }
        return spec + " mb=" + mb + " T=" + steps + " masks=" + masks + " labelMask=" + explicitLabelMask + ": "
                + network.layout().describe(result.worstIndex()) + " analytic " + result.analytic() + " numeric "
                + result.numeric() + " rel " + result.maxRelativeError();
    }

    @Test
    void gradientIsSummedOverTheMinibatch() {
        NetworkSpec spec = TestBatches.spec(CellType.LSTM, 2, 3, 1, 2, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true);
        ScratchNetwork network = new ScratchNetwork(spec, 11);
        SequenceBatch one = TestBatches.batch(spec, 1, 4, MaskLayout.NONE, false, new Random(3));
        SequenceBatch twice = SequenceBatch.of(
                new double[][][] {one.features()[0], one.features()[0]},
                new double[][][] {one.labels()[0], one.labels()[0]});
        double[] gradOne = new double[network.numParams()];
        double[] gradTwice = new double[network.numParams()];
        double scoreOne = network.computeGradientAndScore(one, gradOne);
        double scoreTwice = network.computeGradientAndScore(twice, gradTwice);

        // the score averages over examples, the gradient sums over them
        assertEquals(scoreOne, scoreTwice, 1e-12);
        for (int k = 0; k < gradOne.length; k++) {
            assertEquals(2 * gradOne[k], gradTwice[k], 1e-12, network.layout().describe(k));
        }
    }

    @Test
    void biasGradientIsReportedWithoutBiases() {
        NetworkSpec spec = TestBatches.spec(CellType.SIMPLE_RNN, 2, 3, 1, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, false);
        ScratchNetwork network = new ScratchNetwork(spec, 5);
        double[] grad = new double[network.numParams()];
        network.computeGradientAndScore(TestBatches.batch(spec, 2, 3, MaskLayout.NONE, false, new Random(4)), grad);
        ParamBlock bias = network.layout().block("0_b");
        double norm = 0;
        for (int k = bias.offset(); k < bias.end(); k++) {
            norm += grad[k] * grad[k];
        }
        assertTrue(norm > 0, "the bias gradient is computed even when biases are frozen");
    }
}

package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.rnnlab.testing.TestBatches;

class ScratchTrainerTest {

    private static TrainingSpec training(UpdaterKind updater, double learningRate, ClipSpec clip, int tbptt) {
        return new TrainingSpec(updater, learningRate, clip, 4, 1, tbptt, 1);
    }

    private static NetworkSpec smallSpec(CellType cell, boolean bias) {
        return TestBatches.spec(cell, 2, 3, 2, 2, OutputMode.EVERY_STEP, OutputActivation.IDENTITY, LossKind.MSE, bias);
    }

    @Test
    void sgdStepsByLearningRateTimesTheMinibatchMeanGradient() {
        NetworkSpec spec = smallSpec(CellType.LSTM, true);
        ScratchNetwork network = new ScratchNetwork(spec, 3);
        SequenceBatch batch = TestBatches.batch(spec, 4, 5, MaskLayout.NONE, false, new Random(1));
        double[] before = network.params();
        double[] summed = new double[network.numParams()];
        double score = network.computeGradientAndScore(batch, summed);

        ScratchTrainer trainer = new ScratchTrainer(network, training(UpdaterKind.SGD, 0.1, ClipSpec.none(), 0));
        assertEquals(score, trainer.fit(batch), 0, "fit reports the score before its update");
        double[] after = network.params();
        for (int k = 0; k < before.length; k++) {
            assertEquals(before[k] - 0.1 * (summed[k] / 4), after[k], 1e-15, network.layout().describe(k));
        }
        assertEquals(1, trainer.iteration());
    }

    @Test
    void adamMatchesHandComputedSteps() {
        AdamUpdater adam = new AdamUpdater(0.01, 0.9, 0.999, 1e-8, 1);
        double[] theta = {1.0};
        adam.step(theta, new double[] {0.5}, 0);
        // m = 0.05, v = 0.00025, α_1 = 0.01·sqrt(0.001)/0.1; θ = 1 − α_1·m/(sqrt(v) + ε)  (worked out separately)
        assertEquals(0.05, adam.firstMoment(0), 1e-16);
        assertEquals(0.00025, adam.secondMoment(0), 1e-18);
        assertEquals(0.9900000063245513, theta[0], 1e-15);

        adam.step(theta, new double[] {-0.2}, 1);
        assertEquals(0.025, adam.firstMoment(0), 1e-16);
        assertEquals(0.00028975, adam.secondMoment(0), 1e-18);
        assertEquals(0.986543949875767, theta[0], 1e-15);
    }

    @Test
    void sgdUpdaterMatchesHandComputedStep() {
        double[] theta = {1.0, -2.0};
        new SgdUpdater(0.5).step(theta, new double[] {0.2, -0.4}, 7);
        assertArrayEquals(new double[] {0.9, -1.8}, theta, 1e-15);
    }

    @Test
    void elementwiseClippingClampsEveryEntry() {
        ParameterLayout layout = ParameterLayout.of(TestBatches.spec(CellType.SIMPLE_RNN, 1, 1, 1, 1,
                OutputMode.EVERY_STEP, OutputActivation.IDENTITY, LossKind.MSE, true));
        double[] gradient = {0.5, -3.0, 0.99, 1.01, -1.0};
        GradientClipping.apply(new ClipSpec(ClipSpec.Kind.ELEMENTWISE, 1.0), layout, gradient);
        assertArrayEquals(new double[] {0.5, -1.0, 0.99, 1.0, -1.0}, gradient, 0);
    }

    @Test
    void l2ClippingRescalesOnlyLayersAboveTheThreshold() {
        // layer 0 = {0_W, 0_RW, 0_b} (3 entries), layer 1 = {1_W, 1_b} (2 entries)
        ParameterLayout layout = ParameterLayout.of(TestBatches.spec(CellType.SIMPLE_RNN, 1, 1, 1, 1,
                OutputMode.EVERY_STEP, OutputActivation.IDENTITY, LossKind.MSE, true));
        double[] gradient = {3.0, 0.0, 4.0, 0.3, 0.4};
        GradientClipping.apply(new ClipSpec(ClipSpec.Kind.L2_PER_LAYER, 1.0), layout, gradient);
        // layer 0 had norm 5 (biases included): scaled to norm 1; layer 1 had norm 0.5: untouched
        assertArrayEquals(new double[] {0.6, 0.0, 0.8, 0.3, 0.4}, gradient, 1e-15);
    }

    @Test
    void clippingActsOnTheMinibatchMeanGradient() {
        NetworkSpec spec = smallSpec(CellType.SIMPLE_RNN, true);
        SequenceBatch batch = TestBatches.batch(spec, 4, 3, MaskLayout.NONE, false, new Random(2));
        ScratchNetwork network = new ScratchNetwork(spec, 5);
        double[] summed = new double[network.numParams()];
        network.computeGradientAndScore(batch, summed);
        double largestMean = 0;
        for (double g : summed) {
            largestMean = Math.max(largestMean, Math.abs(g / 4));
        }
        double threshold = largestMean * 0.5;

        ScratchTrainer trainer = new ScratchTrainer(network,
                training(UpdaterKind.SGD, 0.1, new ClipSpec(ClipSpec.Kind.ELEMENTWISE, threshold), 0));
        trainer.fit(batch);
        double[] applied = trainer.lastGradient();
        for (int k = 0; k < applied.length; k++) {
            double expected = Math.max(-threshold, Math.min(threshold, summed[k] / 4));
            assertEquals(expected, applied[k], 1e-15, network.layout().describe(k));
        }
    }

    @Test
    void biasesStayZeroWithoutBiases() {
        for (UpdaterKind updater : UpdaterKind.values()) {
            NetworkSpec spec = smallSpec(CellType.LSTM, false);
            ScratchNetwork network = new ScratchNetwork(spec, 6);
            double[] before = network.params();
            ScratchTrainer trainer = new ScratchTrainer(network, training(updater, 0.05, ClipSpec.none(), 0));
            SequenceBatch batch = TestBatches.batch(spec, 4, 4, MaskLayout.NONE, false, new Random(3));
            for (int i = 0; i < 3; i++) {
                trainer.fit(batch);
            }
            double[] after = network.params();
            boolean weightsMoved = false;
            for (ParamBlock block : network.layout().blocks()) {
                for (int k = block.offset(); k < block.end(); k++) {
                    if (block.isBias()) {
                        assertEquals(0.0, after[k], updater + " " + network.layout().describe(k));
                    } else {
                        weightsMoved |= after[k] != before[k];
                    }
                }
            }
            assertTrue(weightsMoved, updater + ": the weights must still train");
        }
    }

    @Test
    void tbpttAtLeastTheSequenceLengthEqualsFullBptt() {
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = smallSpec(cell, true);
            SequenceBatch batch = TestBatches.batch(spec, 3, 5, MaskLayout.PADDED_END, false, new Random(4));
            double[] full = trainTwice(spec, batch, 0, TbpttGradient.DL4J);
            for (int tbptt : new int[] {5, 8}) {
                for (TbpttGradient mode : TbpttGradient.values()) {
                    assertArrayEquals(full, trainTwice(spec, batch, tbptt, mode), 0, cell + " tbptt=" + tbptt + " " + mode);
                }
            }
        }
    }

    private static double[] trainTwice(NetworkSpec spec, SequenceBatch batch, int tbptt, TbpttGradient mode) {
        ScratchNetwork network = new ScratchNetwork(spec, 8);
        ScratchTrainer trainer = new ScratchTrainer(network, training(UpdaterKind.ADAM, 0.01, ClipSpec.none(), tbptt),
                mode);
        trainer.fit(batch);
        trainer.fit(batch);
        return network.params();
    }

    @Test
    void tbpttMakesOneUpdatePerSegmentFromTheCarriedState() {
        NetworkSpec spec = smallSpec(CellType.LSTM, true);
        SequenceBatch batch = TestBatches.batch(spec, 2, 7, MaskLayout.NONE, false, new Random(5));
        ScratchNetwork network = new ScratchNetwork(spec, 9);
        ScratchTrainer trainer = new ScratchTrainer(network, training(UpdaterKind.SGD, 0.1, ClipSpec.none(), 3));
        trainer.fit(batch);
        assertEquals(3, trainer.iteration(), "7 steps in segments of 3: 3 + 3 + 1");

        // replayed by hand: each segment starts from the state the previous one ended in
        ScratchNetwork replay = new ScratchNetwork(spec, 9);
        SgdUpdater sgd = new SgdUpdater(0.1);
        RecurrentState[] start = null;
        int[][] segments = {{0, 3}, {3, 6}, {6, 7}};
        for (int i = 0; i < segments.length; i++) {
            double[] grad = new double[replay.numParams()];
            RecurrentState[] end = replay.newStates(2);
            replay.segmentGradientAndScore(batch.steps(segments[i][0], segments[i][1]), grad, start, end,
                    TbpttGradient.DL4J);
            for (int k = 0; k < grad.length; k++) {
                grad[k] /= 2;
            }
            sgd.step(replay.paramArray(), grad, i);
            start = end;
        }
        assertArrayEquals(replay.params(), network.params(), 0);
    }

    @Test
    void carriedStateSegmentGradientIsTheExactGradientOfTheSegmentScore() {
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = smallSpec(cell, true);
            ScratchNetwork network = new ScratchNetwork(spec, 10);
            SequenceBatch batch = TestBatches.batch(spec, 2, 6, MaskLayout.NONE, false, new Random(6));
            RecurrentState[] carried = stateAfter(network, batch.steps(0, 3));
            SequenceBatch second = batch.steps(3, 6);

            double[] carriedGrad = new double[network.numParams()];
            double[] dl4jGrad = new double[network.numParams()];
            double carriedScore = network.segmentGradientAndScore(second, carriedGrad, carried, null,
                    TbpttGradient.CARRIED_STATE);
            double dl4jScore = network.segmentGradientAndScore(second, dl4jGrad, carried, null, TbpttGradient.DL4J);

            double[] scratch = new double[network.numParams()];
            double[] numeric = NumericalGradient.centralDifferences(p -> network.segmentGradientAndScore(second,
                    scratch, carried, null, TbpttGradient.CARRIED_STATE), network.paramArray(), 1e-6);
            double[] analytic = carriedGrad.clone();
            for (int k = 0; k < analytic.length; k++) {
                analytic[k] /= 2;
            }
            GradientCheck.Worst check = GradientCheck.compare(analytic, numeric, 1e-8);
            assertTrue(check.maxRelativeError() <= 1e-6, cell + ": " + check);

            // both modes score the same stateful forward pass and agree on the output layer;
            // DL4J's mode re-runs the recurrent layers from zeros in backprop, so those differ
            assertEquals(carriedScore, dl4jScore, 0);
            int outputStart = network.layout().layerStart(spec.layers());
            for (int k = outputStart; k < carriedGrad.length; k++) {
                assertEquals(carriedGrad[k], dl4jGrad[k], 0, network.layout().describe(k));
            }
            double recurrentDifference = 0;
            for (int k = 0; k < outputStart; k++) {
                recurrentDifference = Math.max(recurrentDifference, Math.abs(carriedGrad[k] - dl4jGrad[k]));
            }
            assertTrue(recurrentDifference > 1e-6, cell + ": the modes should differ after the first segment");
        }
    }

    @Test
    void dl4jSegmentGradientEqualsCarriedStateOnTheFirstSegment() {
        NetworkSpec spec = smallSpec(CellType.SIMPLE_RNN, true);
        ScratchNetwork network = new ScratchNetwork(spec, 10);
        SequenceBatch batch = TestBatches.batch(spec, 2, 4, MaskLayout.NONE, false, new Random(7));
        double[] dl4j = new double[network.numParams()];
        double[] carried = new double[network.numParams()];
        network.segmentGradientAndScore(batch, dl4j, null, null, TbpttGradient.DL4J);
        network.segmentGradientAndScore(batch, carried, null, null, TbpttGradient.CARRIED_STATE);
        assertArrayEquals(carried, dl4j, 0);
    }

    private static RecurrentState[] stateAfter(ScratchNetwork network, SequenceBatch segment) {
        RecurrentState[] end = network.newStates(segment.miniBatch());
        network.segmentGradientAndScore(segment, new double[network.numParams()], null, end, TbpttGradient.DL4J);
        return end;
    }

    @Test
    void tbpttClearsTheTimeStepStateAndFullBpttKeepsIt() {
        NetworkSpec spec = smallSpec(CellType.LSTM, true);
        SequenceBatch batch = TestBatches.batch(spec, 1, 4, MaskLayout.NONE, false, new Random(8));
        double[][] x = {batch.features()[0][1]};
        for (int tbptt : new int[] {0, 2}) {
            ScratchNetwork network = new ScratchNetwork(spec, 11);
            ScratchTrainer trainer = new ScratchTrainer(network, training(UpdaterKind.SGD, 0.1, ClipSpec.none(), tbptt));
            network.timeStep(new double[][] {batch.features()[0][0]});
            trainer.fit(batch);
            double[][] continued = network.timeStep(x);
            network.clearState();
            double[][] fresh = network.timeStep(x);
            if (tbptt == 0) {
                assertTrue(Math.abs(continued[0][0] - fresh[0][0]) > 1e-9, "full BPTT leaves the state alone");
            } else {
                assertArrayEquals(fresh[0], continued[0], 0, "truncated BPTT clears the state, as DL4J does");
            }
        }
    }

    @Test
    void simpleRnnLearnsLetterParity() {
        String[] words = {"bbcb", "cbcb", "bcbc", "cbbc", "ccbc", "bacb", "ccba", "acbc", "cbac", "baab", "aabc", "acaa"};
        double[][][] features = new double[words.length][4][3];
        double[][] parity = new double[words.length][1];
        for (int e = 0; e < words.length; e++) {
            int count = 0;
            for (int t = 0; t < 4; t++) {
                char letter = words[e].charAt(t);
                features[e][t][letter == 'a' ? 2 : letter == 'b' ? 1 : 0] = 1;
                count += letter == 'a' ? 1 : 0;
            }
            parity[e][0] = count % 2;
        }
        SequenceBatch batch = SequenceBatch.lastStep(features, parity, null);
        NetworkSpec spec = new NetworkSpec(CellType.SIMPLE_RNN, 3, 2, 1, 1, OutputMode.LAST_STEP,
                OutputActivation.SIGMOID, LossKind.MSE, false, WeightInitSpec.normal(0, 0.1));
        ScratchNetwork network = new ScratchNetwork(spec, 6);
        ScratchTrainer trainer = new ScratchTrainer(network,
                new TrainingSpec(UpdaterKind.SGD, 0.05, ClipSpec.none(), 12, 3000, 0, 6));

        double initial = network.score(batch);
        for (int epoch = 0; epoch < 3000; epoch++) {
            trainer.fit(batch);
        }
        double trained = network.score(batch);
        assertTrue(trained < initial / 20, "loss " + initial + " -> " + trained);
        double[][][] out = network.output(features, null);
        for (int e = 0; e < words.length; e++) {
            assertEquals(parity[e][0], Math.round(out[e][3][0]), words[e]);
        }
    }

    @Test
    void lstmLearnsToRecallItsFirstInputWithAdam() {
        Random random = new Random(12);
        int mb = 16;
        int steps = 6;
        double[][][] features = new double[mb][steps][1];
        double[][] first = new double[mb][1];
        for (int e = 0; e < mb; e++) {
            for (int t = 0; t < steps; t++) {
                features[e][t][0] = random.nextBoolean() ? 1 : -1;
            }
            first[e][0] = features[e][0][0] > 0 ? 1 : 0;
        }
        SequenceBatch batch = SequenceBatch.lastStep(features, first, null);
        NetworkSpec spec = new NetworkSpec(CellType.LSTM, 1, 4, 1, 1, OutputMode.LAST_STEP,
                OutputActivation.SIGMOID, LossKind.XENT, true, WeightInitSpec.xavier());
        ScratchNetwork network = new ScratchNetwork(spec, 13);
        ScratchTrainer trainer = new ScratchTrainer(network,
                new TrainingSpec(UpdaterKind.ADAM, 0.05, ClipSpec.none(), mb, 300, 0, 13));

        double initial = network.score(batch);
        for (int i = 0; i < 300; i++) {
            trainer.fit(batch);
        }
        double trained = network.score(batch);
        assertTrue(trained < initial / 20, "loss " + initial + " -> " + trained);
    }
}

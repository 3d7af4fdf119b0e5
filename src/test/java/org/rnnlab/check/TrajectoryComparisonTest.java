package org.rnnlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.testing.CheckFixtures;
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 200 training steps of DL4J and of the scratch trainer side by side, from the same start on the same data. */
class TrajectoryComparisonTest {

    private static final Logger LOG = LoggerFactory.getLogger(TrajectoryComparisonTest.class);

    private static final int STEPS = 200;
    private static final double LOSS_TOLERANCE = 1e-9;
    private static final double PARAMETER_TOLERANCE = 1e-8;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void simpleRnnWithSgdAsInTheLetterParityTask() {
        NetworkSpec spec = CheckFixtures.spec(CellType.SIMPLE_RNN, 3, 2, 1, 1, OutputMode.LAST_STEP,
                CheckFixtures.OUTPUTS.get(1), false);
        assertSameTrajectory(spec, training(UpdaterKind.SGD, 0.2, ClipSpec.none()), 4, 4, MaskLayout.NONE);
    }

    @Test
    void simpleRnnWithSgdAndElementwiseClippingAsInTheSineWindowTask() {
        NetworkSpec spec = CheckFixtures.spec(CellType.SIMPLE_RNN, 1, 4, 1, 1, OutputMode.LAST_STEP,
                CheckFixtures.OUTPUTS.get(0), false);
        assertSameTrajectory(spec, training(UpdaterKind.SGD, 0.1, new ClipSpec(ClipSpec.Kind.ELEMENTWISE, 0.05)), 1, 6,
                MaskLayout.NONE);
    }

    @Test
    void twoLayerSimpleRnnWithAdamAndL2ClippingOnRaggedSequences() {
        NetworkSpec spec = CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 3, 2, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        assertSameTrajectory(spec, training(UpdaterKind.ADAM, 0.01, new ClipSpec(ClipSpec.Kind.L2_PER_LAYER, 0.5)), 3,
                5, MaskLayout.PADDED_END);
    }

    @Test
    void lstmWithSgdOnMultiClassLabels() {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 2, 3, 1, 3, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(3), true);
        assertSameTrajectory(spec, training(UpdaterKind.SGD, 0.1, ClipSpec.none()), 3, 4, MaskLayout.NONE);
    }

    @Test
    void lstmWithAdamAndElementwiseClippingManyToOne() {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 2, 3, 1, 2, OutputMode.LAST_STEP,
                CheckFixtures.OUTPUTS.get(2), true);
        assertSameTrajectory(spec, training(UpdaterKind.ADAM, 0.02, new ClipSpec(ClipSpec.Kind.ELEMENTWISE, 0.1)), 2, 5,
                MaskLayout.PADDED_START);
    }

    @Test
    void lstmWithAdamAndL2ClippingWithoutBiases() {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 1, 4, 1, 1, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), false);
        ClipSpec clip = new ClipSpec(ClipSpec.Kind.L2_PER_LAYER, 0.3);
        assertSameTrajectory(spec, training(UpdaterKind.ADAM, 0.01, clip), 2, 4, MaskLayout.NONE);
    }

    @Test
    void simpleRnnWithAdamAndTruncatedBptt() {
        NetworkSpec spec = CheckFixtures.spec(CellType.SIMPLE_RNN, 1, 3, 1, 1, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        TrainingSpec truncated = new TrainingSpec(UpdaterKind.ADAM, 0.01, ClipSpec.none(), 1, 1, 2, 17);
        assertSameTrajectory(spec, truncated, 1, 6, MaskLayout.NONE);
    }

    @Test
    void gruWithSgdAndElementwiseClippingManyToOneWithoutBiasesOnPaddedSequences() {
        NetworkSpec spec = CheckFixtures.spec(CellType.GRU, 2, 3, 1, 1, OutputMode.LAST_STEP,
                CheckFixtures.OUTPUTS.get(1), false);
        assertSameTrajectory(spec, training(UpdaterKind.SGD, 0.2, new ClipSpec(ClipSpec.Kind.ELEMENTWISE, 0.02)), 3, 5,
                MaskLayout.PADDED_START);
    }

    @Test
    void twoLayerGruWithAdamL2ClippingAndTruncatedBptt() {
        NetworkSpec spec = CheckFixtures.spec(CellType.GRU, 2, 3, 2, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        TrainingSpec truncated = new TrainingSpec(UpdaterKind.ADAM, 0.01, new ClipSpec(ClipSpec.Kind.L2_PER_LAYER, 0.5),
                1, 1, 2, 17);
        assertSameTrajectory(spec, truncated, 2, 5, MaskLayout.NONE);
    }

    @Test
    void refusesAnEmptyTrajectory() {
        NetworkSpec spec = CheckFixtures.spec(CellType.SIMPLE_RNN, 1, 2, 1, 1, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        TrainingSpec sgd = training(UpdaterKind.SGD, 0.1, ClipSpec.none());
        assertThrows(IllegalArgumentException.class, () -> TrajectoryComparison.run(spec, sgd, List.of(), 5));
        List<SequenceBatch> one = batches(spec, 1, 1, 2, MaskLayout.NONE);
        assertThrows(IllegalArgumentException.class, () -> TrajectoryComparison.run(spec, sgd, one, 0));
    }

    private static TrainingSpec training(UpdaterKind updater, double learningRate, ClipSpec clip) {
        return CheckFixtures.training(updater, learningRate, clip, 17);
    }

    /** Trains both for {@link #STEPS} steps over three minibatches in turn and checks every step and the end. */
    private static void assertSameTrajectory(NetworkSpec spec, TrainingSpec training, int mb, int steps, MaskLayout masks) {
        List<SequenceBatch> batches = batches(spec, 3, mb, steps, masks);
        if (training.clip().kind() != ClipSpec.Kind.NONE) {
            assertClipsAtTheStart(spec, training, batches.get(0));
        }
        TrajectoryComparison.Result result = TrajectoryComparison.run(spec, training, batches, STEPS);
        LOG.info("{} {} {}: max loss relative error {} (step {}), max final parameter relative error {}, loss {} -> {}",
                spec.cell(), training.updater(), training.clip().kind(), result.maxLossRelativeError(),
                result.worstStep(), result.maxParameterRelativeError(), result.dl4jLosses()[0],
                result.dl4jLosses()[STEPS - 1]);

        assertEquals(STEPS, result.steps());
        for (int step = 0; step < STEPS; step++) {
            double error = result.lossRelativeError(step);
            assertTrue(error <= LOSS_TOLERANCE, "step " + step + ": loss relative error " + error + "\n" + result);
        }
        assertTrue(result.finalParameters().parametersAbove(PARAMETER_TOLERANCE).isEmpty(), result.toString());
        double[] losses = result.dl4jLosses();
        assertTrue(mean(losses, STEPS - 3) < mean(losses, 0), "training moved the loss down: " + result);
    }

    /** The first update's gradient exceeds the clip threshold, so the trajectory exercises clipping. */
    private static void assertClipsAtTheStart(NetworkSpec spec, TrainingSpec training, SequenceBatch batch) {
        ScratchNetwork scratch = new ScratchNetwork(spec, training.seed());
        ParameterBridge.toScratch(NetworkFactory.network(spec, training), scratch);
        double[] gradient = new double[scratch.numParams()];
        scratch.computeGradientAndScore(batch, gradient);
        double largest = 0;
        for (int layer = 0; layer < scratch.layout().layerCount(); layer++) {
            double sumOfSquares = 0;
            for (int k = scratch.layout().layerStart(layer); k < scratch.layout().layerEnd(layer); k++) {
                double g = gradient[k] / batch.miniBatch();
                sumOfSquares += g * g;
                if (training.clip().kind() == ClipSpec.Kind.ELEMENTWISE) {
                    largest = Math.max(largest, Math.abs(g));
                }
            }
            if (training.clip().kind() == ClipSpec.Kind.L2_PER_LAYER) {
                largest = Math.max(largest, Math.sqrt(sumOfSquares));
            }
        }
        assertTrue(largest > training.clip().threshold(), "the first gradient (" + largest
                + ") stays below the clip threshold " + training.clip().threshold());
    }

    private static List<SequenceBatch> batches(NetworkSpec spec, int count, int mb, int steps, MaskLayout masks) {
        Random random = new Random(31L * mb + steps);
        List<SequenceBatch> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            batches.add(CheckFixtures.batch(spec, mb, steps, masks, false, random));
        }
        return batches;
    }

    /** Mean loss over one cycle of the three minibatches starting at {@code from}. */
    private static double mean(double[] losses, int from) {
        return (losses[from] + losses[from + 1] + losses[from + 2]) / 3;
    }
}

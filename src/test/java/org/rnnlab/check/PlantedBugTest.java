package org.rnnlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.scratch.FaultyNetworks;
import org.rnnlab.scratch.PlantedBug;
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

/**
 * Bugs planted as one-method overrides of the reference cells' backward pass: the cross-check
 * against DL4J must flag each one and name the parameters it corrupts, and leave the untouched
 * ones alone.
 */
class PlantedBugTest {

    private static final double TOLERANCE = 1e-8;
    private static final TrainingSpec TRAINING = CheckFixtures.training(UpdaterKind.SGD, 0.1, ClipSpec.none(), 1);

    /** The sine-window original: one input, many-to-one regression, no biases. */
    private static final NetworkSpec SINE_WINDOW = CheckFixtures.spec(CellType.SIMPLE_RNN, 1, 4, 1, 1,
            OutputMode.LAST_STEP, CheckFixtures.OUTPUTS.get(0), false);
    private static final NetworkSpec RNN = CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 3, 1, 2, OutputMode.EVERY_STEP,
            CheckFixtures.OUTPUTS.get(2), true);
    private static final NetworkSpec LSTM = CheckFixtures.spec(CellType.LSTM, 2, 3, 1, 2, OutputMode.EVERY_STEP,
            CheckFixtures.OUTPUTS.get(3), true);

    private static final NetworkSpec GRU = CheckFixtures.spec(CellType.GRU, 2, 3, 1, 2, OutputMode.EVERY_STEP,
            CheckFixtures.OUTPUTS.get(0), true);

    private static final List<String> RECURRENT_LAYER = List.of("0_W", "0_RW", "0_b");
    private static final List<String> OUTPUT_LAYER = List.of("1_W", "1_b");

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void referenceCellsWithoutABugAgreeWithDl4j() {
        for (NetworkSpec spec : List.of(SINE_WINDOW, RNN, LSTM, GRU)) {
            Report report = crossCheck(spec, PlantedBug.NONE, 3, 5, 1);
            assertTrue(report.agrees(TOLERANCE, 1e-10), report.toString());
        }
    }

    @Test
    void offByOneStepOfTheSineWindowOriginalIsCaught() {
        for (long seed = 1; seed <= 3; seed++) {
            Report report = crossCheck(SINE_WINDOW, PlantedBug.OFF_BY_ONE_STEP, 1, 5, seed);
            assertFlags(report, RECURRENT_LAYER);
        }
        // the scratch side's own check sees it too, without DL4J
        ScratchNetwork faulty = FaultyNetworks.withBug(SINE_WINDOW, 4, PlantedBug.OFF_BY_ONE_STEP);
        Report numerical = NumericalCheck.check(faulty, batch(SINE_WINDOW, 1, 5, 4));
        assertTrue(numerical.parametersAbove(1e-6).containsAll(List.of("0_W", "0_RW")), numerical.toString());
    }

    @Test
    void droppedRecurrentGradientIsCaught() {
        for (NetworkSpec spec : List.of(SINE_WINDOW, RNN, LSTM, GRU)) {
            assertFlags(crossCheck(spec, PlantedBug.NO_RECURRENT_GRADIENT, 2, 4, 5), RECURRENT_LAYER);
        }
    }

    @Test
    void wrongTanhDerivativeIsCaught() {
        for (NetworkSpec spec : List.of(SINE_WINDOW, RNN, LSTM, GRU)) {
            assertFlags(crossCheck(spec, PlantedBug.WRONG_TANH_DERIVATIVE, 2, 4, 6), RECURRENT_LAYER);
        }
    }

    @Test
    void swappedLstmGatesAreCaughtAndTheGatesNamed() {
        assertFlags(crossCheck(LSTM, PlantedBug.SWAPPED_GATES, 2, 4, 7), RECURRENT_LAYER);

        // one step: nothing flows back through time, so only the two swapped gates' columns are wrong
        Report oneStep = crossCheck(LSTM, PlantedBug.SWAPPED_GATES, 2, 1, 8);
        assertFlags(oneStep, List.of("0_W", "0_b"));
        assertEquals(List.of("0_W", "0_b"), oneStep.parametersAbove(TOLERANCE), "RW has no gradient at one step");
        for (String name : oneStep.parametersAbove(TOLERANCE)) {
            String gate = oneStep.parameter(name).worst().gate();
            assertTrue(gate.startsWith("f ") || gate.startsWith("o "), name + " worst entry in gate " + gate + "\n"
                    + oneStep);
        }
        assertTrue(oneStep.toString().contains("gate f (forget)") || oneStep.toString().contains("gate o (output)"),
                oneStep.toString());
    }

    @Test
    void gruResetGateAppliedBeforeTheProductIsCaughtInTheCandidatesRecurrentWeights() {
        Report report = crossCheck(GRU, PlantedBug.RESET_BEFORE_PRODUCT, 2, 4, 10);
        // only dRW's candidate block is computed the wrong way; everything else stays exact
        assertFlags(report, List.of("0_RW"));
        assertEquals(List.of("0_RW"), report.parametersAbove(TOLERANCE), report.toString());
        assertTrue(report.parameter("0_RW").worst().gate().startsWith("n "), report.toString());
        assertTrue(report.toString().contains("gate n (candidate)"), report.toString());
    }

    @Test
    void bugBelowIsFlaggedInTheLayersItFeeds() {
        NetworkSpec twoLayers = CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 3, 2, 1, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        Report report = crossCheck(twoLayers, PlantedBug.WRONG_TANH_DERIVATIVE, 2, 3, 9);
        assertEquals(List.of("0_W", "0_RW", "0_b", "1_W", "1_RW", "1_b"), report.parametersAbove(TOLERANCE),
                report.toString());
    }

    /** DL4J against a faulty scratch network, at random parameters, on a random batch. */
    private static Report crossCheck(NetworkSpec spec, PlantedBug bug, int mb, int steps, long seed) {
        MultiLayerNetwork net = NetworkFactory.network(spec, TRAINING);
        ParameterBridge.toDl4j(new ScratchNetwork(spec, seed), net);
        ScratchNetwork faulty = FaultyNetworks.withBug(spec, seed, bug);
        return GradientComparison.compare(net, faulty, batch(spec, mb, steps, seed));
    }

    private static SequenceBatch batch(NetworkSpec spec, int mb, int steps, long seed) {
        return CheckFixtures.batch(spec, mb, steps, MaskLayout.NONE, false, new Random(seed));
    }

    /**
     * The report flags every expected parameter, far above rounding, names the worst of them, and
     * leaves the output layer (computed before the faulty layer's backward pass) and the score alone.
     */
    private static void assertFlags(Report report, List<String> expected) {
        List<String> flagged = report.parametersAbove(TOLERANCE);
        assertTrue(flagged.containsAll(expected), "expected " + expected + " flagged, got " + flagged + "\n" + report);
        assertTrue(Collections.disjoint(flagged, OUTPUT_LAYER), "output layer flagged: " + flagged + "\n" + report);
        ParameterError worst = report.worst();
        assertTrue(expected.contains(worst.parameter()), "worst " + worst + "\n" + report);
        assertTrue(worst.maxRelative() > 1e-3, "a planted bug is far above rounding: " + worst);
        assertTrue(report.toString().contains(worst.parameter()), report.toString());
        assertTrue(report.scoreRelativeError() <= 1e-10, "the forward pass is untouched\n" + report);
    }
}

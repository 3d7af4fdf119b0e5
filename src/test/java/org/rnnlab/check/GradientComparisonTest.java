package org.rnnlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.testing.CheckFixtures.Output;
import org.rnnlab.testing.CheckFixtures;
import org.rnnlab.testing.TestArrays;
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DL4J's gradient and score against the scratch network's, over many small random networks and batches. */
class GradientComparisonTest {

    private static final Logger LOG = LoggerFactory.getLogger(GradientComparisonTest.class);

    private static final double GRADIENT_TOLERANCE = 1e-8;
    private static final double SCORE_TOLERANCE = 1e-10;
    /** Each round draws fresh sizes, parameters and data for every combination of the structural choices. */
    private static final int ROUNDS = 2;
    /** The GRU, rnnlab's own DL4J layer, gets more rounds: on its own over 200 configurations. */
    private static final int GRU_ROUNDS = 4;
    private static final TrainingSpec TRAINING = CheckFixtures.training(UpdaterKind.SGD, 0.1, ClipSpec.none(), 1);

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void gradientsAndScoresAgreeOverRandomConfigurations() {
        Random random = new Random(20240607);
        Map<NetworkSpec, MultiLayerNetwork> networks = new HashMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> coverage = new HashMap<>();
        double maxGradientError = 0;
        double maxScoreError = 0;
        int checked = 0;
        Map<CellType, Integer> perCell = new HashMap<>();
        Map<CellType, Double> largestPerCell = new HashMap<>();
        for (int round = 0; round < GRU_ROUNDS; round++) {
            for (CellType cell : CellType.values()) {
                if (round >= ROUNDS && cell != CellType.GRU) {
                    continue;
                }
                for (int layers = 1; layers <= 2; layers++) {
                    for (OutputMode mode : OutputMode.values()) {
                        for (Output output : CheckFixtures.OUTPUTS) {
                            for (MaskLayout masks : MaskLayout.values()) {
                                int nOut = output.activation() == OutputActivation.SOFTMAX ? 2 + random.nextInt(2)
                                        : 1 + random.nextInt(3);
                                boolean bias = random.nextBoolean();
                                NetworkSpec spec = CheckFixtures.spec(cell, 1 + random.nextInt(4),
                                        1 + random.nextInt(5), layers, nOut, mode, output, bias);
                                int mb = random.nextBoolean() ? 1 : 2 + random.nextInt(3);
                                int steps = 1 + random.nextInt(6);
                                if (output.loss() == LossKind.MCXENT && mb == 1 && steps == 1) {
                                    // DL4J M2.1 takes a [1, 1] label mask for per-output masking, which MCXENT refuses
                                    steps = 2;
                                }
                                boolean labelMask = mode == OutputMode.EVERY_STEP && random.nextBoolean();
                                SequenceBatch batch = CheckFixtures.batch(spec, mb, steps, masks, labelMask, random);

                                // one DL4J network per architecture: output mode and biases only
                                // change the masks and the parameter values
                                MultiLayerNetwork net = networks.computeIfAbsent(architecture(spec),
                                        s -> NetworkFactory.network(s, TRAINING));
                                ScratchNetwork scratch = new ScratchNetwork(spec, random.nextLong());
                                ParameterBridge.toDl4j(scratch, net);
                                Report report = GradientComparison.compare(net, scratch, batch);

                                checked++;
                                perCell.merge(cell, 1, Integer::sum);
                                count(coverage, mb == 1 ? "batch 1" : "batch > 1");
                                count(coverage, bias ? "bias" : "no bias");
                                count(coverage, masks == MaskLayout.NONE ? "no feature mask" : "feature mask");
                                count(coverage, labelMask ? "random label mask" : "no random label mask");
                                maxGradientError = Math.max(maxGradientError, report.maxRelativeError());
                                largestPerCell.merge(cell, report.maxRelativeError(), Math::max);
                                maxScoreError = Math.max(maxScoreError, report.scoreRelativeError());
                                if (!report.agrees(GRADIENT_TOLERANCE, SCORE_TOLERANCE)) {
                                    failures.add(spec + " mb=" + mb + " T=" + steps + " masks=" + masks
                                            + " labelMask=" + labelMask + "\n" + report);
                                }
                            }
                        }
                    }
                }
            }
        }
        LOG.info("{} configurations ({}) on {} DL4J networks: max gradient relative error {} (per cell {}), max "
                + "score relative error {}, coverage {}", checked, perCell, networks.size(), maxGradientError, largestPerCell, maxScoreError, coverage);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " configurations disagree:\n"
                + String.join("\n", failures));
        assertTrue(checked >= 200, "only " + checked + " configurations");
        assertTrue(perCell.get(CellType.GRU) >= 200, "only " + perCell.get(CellType.GRU) + " GRU configurations");
        for (String kind : List.of("batch 1", "batch > 1", "bias", "no bias", "random label mask")) {
            assertTrue(coverage.getOrDefault(kind, 0) >= 20, kind + " covered only " + coverage.get(kind) + " times");
        }
    }

    @Test
    void reportNamesEveryParameterAndLstmGates() {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 2, 3, 1, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(3), true);
        MultiLayerNetwork net = NetworkFactory.network(spec, TRAINING);
        ScratchNetwork scratch = new ScratchNetwork(spec, 4);
        SequenceBatch batch = CheckFixtures.batch(spec, 2, 3, MaskLayout.NONE, false, new Random(4));
        Report report = GradientComparison.compare(net, scratch, batch);

        assertEquals(List.of("0_W", "0_RW", "0_b", "1_W", "1_b"),
                report.parameters().stream().map(ParameterError::parameter).toList());
        String table = report.toString();
        for (String part : List.of("dl4j", "scratch", "score", "0_RW", "[3, 12]", "max rel err", "worst entry")) {
            assertTrue(table.contains(part), "'" + part + "' missing from\n" + table);
        }
        ParameterEntry entry = ParameterEntry.of(spec, scratch.layout().block("0_RW"), 1, 7);
        assertEquals("layer 0 RW row 1 col 7 (gate o (output), unit 1)", entry.toString());
        assertEquals("i (input)", ParameterEntry.of(spec, scratch.layout().block("0_b"), 0, 11).gate());
        assertEquals("a (block input)", ParameterEntry.of(spec, scratch.layout().block("0_W"), 1, 2).gate());
        assertEquals(null, ParameterEntry.of(spec, scratch.layout().block("1_W"), 2, 1).gate(), "output layer");
    }

    @Test
    void reportNamesTheGruGatesAndItsRecurrentBias() {
        NetworkSpec spec = CheckFixtures.spec(CellType.GRU, 2, 3, 1, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        MultiLayerNetwork net = NetworkFactory.network(spec, TRAINING);
        ScratchNetwork scratch = new ScratchNetwork(spec, 4);
        ParameterBridge.toDl4j(scratch, net);
        Report report = GradientComparison.compare(net, scratch, CheckFixtures.batch(spec, 2, 3, MaskLayout.NONE,
                false, new Random(4)));
        assertEquals(List.of("0_W", "0_RW", "0_b", "0_RB", "1_W", "1_b"),
                report.parameters().stream().map(ParameterError::parameter).toList());
        assertTrue(report.agrees(GRADIENT_TOLERANCE, SCORE_TOLERANCE), report.toString());
        assertEquals("layer 0 RW row 1 col 7 (gate n (candidate), unit 1)",
                ParameterEntry.of(spec, scratch.layout().block("0_RW"), 1, 7).toString());
        assertEquals("r (reset)", ParameterEntry.of(spec, scratch.layout().block("0_RB"), 0, 2).gate());
        assertEquals("z (update)", ParameterEntry.of(spec, scratch.layout().block("0_W"), 1, 3).gate());
    }

    @Test
    void gradientIsReadBeforeAnyUpdateAndLeavesTheNetworkUnchanged() {
        NetworkSpec spec = CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 3, 1, 1, OutputMode.LAST_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        MultiLayerNetwork net = NetworkFactory.network(spec, TRAINING);
        double[] before = ParameterBridge.flatParams(net);
        ScratchNetwork scratch = new ScratchNetwork(spec, 4);
        SequenceBatch batch = CheckFixtures.batch(spec, 3, 4, MaskLayout.PADDED_START, false, new Random(5));
        Report first = GradientComparison.compare(net, scratch, batch);
        Report second = GradientComparison.compare(net, scratch, batch);
        assertEquals(first.leftScore(), second.leftScore(), 0);
        assertEquals(0, TestArrays.maxAbsDifference(before, ParameterBridge.flatParams(net)));
        assertTrue(first.agrees(GRADIENT_TOLERANCE, SCORE_TOLERANCE), first.toString());
    }

    @Test
    void refusesNetworksWhoseGradientIsNotComparable() {
        NetworkSpec spec = CheckFixtures.spec(CellType.SIMPLE_RNN, 2, 3, 1, 1, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        SequenceBatch batch = CheckFixtures.batch(spec, 1, 4, MaskLayout.NONE, false, new Random(6));
        ScratchNetwork scratch = new ScratchNetwork(spec, 1);

        MultiLayerNetwork single = new MultiLayerNetwork(NetworkFactory.configuration(spec, TRAINING, DataType.FLOAT));
        single.init();
        IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
                () -> GradientComparison.compare(single, scratch, batch));
        assertTrue(precision.getMessage().contains("FLOAT") && precision.getMessage().contains("double"), precision.getMessage());

        TrainingSpec truncated = new TrainingSpec(UpdaterKind.SGD, 0.1, ClipSpec.none(), 1, 1, 2, 1);
        IllegalArgumentException tbptt = assertThrows(IllegalArgumentException.class,
                () -> GradientComparison.compare(NetworkFactory.network(spec, truncated), scratch, batch));
        assertTrue(tbptt.getMessage().contains("truncated BPTT"), tbptt.getMessage());
    }

    private static NetworkSpec architecture(NetworkSpec spec) {
        return new NetworkSpec(spec.cell(), spec.nIn(), spec.hidden(), spec.layers(), spec.nOut(),
                OutputMode.EVERY_STEP, spec.activation(), spec.loss(), true, spec.init());
    }

    private static void count(Map<String, Integer> coverage, String kind) {
        coverage.merge(kind, 1, Integer::sum);
    }
}

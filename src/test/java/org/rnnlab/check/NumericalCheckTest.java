package org.rnnlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.testing.CheckFixtures.Output;
import org.rnnlab.testing.CheckFixtures;
import org.rnnlab.testing.TestArrays;
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scratch gradient against central differences, reported per parameter. */
class NumericalCheckTest {

    private static final Logger LOG = LoggerFactory.getLogger(NumericalCheckTest.class);

    private static final double TOLERANCE = 1e-6;

    @Test
    void scratchGradientMatchesCentralDifferencesOverRandomConfigurations() {
        Random random = new Random(777);
        List<String> failures = new ArrayList<>();
        double maxError = 0;
        double maxAbsolute = 0;
        int checked = 0;
        for (CellType cell : CellType.values()) {
            for (int layers = 1; layers <= 2; layers++) {
                for (OutputMode mode : OutputMode.values()) {
                    for (Output output : CheckFixtures.OUTPUTS) {
                        for (MaskLayout masks : MaskLayout.values()) {
                            int nOut = output.activation() == OutputActivation.SOFTMAX ? 2 + random.nextInt(2)
                                    : 1 + random.nextInt(3);
                            NetworkSpec spec = CheckFixtures.spec(cell, 1 + random.nextInt(4), 1 + random.nextInt(5),
                                    layers, nOut, mode, output, random.nextBoolean());
                            int mb = random.nextBoolean() ? 1 : 2 + random.nextInt(3);
                            boolean labelMask = mode == OutputMode.EVERY_STEP && random.nextBoolean();
                            SequenceBatch batch = CheckFixtures.batch(spec, mb, 1 + random.nextInt(6), masks,
                                    labelMask, random);
                            ScratchNetwork network = new ScratchNetwork(spec, random.nextLong());
                            Report report = NumericalCheck.check(network, batch);
                            checked++;
                            maxError = Math.max(maxError, report.maxRelativeError());
                            maxAbsolute = Math.max(maxAbsolute, report.maxAbsoluteError());
                            if (!report.agrees(TOLERANCE, 0)) {
                                failures.add(spec + " mb=" + mb + " masks=" + masks + "\n" + report);
                            }
                        }
                    }
                }
            }
        }
        LOG.info("{} configurations: max relative error against extrapolated central differences {}, max absolute "
                + "error {}", checked, maxError, maxAbsolute);
        assertEquals(CellType.values().length * 2 * OutputMode.values().length * CheckFixtures.OUTPUTS.size()
                * MaskLayout.values().length, checked);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " configurations disagree:\n"
                + String.join("\n", failures));
    }

    @Test
    void reportIsPerParameterAndLeavesTheParametersAlone() {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 2, 2, 1, 1, OutputMode.LAST_STEP,
                CheckFixtures.OUTPUTS.get(1), true);
        ScratchNetwork network = new ScratchNetwork(spec, 3);
        double[] before = network.params();
        Report report = NumericalCheck.check(network, CheckFixtures.batch(spec, 2, 3, MaskLayout.NONE, false,
                new Random(3)));
        assertEquals(0, TestArrays.maxAbsDifference(before, network.params()));
        assertEquals(List.of("0_W", "0_RW", "0_b", "1_W", "1_b"),
                report.parameters().stream().map(ParameterError::parameter).toList());
        assertEquals(report.leftScore(), report.rightScore(), 0, "the differentiated score is the reported one");
        assertTrue(report.toString().contains("analytic") && report.toString().contains("numeric"), report.toString());
        assertTrue(report.maxAbsoluteError() > 0, "finite differences are never exact");
        assertTrue(report.maxAbsoluteError() < 1e-10, report.toString());
    }
}

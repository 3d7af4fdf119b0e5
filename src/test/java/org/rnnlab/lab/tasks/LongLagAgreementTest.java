package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.bridge.Batches;
import org.rnnlab.check.TrajectoryComparison;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.scratch.ParameterLayout;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.testing.SettingsCopies;

/**
 * DL4J and the scratch network on the long-lag tasks: from the same parameters, on the same DataVec
 * minibatches (the task's own), their first 200 steps agree to 1e-9 on each task and cell, so the
 * scratch study's success rates stand for DL4J's networks too. The cell, updater, learning rate,
 * clipping and loss are the files'; four units and minibatches of four keep DL4J's part short, since
 * DL4J's cost here is per time step and per operation rather than per unit. Temporal order runs at
 * its own 100-110 steps; the adding problem at T = 20 (its generator is the same at any T, and the
 * arithmetic of a step does not depend on how many there are; at T = 100 DL4J's part takes five times
 * as long); Reber strings are short anyway.
 */
class LongLagAgreementTest {

    static final int STEPS = 200;

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @ParameterizedTest
    @ValueSource(strings = {"adding-t100-lstm", "adding-t100-simplernn", "temporal-order-lstm",
            "temporal-order-simplernn", "embedded-reber-lstm", "embedded-reber-simplernn"})
    void theFirst200StepsAgree(String name) throws IOException {
        // generated tasks: 200 minibatches of new sequences; Reber: its 256 training strings, epoch after epoch
        Map<String, String> smaller = new HashMap<>(Map.of("hidden", "4", "batch", "4"));
        if (name.startsWith("embedded-reber")) {
            smaller.put("test.strings", "8");
        } else {
            smaller.putAll(Map.of("epoch.sequences", Integer.toString(4 * STEPS), "test.sequences", "8"));
        }
        if (name.startsWith("adding")) {
            smaller.put("length", "20");
        }
        ExperimentSettings settings = SettingsCopies.load(name, dir, smaller);
        Task task = TaskKinds.task(settings);
        DataSetIterator data = task.trainingData(settings.training().batch());
        List<SequenceBatch> batches = new ArrayList<>();
        while (data.hasNext() && batches.size() < STEPS) {
            batches.add(Batches.fromDataSet(data.next()));
        }
        if (!name.startsWith("embedded-reber")) {
            assertEquals(STEPS, batches.size(), "one new minibatch per step");
        }
        TrajectoryComparison.Result result = TrajectoryComparison.run(settings.network(), settings.training(),
                batches, STEPS);
        assertEquals(STEPS, result.steps());
        assertTrue(result.maxLossRelativeError() < 1e-9, result.toString());
        assertTrue(result.maxParameterRelativeError() < 1e-9, result.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3", "-0.5"})
    void theForgetGateBiasStartsWhereTheSettingsSayInBothImplementations(String bias) throws IOException {
        ExperimentSettings settings = SettingsCopies.load("adding-t100-lstm", dir,
                Map.of("hidden", "4", "forget.bias", bias));
        double[] dl4j = Dl4jNetwork.create(settings).parameters();
        double[] scratch = ScratchTrainable.create(settings).parameters();
        int offset = ParameterLayout.of(settings.network()).offset("0_b");
        // DL4J's gate order [a, f, o, i]: the forget block is the second of four
        for (int j = 0; j < 16; j++) {
            double expected = j >= 4 && j < 8 ? Double.parseDouble(bias) : 0.0;
            assertEquals(expected, dl4j[offset + j], 0.0, "DL4J bias " + j);
            assertEquals(expected, scratch[offset + j], 0.0, "scratch bias " + j);
        }
    }
}

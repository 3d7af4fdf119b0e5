package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * minibatches (the task's own), their first steps agree to 1e-9: 200 on the adding problem, fewer
 * on the others (DL4J's per-step cost grows with the sequence length, and temporal order has 100-110
 * steps), so the scratch study's success rates stand for DL4J's networks too. Smaller networks, minibatches and adding sequences (10 steps) than the settings files keep
 * DL4J's part short; the updater, learning rate, clipping and loss are the files'.
 */
class LongLagAgreementTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @ParameterizedTest
    @CsvSource({"adding-t100-lstm, 200", "adding-t100-simplernn, 100", "embedded-reber-lstm, 60",
            "temporal-order-lstm, 10"})
    void theFirstStepsAgree(String name, int steps) throws IOException {
        Map<String, String> smaller = name.startsWith("embedded-reber")
                ? Map.of("hidden", "4", "batch", "4", "train.strings", "32")
                : Map.of("hidden", "4", "batch", "4", "epoch.sequences", "800", "test.sequences", "8", "length", "10");
        if (name.startsWith("temporal-order")) {
            smaller = Map.of("hidden", "4", "batch", "4", "epoch.sequences", "100", "test.sequences", "8");
        }
        ExperimentSettings settings = SettingsCopies.load(name, dir, smaller);
        Task task = TaskKinds.task(settings);
        DataSetIterator data = task.trainingData(settings.training().batch());
        List<SequenceBatch> batches = new ArrayList<>();
        while (data.hasNext() && batches.size() < steps) {
            batches.add(Batches.fromDataSet(data.next()));
        }
        TrajectoryComparison.Result result = TrajectoryComparison.run(settings.network(), settings.training(),
                batches, steps);
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

package org.rnnlab.lab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.scratch.ParameterLayout;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;
import org.rnnlab.testing.SettingsCopies;

class MemoryEstimateTest {

    @TempDir
    Path dir;

    @Test
    void theParameterCountIsTheScratchLayoutsSize() {
        for (CellType cell : CellType.values()) {
            for (int layers = 1; layers <= 3; layers++) {
                NetworkSpec spec = new NetworkSpec(cell, 3, 7, layers, 2, OutputMode.EVERY_STEP,
                        OutputActivation.IDENTITY, LossKind.MSE, true, WeightInitSpec.xavier());
                TrainingSpec training = new TrainingSpec(UpdaterKind.ADAM, 0.01, ClipSpec.none(), 4, 1, 0, 1);
                assertEquals(ParameterLayout.of(spec).size(), MemoryEstimate.of(spec, training, 10).parameters(),
                        cell + " with " + layers + " layers");
            }
        }
    }

    /** 1 GB each: a quarter of the heap a 4 GB machine's JVM gets by default, far below JavaCPP's default. */
    @Test
    void everyReferenceSettingsFileFitsWithRoomToSpare() throws IOException {
        MemoryEstimate.Limits limits = new MemoryEstimate.Limits(1e9, 1e9);
        for (Path file : SettingsCopies.allReferences()) {
            ExperimentSettings settings = load(file);
            MemoryEstimate estimate = MemoryEstimate.of(settings.network(), settings.training(),
                    settings.task().shape().sequenceLength());
            assertNull(estimate.over(limits), file + ": " + estimate);
        }
    }

    @Test
    void tbpttShortensTheActivationsTheEstimateCounts() {
        NetworkSpec spec = new NetworkSpec(CellType.LSTM, 1, 64, 2, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true, WeightInitSpec.xavier());
        double full = MemoryEstimate.of(spec, training(0), 10_000).heapBytes();
        double truncated = MemoryEstimate.of(spec, training(100), 10_000).heapBytes();
        assertTrue(truncated < full / 10, truncated + " vs " + full);
    }

    @Test
    void aNetworkThatCannotFitNamesItsKeyAndTheLargestValueThatFits() throws IOException {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load("e2-sine-window-lstm", Map.of("hidden", "300000")));
        assertTrue(e.getMessage().contains("key 'hidden' has value '300000'"), e.getMessage());
        assertTrue(e.getMessage().contains("at most hidden = "), e.getMessage());
        long fits = Long.parseLong(e.getMessage().replaceAll("(?s).*at most hidden = (\\d+).*", "$1"));
        assertTrue(fits > 100 && fits < 300000, e.getMessage());
        load("e2-sine-window-lstm", Map.of("hidden", Long.toString(Math.min(fits, 2000))));
    }

    @Test
    void aHugeBatchIsBlamedOnTheBatch() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load("e4-sine-slow-lstm", Map.of("batch", "2000000000")));
        assertTrue(e.getMessage().contains("key 'batch'") && e.getMessage().contains("Java heap"), e.getMessage());
    }

    @Test
    void javaCppsLimitIsReadInItsOwnUnits() {
        String property = MemoryEstimate.NATIVE_LIMIT_PROPERTY;
        String previous = System.getProperty(property);
        try {
            System.setProperty(property, "2g");
            assertEquals(2.0 * (1L << 30), MemoryEstimate.Limits.nativeLimit(1000));
            System.setProperty(property, "50%");
            assertEquals(500.0, MemoryEstimate.Limits.nativeLimit(1000));
            System.setProperty(property, "0");
            assertEquals(Double.POSITIVE_INFINITY, MemoryEstimate.Limits.nativeLimit(1000), "0: no limit");
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }

    private static TrainingSpec training(int tbptt) {
        return new TrainingSpec(UpdaterKind.ADAM, 0.01, ClipSpec.none(), 32, 1, tbptt, 1);
    }

    private ExperimentSettings load(String reference, Map<String, String> changes) throws IOException {
        return SettingsCopies.load(reference, dir, changes);
    }

    private static ExperimentSettings load(Path file) {
        return TaskKinds.load(file, DataFiles.dataDir());
    }
}

package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.DataFiles;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.files.Series;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.tasks.Task;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.SettingsCopies;

class TrainerTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @Test
    void letterParityLearnsItsStringsAndLeavesACompleteRunFolder() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e1-letter-parity-all81-simplernn", dir,
                Map.of("data.train", "e1-letters/train.csv", "batch", "12", "epochs", "400"));
        RunOutcome outcome = Trainer.runDl4j(settings, dir.resolve("runs"));

        ResultRow row = outcome.row();
        assertEquals(ResultRow.OK, row.status());
        assertEquals(1.0, row.metrics().get("train_accuracy"), "all 12 training strings");
        assertEquals(1.0, row.metrics().get("test_accuracy"), "all 4 test strings");
        assertTrue(row.metrics().get("train_loss") < 0.01, "train loss " + row.metrics().get("train_loss"));

        Path folder = outcome.folder();
        assertFalse(folder.getFileName().toString().endsWith(".incomplete"));
        for (String file : List.of("metrics.csv", "model.zip", "loss.png", "predictions.png", "summary.md")) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file);
        }
        String summary = Files.readString(folder.resolve("summary.md"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("(loss.png)") && summary.contains("(predictions.png)"), summary);
        List<String> csv = Files.readAllLines(folder.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,train_accuracy", csv.get(0));
        assertEquals(1 + 400 / Trainer.evaluationInterval(400), csv.size());
    }

    /**
     * A listener sees every minibatch and every epoch; when it ends the training, the run finishes
     * there as if that epoch were its last: evaluated (though not on the evaluation interval), saved,
     * complete, its summary saying why.
     */
    @Test
    void aListenerThatEndsTheTrainingLeavesACompleteRunOfTheEpochsTrained() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e1-letter-parity-simplernn", dir,
                Map.of("batch", "4", "epochs", "400"));
        long[] sequences = new long[1];
        List<Integer> epochs = new ArrayList<>();
        EpochListener endAfterThree = new EpochListener() {
            @Override
            public void fitted(DataSet batch) {
                sequences[0] += batch.numExamples();
            }

            @Override
            public Optional<String> epochEnded(int epoch, SequenceModel model) {
                epochs.add(epoch);
                return epoch == 3 ? Optional.of("the test has seen enough") : Optional.empty();
            }
        };
        RunOutcome outcome = Trainer.run(settings, TaskKinds.task(settings),
                ScratchTrainable.create(settings), dir.resolve("runs"), new StopRequest(), endAfterThree);

        assertEquals(List.of(1, 2, 3), epochs);
        assertEquals(3 * 12, sequences[0], "three epochs of the 12 training strings");
        assertEquals(3.0, outcome.row().metrics().get("epochs"));
        assertFalse(outcome.folder().getFileName().toString().endsWith(".incomplete"));
        assertTrue(Files.isDirectory(outcome.folder().resolve("parameters")), "the network is saved");
        assertEquals(3.0, outcome.log().last(MetricsLog.EPOCH), "the last epoch is evaluated");
        String summary = Files.readString(outcome.folder().resolve("summary.md"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("Training ended after epoch 3 of 400: the test has seen enough."), summary);
    }

    @Test
    void inMemoryEpochsServeTheSameMinibatchesInTheSameOrderEveryEpoch() {
        Path series = DataFiles.dataDir().resolve("e2-sine/train.txt");
        DataSetIterator fromFile = SequenceIterators.seriesWindows(Series.read(series), 25, 60);
        DataSetIterator inMemory = Trainer.inMemory(SequenceIterators.seriesWindows(Series.read(series), 25, 60));
        for (int epoch = 0; epoch < 2; epoch++) {
            fromFile.reset();
            inMemory.reset();
            int batches = 0;
            while (fromFile.hasNext()) {
                assertTrue(inMemory.hasNext(), "epoch " + epoch + " ends early at minibatch " + batches);
                DataSet expected = fromFile.next();
                DataSet served = inMemory.next();
                assertEquals(expected.getFeatures(), served.getFeatures(), "epoch " + epoch + " minibatch " + batches);
                assertEquals(expected.getLabels(), served.getLabels());
                assertEquals(expected.getLabelsMaskArray(), served.getLabelsMaskArray());
                batches++;
            }
            assertFalse(inMemory.hasNext(), "no extra minibatch in epoch " + epoch);
            assertEquals(5, batches, "275 windows in minibatches of 60");
        }
    }

    @Test
    void savedModelGivesTheSameOutputsWhenLoadedBack() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir,
                Map.of("epochs", "5", "hidden", "6"));
        RunOutcome outcome = Trainer.runDl4j(settings, dir.resolve("runs"));
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(outcome.folder().resolve("model.zip").toFile());
        DataSet windows = SequenceIterators.seriesWindows(
                Series.read(DataFiles.e4Validation(DataFiles.dataDir())), 4, 300).next();
        INDArray out = SequenceIterators.lastStep(loaded.output(windows.getFeatures()), windows.getLabelsMaskArray());
        INDArray labels = SequenceIterators.lastStep(windows.getLabels(), windows.getLabelsMaskArray());
        double halfMse = out.sub(labels).norm2Number().doubleValue();
        halfMse = 0.5 * halfMse * halfMse / out.length();
        assertEquals(outcome.row().metrics().get("validation_loss"), halfMse, 1e-12);
    }

    @Test
    void sineWindowLearnsFarBelowTheLossOfPredictingZero() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir, Map.of("epochs", "150"));
        ResultRow row = Trainer.runDl4j(settings, dir.resolve("runs")).row();
        // Predicting 0 everywhere scores about 0.25 on a sine.
        assertTrue(row.metrics().get("validation_loss") < 1e-3, "validation loss " + row.metrics().get("validation_loss"));
    }

    @Test
    void divergingTrainingStopsNamingExperimentAndEpochAndWritesNoSummary() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e2-sine-window-simplernn", dir,
                Map.of("updater", "sgd", "learning.rate", "1e300", "init", "normal 0 1", "hidden", "8", "epochs", "3"));
        Path runs = dir.resolve("runs");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> Trainer.runDl4j(settings, runs));
        assertTrue(e.getMessage().startsWith("e2-sine-window simplernn (dl4j): training diverged at epoch 1"), e.getMessage());
        assertEquals(1, e.epoch());

        try (var folders = Files.list(runs)) {
            Path folder = folders.findFirst().orElseThrow();
            assertTrue(folder.getFileName().toString().endsWith(".incomplete"), folder.toString());
            assertTrue(Files.readString(folder.resolve("FAILED.txt")).contains("diverged at epoch 1"));
            assertFalse(Files.exists(folder.resolve("summary.md")));
        }
    }

    @Test
    void aBadCellInTheTrainingDataStopsWithFileLineAndValue() throws IOException {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dataDir.resolve("bad-series.txt"), "0.1\n0.2\nzero point three\n0.4\n0.5\n0.6\n0.7\n");
        Files.copy(DataFiles.e4Validation(DataFiles.dataDir()), dataDir.resolve("validation.txt"));
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir, dataDir,
                Map.of("data.train", "bad-series.txt", "data.heldout", "validation.txt", "epochs", "1"));
        DataFileException e = assertThrows(DataFileException.class, () -> Trainer.runDl4j(settings, dir.resolve("runs")));
        assertTrue(e.getMessage().contains("bad-series.txt") && e.getMessage().contains("line 3")
                && e.getMessage().contains("zero point three"), e.getMessage());
    }

    @Test
    void aMissingDataFileIsNamed() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e2-sine-window-simplernn", dir,
                Map.of("data.heldout", "e2-sine/no-such-file.txt"));
        DataFileException e = assertThrows(DataFileException.class, () -> Trainer.runDl4j(settings, dir.resolve("runs")));
        assertTrue(e.getMessage().contains("no-such-file.txt") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void earlyStoppingKeepsTheBestEpochAndStopsAfterThePatience() {
        Task task = new FixedTask(3);
        MetricsLog log = new MetricsLog(List.of("validation_loss"));
        Trainer.EarlyStopping stopping = new Trainer.EarlyStopping(task, log);
        double[] losses = {0.5, 0.3, 0.4, 0.35, 0.31, 0.6};
        int stoppedAt = -1;
        for (int epoch = 1; epoch <= losses.length; epoch++) {
            log.add(epoch, losses[epoch - 1]);
            if (stopping.isBest(epoch)) {
                stopping.remember(new double[] {epoch});
            }
            if (stopping.shouldStop(epoch)) {
                stoppedAt = epoch;
                break;
            }
        }
        assertEquals(5, stoppedAt, "three epochs after the best (epoch 2)");
        assertEquals(2, stopping.bestEpoch());
        assertEquals(2.0, stopping.bestParameters()[0]);
    }

    /** A task whose only job is to name the stopping metric and patience. */
    private record FixedTask(int patience) implements Task {
        @Override
        public Task fresh() {
            return this;
        }

        @Override
        public DataSetIterator trainingData(int batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> epochMetricNames() {
            return List.of("validation_loss");
        }

        @Override
        public double[] epochMetrics(SequenceModel model) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int stopPatience() {
            return patience;
        }

        @Override
        public String stoppingMetric() {
            return "validation_loss";
        }

        @Override
        public Evaluation finish(SequenceModel model, MetricsLog log,
                                 RunFolder folder, String label) {
            throw new UnsupportedOperationException();
        }
    }
}

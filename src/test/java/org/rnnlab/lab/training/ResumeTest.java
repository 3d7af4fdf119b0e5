package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.SettingsCopies;
import org.rnnlab.testing.StoppingAfter;

/**
 * A run stopped at a minibatch and resumed from its checkpoint ends exactly where the same run ends
 * without a stop: the same parameters and the same metrics.csv, for the scratch network bit for bit
 * and for DL4J to 1e-12. The cases cover what a checkpoint has to carry besides the network: Adam's
 * moments and step count, early stopping's best epoch and parameters, random window draws that
 * differ every epoch, and a task's own state (the character model's samples).
 */
class ResumeTest {

    /** DL4J's parameters after a resumed run, relative to the uninterrupted run's, at most. */
    private static final double DL4J_TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        Map<String, String> slow = Map.of("hidden", "4", "epochs", "12", "batch", "32", "stop.patience", "2",
                "checkpoint.every", "3");
        Map<String, String> generation = Map.of("hidden", "4", "epochs", "5", "windows.per.sequence", "3",
                "sequences.per.epoch", "6", "batch", "2", "tbptt", "10", "generation.steps", "5",
                "checkpoint.every", "1");
        return Stream.of(
                // series-window with Adam and early stopping, stopped mid-epoch after a checkpoint
                Arguments.of("e4-sine-slow-lstm", slow, Implementation.SCRATCH, 29),
                Arguments.of("e4-sine-slow-lstm", slow, Implementation.DL4J, 29),
                // random window draws, different every epoch, with truncated BPTT
                Arguments.of("e3-sine-warmup-lstm", generation, Implementation.SCRATCH, 7),
                Arguments.of("e3-sine-warmup-lstm", generation, Implementation.DL4J, 7),
                // rnnlab's own DL4J GRU layer: its updater state goes through ModelSerializer too
                Arguments.of("e4-sine-slow-gru", Map.of("hidden", "3", "epochs", "4", "batch", "64",
                        "stop.patience", "0", "checkpoint.every", "1"), Implementation.DL4J, 6),
                // stopped before the first scheduled checkpoint: the stop's own checkpoint carries it
                Arguments.of("e4-sine-slow-simplernn", Map.of("hidden", "3", "epochs", "6", "checkpoint.every", "0",
                        "stop.patience", "0"), Implementation.SCRATCH, 5));
    }

    @ParameterizedTest(name = "{0} {2}, stopped after {3} minibatches")
    @MethodSource("cases")
    void aResumedRunEndsWhereAnUninterruptedOneEnds(String reference, Map<String, String> changes,
                                                     Implementation implementation, int stopAfter) throws Exception {
        ExperimentSettings settings = SettingsCopies.load(reference, dir, changes);
        resumedEqualsUninterrupted(settings, implementation, stopAfter, DataFiles.dataDir());
    }

    @Test
    void theCharacterModelKeepsItsSamplesAndItsShareOfTheText() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data").resolve("text"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            text.append("the cat sat on mat ").append(i % 7).append(". a dog ran; ");
        }
        Files.writeString(data.resolve("small.txt"), text, StandardCharsets.UTF_8);
        ExperimentSettings settings = SettingsCopies.load("char-model-lstm", dir, dir.resolve("data"), Map.of(
                "data.text", "text/small.txt", "window", "20", "windows.per.epoch", "24", "hidden", "6",
                "batch", "4", "epochs", "5", "sample.every", "1", "sample.length", "15", "sample.prompt", "the",
                "checkpoint.every", "2"));
        Path resumed = resumedEqualsUninterrupted(settings, Implementation.SCRATCH, 9, dir.resolve("data"));
        String summary = Files.readString(resumed.resolve("summary.md"));
        for (int epoch = 1; epoch <= 5; epoch++) {
            assertTrue(summary.contains("Sample after epoch " + epoch + " "), "sample of epoch " + epoch
                    + " kept across the stop:\n" + summary);
        }
    }

    @Test
    void aRunStoppedBeforeItsFirstMinibatchHasNothingToResume() throws Exception {
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir, Map.of("hidden", "3",
                "epochs", "3"));
        Path runs = dir.resolve("runs");
        RunFolder folder = RunFolder.create(runs, "nothing");
        Files.writeString(folder.dir().resolve(Trainer.SETTINGS), settings.fileText());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(folder.dir(), DataFiles.dataDir(), new StopRequest(), 1));
        assertTrue(e.getMessage().contains("no complete checkpoint"), e.getMessage());
    }

    @Test
    void aFinishedRunIsNotResumed() throws Exception {
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir, Map.of("hidden", "3",
                "epochs", "2"));
        RunOutcome done = Trainer.run(settings, ScratchTrainable.create(settings), dir.resolve("runs"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(done.folder(), DataFiles.dataDir(), new StopRequest(), 1));
        assertTrue(e.getMessage().contains("finished run"), e.getMessage());
    }

    /** A scratch run of E4's LSTM on a copy of its data, stopped after 7 minibatches; its folder. */
    private Path stoppedRun(Path dataDir) throws Exception {
        Path series = Files.createDirectories(dataDir.resolve("e4-sine"));
        for (String name : List.of("train.txt", "validation.txt")) {
            Files.copy(DataFiles.dataDir().resolve("e4-sine").resolve(name), series.resolve(name));
        }
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-lstm", dir, dataDir, Map.of("hidden", "3",
                "epochs", "6", "batch", "64", "stop.patience", "0", "checkpoint.every", "1"));
        StopRequest stop = new StopRequest();
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () -> Trainer.run(settings,
                TaskKinds.task(settings), new StoppingAfter(ScratchTrainable.create(settings), 7, stop),
                dir.resolve("runs"), stop));
        return e.folders().get(0);
    }

    @Test
    void aChangedDataFileIsNamedAndNotResumedOver() throws Exception {
        Path data = dir.resolve("data");
        Path folder = stoppedRun(data);
        Path train = data.resolve("e4-sine/train.txt");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(train));
        lines.set(3, "0.5");
        Files.write(train, lines);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(folder, data, new StopRequest(), 1));
        assertTrue(e.getMessage().contains("data file " + train) && e.getMessage().contains("changed since the "
                + "checkpoint"), e.getMessage());
        assertTrue(Checkpoint.newest(folder).isPresent(), "the checkpoint stays for when the data is put back");
    }

    @Test
    void anEditedSettingsFileInTheRunFolderIsRefused() throws Exception {
        Path data = dir.resolve("data");
        Path folder = stoppedRun(data);
        Path settings = folder.resolve(Trainer.SETTINGS);
        Files.writeString(settings, Files.readString(settings).replaceAll("(?m)^learning\\.rate\\s*=.*$",
                "learning.rate = 0.5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(folder, data, new StopRequest(), 1));
        assertTrue(e.getMessage().contains(settings + " changed since the checkpoint"), e.getMessage());
    }

    @Test
    void everyCheckpointFileCutShortIsNamedAndTheCheckpointNotUsed() throws Exception {
        Path data = dir.resolve("data");
        List<String> files;
        Path first = stoppedRun(data.resolve("listing"));
        Path checkpoint = Checkpoint.newest(first).orElseThrow();
        try (Stream<Path> all = Files.walk(checkpoint)) {
            files = all.filter(Files::isRegularFile).map(f -> checkpoint.relativize(f).toString()).sorted().toList();
        }
        assertTrue(files.containsAll(List.of(Checkpoint.MANIFEST, "metrics.csv", "checkpoint.properties",
                "network/updater.npy")), files.toString());
        int damaged = 0;
        for (String name : files) {
            Path runData = data.resolve("case-" + damaged);
            Path folder = stoppedRun(runData);
            Path file = Checkpoint.newest(folder).orElseThrow().resolve(name);
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                continue;
            }
            Files.write(file, java.util.Arrays.copyOf(bytes, Math.min(60, bytes.length - 1)));
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> Trainer.resume(folder, runData, new StopRequest(), 1), name);
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not used"),
                    name + ": " + e.getMessage());
            assertFalse(Files.exists(Path.of(folder.toString().replace(RunFolder.INCOMPLETE_SUFFIX, ""))),
                    "no folder that looks complete");
            damaged++;
        }
        assertTrue(damaged >= 6, "files cut short: " + damaged + " of " + files);
    }

    @Test
    void aFolderBeingResumedIsRefusedToASecondInvocationAndAStaleLockIsTakenOver() throws Exception {
        Path data = dir.resolve("data");
        Path folder = stoppedRun(data);
        String pid = Long.toString(ProcessHandle.current().pid());
        try (RunFolderLock held = RunFolderLock.take(folder)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Trainer.resume(folder, data, new StopRequest(), 1));
            assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("in use by process "
                    + pid), e.getMessage());
            assertTrue(Files.exists(folder.resolve(Trainer.STOPPED)), "the refused invocation touched nothing");
        }
        // what a process killed while resuming leaves: the file, but no lock (the system dropped it)
        Files.writeString(folder.resolve(RunFolderLock.FILE), "999999999\n");
        RunOutcome resumed = Trainer.resume(folder, data, new StopRequest(), 1);
        assertFalse(resumed.folder().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX));
        assertFalse(Files.exists(resumed.folder().resolve(RunFolderLock.FILE)), "a finished run keeps no lock file");
    }

    /**
     * Trains the settings twice from the same initial parameters: once straight through, once stopped
     * after {@code stopAfter} minibatches and resumed from the folder. Returns the resumed run's folder.
     */
    private Path resumedEqualsUninterrupted(ExperimentSettings settings, Implementation implementation,
                                            int stopAfter, Path dataDir) throws Exception {
        TrainableNetwork straight = implementation.create(settings);
        double[] initial = straight.parameters();
        RunOutcome uninterrupted = Trainer.run(settings, straight, dir.resolve("straight"));

        TrainableNetwork stopped = implementation.create(settings);
        stopped.setParameters(initial);
        StopRequest stop = new StopRequest();
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () -> Trainer.run(settings,
                TaskKinds.task(settings), new StoppingAfter(stopped, stopAfter, stop), dir.resolve("stopped"), stop));
        Path folder = e.folders().get(0);
        String note = Files.readString(folder.resolve(Trainer.STOPPED));
        assertTrue(note.contains("--resume " + folder), note);
        Optional<Path> checkpoint = Checkpoint.newest(folder);
        assertTrue(checkpoint.isPresent(), "the stop wrote a checkpoint");

        RunOutcome resumed = Trainer.resume(folder, dataDir, new StopRequest(), 1);
        assertFalse(resumed.folder().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX));
        assertFalse(Files.exists(resumed.folder().resolve(Trainer.STOPPED)), "the stop's note goes once resumed");
        assertFalse(Files.exists(resumed.folder().resolve(Checkpoint.FOLDER)), "a finished run keeps no checkpoints");
        assertEquals(text(uninterrupted.folder(), "metrics.csv"), text(resumed.folder(), "metrics.csv"));

        double[] expected = SavedRun.open(uninterrupted.folder(), dataDir).trainedParameters();
        double[] actual = SavedRun.open(resumed.folder(), dataDir).trainedParameters();
        if (implementation == Implementation.SCRATCH) {
            assertArrayEquals(expected, actual, 0.0, "scratch: bit for bit");
            assertEquals(text(uninterrupted.folder(), "final-metrics.csv"), text(resumed.folder(), "final-metrics.csv"));
        } else {
            double worst = 0;
            for (int k = 0; k < expected.length; k++) {
                worst = Math.max(worst, Math.abs(expected[k] - actual[k]) / Math.max(1e-300, Math.abs(expected[k])));
            }
            System.out.printf("%s DL4J resumed vs uninterrupted: largest relative parameter difference %.3g%n",
                    settings.name(), worst);
            assertTrue(worst <= DL4J_TOLERANCE, "largest relative difference " + worst);
        }
        return resumed.folder();
    }

    private static String text(Path folder, String name) throws IOException {
        return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
    }
}

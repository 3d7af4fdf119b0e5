package org.rnnlab.study;

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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.Checkpoint;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.TrainableNetwork;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.lab.training.TrainingStoppedException;
import org.rnnlab.testing.SettingsCopies;
import org.rnnlab.testing.StoppingAfter;

/** The general study: the same seed gives the same training, sweeps, and what it refuses. */
class SeedStudyTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    /** A Reber study small enough for a test: 12 strings, 3 units, a few epochs. */
    private Path tinyReber() throws IOException {
        return SettingsCopies.edit(SettingsCopies.reference("embedded-reber-lstm"), dir, Map.of(
                "train.strings", "12", "test.strings", "12", "hidden", "3", "batch", "4", "epochs", "6"));
    }

    /** An adding study small enough for a test: 10 steps, 3 units, 3 epochs of 16 sequences. */
    private Path tinyAdding(Map<String, String> more) throws IOException {
        Map<String, String> changes = new java.util.HashMap<>(Map.of("length", "10", "epoch.sequences", "16",
                "test.sequences", "20", "hidden", "3", "batch", "8", "epochs", "3"));
        changes.putAll(more);
        return SettingsCopies.edit(SettingsCopies.reference("adding-t100-lstm"), dir, changes);
    }

    @Test
    void theSameSeedGivesTheSameRowWhateverThePool() throws IOException {
        Path file = tinyAdding(Map.of());
        SeedStudy.Request twoThreads = new SeedStudy.Request(List.of(file), 3, 5, Optional.empty(),
                Implementation.SCRATCH, SeedStudy.Checks.EVERY_EPOCH, 2);
        SeedStudy.Result first = SeedStudy.run(twoThreads, DataFiles.dataDir(), dir.resolve("runs"));
        SeedStudy.Request oneThread = new SeedStudy.Request(List.of(file), 2, 6, Optional.empty(),
                Implementation.SCRATCH, SeedStudy.Checks.EVERY_EPOCH, 1);
        SeedStudy.Result second = SeedStudy.run(oneThread, DataFiles.dataDir(), dir.resolve("runs"));

        List<SeedStudy.Training> a = first.outcomes().get(0).trainings();
        List<SeedStudy.Training> b = second.outcomes().get(0).trainings();
        assertEquals(List.of(5L, 6L, 7L), a.stream().map(SeedStudy.Training::seed).toList());
        for (int k = 0; k < 2; k++) {
            SeedStudy.Training x = a.get(k + 1);
            SeedStudy.Training y = b.get(k);
            assertEquals(x.seed(), y.seed());
            assertEquals(x.metrics(), y.metrics(), "seed " + x.seed());
            assertEquals(x.sequencesSeen(), y.sequencesSeen());
            assertEquals(3 * 16, x.sequencesSeen(), "all epochs were run");
        }
        assertFalse(a.get(0).metrics().equals(a.get(1).metrics()), "different seeds train differently");

        Path folder = first.folder();
        List<String> rows = Files.readAllLines(folder.resolve("trainings.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + 3, rows.size(), "a header and one row per training");
        assertTrue(rows.get(0).contains("sequences_to_success") && rows.get(0).contains("test_mse"), rows.get(0));
        assertEquals(1, first.summary().rows().size());
        assertTrue(Files.readString(folder.resolve("summary.md")).contains("Wilson"));
        try (var inside = Files.list(folder.resolve(SeedStudy.TRAININGS))) {
            List<String> runs = inside.map(run -> run.getFileName().toString()).sorted().toList();
            assertEquals(3, runs.size(), "one run folder per training: " + runs);
            for (int k = 0; k < 3; k++) {
                String run = runs.get(k);
                assertTrue(run.startsWith("adding-t100-lstm-seed-" + (5 + k) + "-scratch-"), run);
                assertTrue(Files.isRegularFile(folder.resolve(SeedStudy.TRAININGS).resolve(run).resolve("summary.md")),
                        "a finished run: " + run);
            }
        }
    }

    @Test
    void aSweepTrainsEveryValueAndNamesIt() throws IOException {
        SeedStudy.Request request = new SeedStudy.Request(List.of(tinyReber()), 1, 1,
                Optional.of(SeedStudy.Sweep.parse("hidden=2,4")), Implementation.SCRATCH, SeedStudy.Checks.EVERY_EPOCH, 2);
        List<SeedStudy.Combination> combinations = SeedStudy.combinations(request, DataFiles.dataDir());
        assertEquals(2, combinations.size());
        assertEquals(2, combinations.get(0).settings().network().hidden());
        assertEquals(4, combinations.get(1).settings().network().hidden());
        assertEquals("embedded-reber-lstm hidden=4", combinations.get(1).label(request.sweep()));
        assertEquals(17, SeedStudy.withSeed(combinations.get(1), 17, DataFiles.dataDir()).training().seed());
    }

    @Test
    void testBadSweepKeyNamesTheKeyAndAGuess() throws IOException {
        SeedStudy.Request request = new SeedStudy.Request(List.of(tinyReber()), 1, 1,
                Optional.of(SeedStudy.Sweep.parse("hiden=2,4")), Implementation.SCRATCH, SeedStudy.Checks.EVERY_EPOCH, 1);
        SettingsException error = assertThrows(SettingsException.class,
                () -> SeedStudy.run(request, DataFiles.dataDir(), dir.resolve("runs")));
        assertTrue(error.getMessage().startsWith("--sweep hiden=2"), error.getMessage());
        assertTrue(error.getMessage().contains("unknown key 'hiden'"), error.getMessage());
        assertTrue(error.getMessage().contains("did you mean 'hidden'"), error.getMessage());
        assertFalse(Files.exists(dir.resolve("runs")), "nothing ran");
    }

    @Test
    void testBadSweepValueAndFormat() throws IOException {
        SeedStudy.Request request = new SeedStudy.Request(List.of(tinyReber()), 1, 1,
                Optional.of(SeedStudy.Sweep.parse("hidden=2,0")), Implementation.SCRATCH, SeedStudy.Checks.EVERY_EPOCH, 1);
        SettingsException error = assertThrows(SettingsException.class,
                () -> SeedStudy.combinations(request, DataFiles.dataDir()));
        assertTrue(error.getMessage().startsWith("--sweep hidden=0"), error.getMessage());
        assertTrue(error.getMessage().contains("hidden"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeedStudy.Sweep.parse("hidden"));
        assertThrows(IllegalArgumentException.class, () -> SeedStudy.Sweep.parse("hidden=1,,2"));
    }

    @Test
    void aTrainingStopsOnceItsCriterionHolds() throws IOException {
        // two steps, both marked: the target is the sum of the two inputs, learnt in a few hundred steps
        Path file = tinyAdding(Map.of("length", "2", "epoch.sequences", "64", "hidden", "8", "epochs", "300"));
        SeedStudy.Request request = new SeedStudy.Request(List.of(file), 1, 1, Optional.empty(),
                Implementation.SCRATCH, SeedStudy.Checks.STOP_AT_SUCCESS, 1);
        SeedStudy.Training training = SeedStudy.train(SeedStudy.withSeed(
                SeedStudy.combinations(request, DataFiles.dataDir()).get(0), 1, DataFiles.dataDir()),
                Implementation.SCRATCH, SeedStudy.Checks.STOP_AT_SUCCESS, dir.resolve("runs"));
        assertTrue(training.success(), training.toString());
        assertEquals(training.sequencesToSuccess(), training.sequencesSeen(), "stopped where it first held");
        assertTrue(training.epochs() < 300, training.toString());
        assertTrue(training.metrics().get("test_mse") < 0.01, training.toString());
    }

    /** A stop requested before the study trains (Ctrl-C, SIGTERM) starts no training and leaves the folder incomplete. */
    @Test
    void aStopBeforeTheStudyTrainsStartsNoTraining() throws IOException {
        SeedStudy.Request request = new SeedStudy.Request(List.of(tinyAdding(Map.of())), 2, 1, Optional.empty(),
                Implementation.SCRATCH, SeedStudy.Checks.EVERY_EPOCH, 1);
        StopRequest stop = new StopRequest();
        stop.request("SIGTERM", 143);
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class,
                () -> SeedStudy.run(request, DataFiles.dataDir(), dir.resolve("runs"), stop));
        assertEquals(143, e.reason().exitStatus());
        assertTrue(e.getMessage().contains("seed-1") && e.getMessage().contains("not started"), e.getMessage());
        assertEquals(List.of(), e.folders(), "no training had begun");
        try (var folders = Files.list(dir.resolve("runs"))) {
            Path study = folders.findFirst().orElseThrow();
            assertTrue(study.getFileName().toString().endsWith(".incomplete"), study.toString());
        }
    }

    /**
     * A stop during a study's training ends it at the next minibatch as it ends a run: its run folder
     * stays incomplete with a checkpoint and STOPPED.txt, and the exception names where it stopped and the folder.
     */
    @Test
    void aStopDuringATrainingLeavesItsRunFolderAsARunsWithACheckpoint() throws IOException {
        ExperimentSettings settings = oneSeed(tinyAdding(Map.of()), 4);
        StopRequest stop = new StopRequest();
        // two minibatches an epoch: the stop comes after the first of epoch 2
        TrainableNetwork network = new StoppingAfter(ScratchTrainable.create(settings), 3, stop);
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () -> SeedStudy.train(settings,
                network, SeedStudy.Checks.EVERY_EPOCH, dir.resolve("trainings"), stop));
        assertTrue(e.getMessage().startsWith("adding-t100 lstm (scratch): during epoch 2 of 3, after 1 minibatch"),
                e.getMessage());
        assertEquals(1, e.folders().size());
        Path folder = e.folders().get(0);
        assertTrue(folder.startsWith(dir.resolve("trainings").toAbsolutePath()), folder.toString());
        assertTrue(Files.isRegularFile(folder.resolve(Trainer.STOPPED)), "the stop's note");
        assertTrue(Checkpoint.newest(folder).isPresent(), "a checkpoint to resume the training from");
    }

    /**
     * A training of a study is a run: stopped where its criterion first held, it has the parameters and
     * the criterion's metrics of a run of the settings trained for that many epochs, for both
     * implementations (checking the criterion after every epoch leaves the training as it is).
     */
    @ParameterizedTest
    @EnumSource(Implementation.class)
    void aTrainingStoppedAtSuccessIsTheRunOfThatManyEpochs(Implementation implementation) throws IOException {
        Path file = tinyAdding(Map.of("length", "2", "epoch.sequences", "64", "hidden", "8", "epochs", "300"));
        ExperimentSettings settings = oneSeed(file, 1);
        TrainableNetwork network = implementation.create(settings);
        SeedStudy.Training training = SeedStudy.train(settings, network, SeedStudy.Checks.STOP_AT_SUCCESS,
                dir.resolve("study"), new StopRequest());
        assertTrue(training.success() && training.epochs() > 1 && training.epochs() < 300, training.toString());
        assertEquals(training.epochs() * 64L, training.sequencesSeen());

        ExperimentSettings shorter = oneSeed(SettingsCopies.edit(file, Files.createDirectories(dir.resolve("short")),
                Map.of("epochs", Integer.toString(training.epochs()))), 1);
        TrainableNetwork run = implementation.create(shorter);
        Trainer.run(shorter, TaskKinds.task(shorter), run, dir.resolve("runs"), new StopRequest());
        assertArrayEquals(run.parameters(), network.parameters(), "the same steps, to the last bit");
        assertEquals(TaskKinds.task(shorter).success().orElseThrow().measure(run.model()), training.metrics());
    }

    /** The settings of a file's only combination at {@code seed}. */
    private static ExperimentSettings oneSeed(Path file, long seed) {
        SeedStudy.Request request = new SeedStudy.Request(List.of(file), 1, seed, Optional.empty(),
                Implementation.SCRATCH, SeedStudy.Checks.EVERY_EPOCH, 1);
        return SeedStudy.withSeed(SeedStudy.combinations(request, DataFiles.dataDir()).get(0), seed,
                DataFiles.dataDir());
    }
}

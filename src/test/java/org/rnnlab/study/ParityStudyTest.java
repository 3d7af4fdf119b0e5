package org.rnnlab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.Table.Cell;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.study.SeedStudy.Outcome;
import org.rnnlab.study.SeedStudy.Training;
import org.rnnlab.testing.SettingsCopies;

/** The parity study end to end: what it counts, what it refuses, and the run folder it leaves. */
class ParityStudyTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void trainingsOnEveryStringAreCountedAsGettingEverythingRight(Implementation implementation) throws IOException {
        // trained on all 81 strings, a network that fits its training data is right on every set
        ExperimentSettings settings = SettingsCopies.load("e1-letter-parity-all81-lstm", dir, Map.of("epochs", "400"));
        ParityStudy.Result result = ParityStudy.run(new ParityStudy.Request(List.of(settings.source()), 2, List.of(),
                implementation, 2), dir.resolve("runs"));

        assertEquals(1, result.outcomes().size(), "the file's own size only");
        Outcome outcome = result.outcomes().get(0);
        assertEquals(List.of(1L, 2L), outcome.trainings().stream().map(Training::seed).toList());
        for (Training training : outcome.trainings()) {
            assertTrue(training.ranToTheEnd(), training.toString());
            assertEquals(ParityStudy.fitsTraining(training), training.success(), training.toString());
            assertEquals(-1, training.sequencesToSuccess(), "measured at the end only");
            assertEquals(400L * 81, training.sequencesSeen(), "every epoch was trained");
        }
        assertTrue(outcome.successes() >= 1, "at least one of two seeds learns all 81: " + outcome.trainings());
        List<Cell> row = result.networks().rows().get(0);
        assertEquals(implementation.key(), row.get(1).text());
        assertEquals(Long.toString(outcome.successes()), row.get(5).text(), "all sets right");
    }

    @Test
    void differentSeedsAndSizesGiveDifferentTrainings() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e1-letter-parity-lstm", dir, Map.of("epochs", "20"));
        ParityStudy.Result result = ParityStudy.run(new ParityStudy.Request(List.of(settings.source()), 2,
                List.of(3), Implementation.SCRATCH, 1), dir.resolve("runs"));
        assertEquals(List.of(4, 3), result.outcomes().stream()
                .map(o -> o.combination().settings().network().hidden()).toList());
        for (Outcome outcome : result.outcomes()) {
            assertEquals(20, outcome.combination().settings().training().epochs(), "the file's other keys kept");
            ExperimentSettings one = SeedStudy.withSeed(outcome.combination(), 1, DataFiles.dataDir());
            ExperimentSettings two = SeedStudy.withSeed(outcome.combination(), 2, DataFiles.dataDir());
            assertEquals(1, one.training().seed());
            assertEquals(outcome.combination().settings().network().hidden(), two.network().hidden());
            assertFalse(Arrays.equals(ScratchTrainable.create(one).parameters(),
                    ScratchTrainable.create(two).parameters()), "each seed draws its own initial weights");
        }
    }

    @Test
    void aHiddenSizeTheSettingsRefuseStopsBeforeAnythingRuns() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e1-letter-parity-lstm", dir, Map.of());
        ParityStudy.Request request = new ParityStudy.Request(List.of(settings.source()), 1, List.of(1_000_000),
                Implementation.SCRATCH, 1);
        SettingsException error = assertThrows(SettingsException.class,
                () -> ParityStudy.run(request, dir.resolve("runs")));
        assertTrue(error.getMessage().startsWith("--hidden 1000000: "), error.getMessage());
        assertTrue(error.getMessage().contains("key 'hidden' has value '1000000'"), error.getMessage());
        assertFalse(Files.exists(dir.resolve("runs")), "no run folder for a study that never ran");
    }

    @Test
    void aStudyLeavesACompleteFolderWithItsTablesAndPlots() throws IOException {
        ExperimentSettings lstm = SettingsCopies.load("e1-letter-parity-lstm", dir, Map.of("epochs", "30"));
        ParityStudy.Request request = new ParityStudy.Request(List.of(lstm.source()), 3, List.of(1, 4),
                Implementation.SCRATCH);
        ParityStudy.Result result = ParityStudy.run(request, dir.resolve("runs"));

        // the file's own size (4) is not repeated: variants h4 and h1
        assertEquals(2, result.networks().rows().size());
        // one census for the one training file: 1, 2 and 3 states
        assertEquals(3, result.automata().rows().size());
        assertEquals("81/81", result.automata().rows().get(1).get(5).text(), "two states: parity alone");

        Path folder = result.folder();
        assertFalse(folder.getFileName().toString().endsWith(".incomplete"));
        for (String file : List.of("automata.csv", "networks.csv", "trainings.csv", "summary.md",
                "wide-accuracy-e1-letter-parity-lstm.png")) {
            assertTrue(Files.size(folder.resolve(file)) > 0, file);
        }
        List<String> trainings = Files.readAllLines(folder.resolve("trainings.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + 2 * 3, trainings.size(), "a header and one row per training");
        String summary = Files.readString(folder.resolve("summary.md"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("(wide-accuracy-e1-letter-parity-lstm.png)"), summary);
    }

    @Test
    void settingsOfAnotherExperimentAreRefusedBeforeAnythingRuns() {
        Path sine = SettingsCopies.reference("e4-sine-slow-simplernn");
        ParityStudy.Request request = new ParityStudy.Request(List.of(sine), 2, List.of(), Implementation.SCRATCH);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ParityStudy.run(request, dir.resolve("runs")));
        assertTrue(error.getMessage().contains(sine + " is a 'series-window' experiment"), error.getMessage());
        assertFalse(Files.exists(dir.resolve("runs")), "no run folder for a study that never ran");
    }

    @Test
    void aRequestNeedsFilesAndSeeds() {
        Path parity = SettingsCopies.reference("e1-letter-parity-lstm");
        assertThrows(IllegalArgumentException.class,
                () -> new ParityStudy.Request(List.of(), 2, List.of(), Implementation.SCRATCH));
        assertThrows(IllegalArgumentException.class,
                () -> new ParityStudy.Request(List.of(parity), 0, List.of(), Implementation.SCRATCH));
        assertThrows(IllegalArgumentException.class,
                () -> new ParityStudy.Request(List.of(parity), 2, List.of(0), Implementation.SCRATCH));
        assertThrows(IllegalArgumentException.class,
                () -> new ParityStudy.Request(List.of(parity), 2, List.of(), Implementation.SCRATCH, 0));
    }
}

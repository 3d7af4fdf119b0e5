package org.rnnlab.study;

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.testing.SettingsCopies;

/** The parity study end to end: what it refuses, and the run folder it leaves. */
class ParityStudyTest {

    @TempDir
    Path dir;

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
    }
}

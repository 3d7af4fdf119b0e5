package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.ExperimentRunner;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.lab.training.TrainingStoppedException;
import org.rnnlab.testing.SettingsCopies;
import org.rnnlab.testing.StoppingAfter;

/**
 * A two-implementation experiment stopped during its DL4J training and resumed with {@code --resume}
 * ends as the uninterrupted invocation would have: under the experiment's own name, with the DL4J
 * and the scratch row, the comparison, and a results file.
 */
class ResumeInvocationTest {

    @TempDir
    Path dir;

    private CapturedRun run(String... args) {
        return CapturedRun.of(SineSlowWindow4::run, dir.resolve("runs"), args);
    }


    private static Path csvOf(CapturedRun outcome) {
        return Path.of(outcome.out().lines().filter(line -> line.startsWith("Results table: ")).findFirst()
                .orElseThrow().substring("Results table: ".length()).split(";")[0]);
    }

    @Test
    void aRunStoppedDuringDl4jResumesIntoBothRowsAndTheComparison() throws Exception {
        Path settingsDir = Files.createDirectories(dir.resolve("settings"));
        Path file = SettingsCopies.edit(SettingsCopies.reference("e4-sine-slow-lstm"), settingsDir,
                Map.of("hidden", "3", "epochs", "6", "batch", "64", "stop.patience", "0", "checkpoint.every", "1"));
        ExperimentSettings settings = TaskKinds.load(file, DataFiles.dataDir());

        // the uninterrupted invocation, for what the resumed one must give
        CapturedRun whole = run(file.toString());
        assertEquals(Experiments.OK, whole.status(), whole.err());

        StopRequest stop = new StopRequest();
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () -> Trainer.run(settings,
                TaskKinds.task(settings), new StoppingAfter(Dl4jNetwork.create(settings), 9, stop),
                dir.resolve("runs"), stop));
        Path stopped = e.folders().get(0);

        CapturedRun resumed = run("--resume", stopped.toString());
        assertEquals(Experiments.OK, resumed.status(), resumed.err());
        List<String> rows = resumed.out().lines().filter(line -> line.startsWith("e4-sine-slow ")).toList();
        assertEquals(2, rows.size(), "the DL4J row and the scratch row, under the experiment's name:\n"
                + resumed.out());
        assertTrue(rows.get(0).contains(" dl4j ") && rows.get(1).contains(" scratch "), rows.toString());

        Path csv = csvOf(resumed);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), lines.toString());
        String header = lines.get(0);
        int diff = List.of(header.split(",")).indexOf("param_diff_vs_dl4j");
        assertTrue(diff > 0, header);
        assertTrue(Double.parseDouble(lines.get(2).split(",")[diff]) < 1e-9, lines.get(2));
        // the same numbers as the invocation that was not stopped: validation loss of both rows
        List<String> wholeLines = Files.readAllLines(csvOf(whole));
        int validation = List.of(header.split(",")).indexOf("validation_loss");
        assertEquals(List.of(wholeLines.get(0).split(",")).indexOf("validation_loss"), validation, header);
        for (int row = 1; row <= 2; row++) {
            double expected = Double.parseDouble(wholeLines.get(row).split(",")[validation]);
            double actual = Double.parseDouble(lines.get(row).split(",")[validation]);
            assertEquals(expected, actual, 1e-12 * Math.abs(expected), "row " + row);
        }
        Path comparisons = csv.resolveSibling(csv.getFileName().toString().replace("results-", "comparison-")
                .replace(".csv", ""));
        try (Stream<Path> plots = Files.list(comparisons)) {
            assertEquals(1, plots.count(), "the loss curves of both");
        }
        Path summary = Path.of(stopped.toString().replace(".incomplete", "")).resolve("summary.md");
        String text = Files.readString(summary);
        assertTrue(text.startsWith("# e4-sine-slow lstm (dl4j)") && text.contains(file.toString())
                && !text.contains(".incomplete"), text.lines().limit(4).toList().toString());
    }
}

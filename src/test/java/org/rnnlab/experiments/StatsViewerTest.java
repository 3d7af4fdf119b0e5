package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.lab.training.TrainingStats;

/** What StatsViewer accepts: run folders with a stats file, or the files; anything else, a message. */
class StatsViewerTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCThatEndsTheUiAfterTheJobGivesTheSignalsStatus() throws Exception {
        System.setProperty(org.rnnlab.lab.training.TrainingUi.PORT_PROPERTY, "0");
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            org.rnnlab.lab.training.StopRequest stop = new org.rnnlab.lab.training.StopRequest();
            Invocation io = new Invocation(new java.io.PrintStream(out, true), new java.io.PrintStream(out, true),
                    org.rnnlab.data.DataFiles::dataDir, dir.resolve("runs"), stop);
            Thread ctrlC = new Thread(() -> {
                while (!out.toString().contains("Ctrl-C stops it")) {
                    Thread.onSpinWait();
                }
                stop.request("SIGINT", 130);
            });
            ctrlC.start();
            assertEquals(130, Experiments.withUi("rnnlab", io, List.of(), () -> Experiments.OK), out.toString());
            ctrlC.join();
            assertEquals(Experiments.FAILED, Experiments.withUi("rnnlab", io, List.of(), () -> Experiments.FAILED),
                    "a failed job's status wins");
        } finally {
            System.clearProperty(org.rnnlab.lab.training.TrainingUi.PORT_PROPERTY);
        }
    }

    @Test
    void aRunFolderOrItsStatsFileNamesTheFile() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path file = Files.writeString(run.resolve(TrainingStats.FILE), "x");
        assertEquals(List.of(file, file), StatsViewer.statsFiles(new String[] {run.toString(), file.toString()}));
    }

    @Test
    void badArgumentsSayWhatIsWrong() throws Exception {
        assertMessage(new String[0], "name one or more run folders");
        assertMessage(new String[] {dir.resolve("missing").toString()}, "no run folder or stats file");
        Path empty = Files.createDirectories(dir.resolve("empty-run"));
        assertMessage(new String[] {empty.toString()}, "has no " + TrainingStats.FILE);
        Path other = Files.writeString(dir.resolve("metrics.csv"), "epoch\n");
        assertMessage(new String[] {other.toString()}, "is not a training stats file");
    }

    private static void assertMessage(String[] args, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatsViewer.statsFiles(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

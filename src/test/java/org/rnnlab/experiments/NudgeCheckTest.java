package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.testing.SettingsCopies;

/** NudgeCheck names what it needs when it gets nothing, and tells a calm training from a chaotic one. */
class NudgeCheckTest {

    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Invocation io = new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DataFiles::dataDir, dir.resolve("runs"),
                new StopRequest());
        int status = NudgeCheck.run(args, io);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noFileOrAnOptionGivesTheUsage() {
        for (String[] args : new String[][] {{}, {"--seeds", "3"}}) {
            Outcome outcome = run(args);
            assertEquals(Experiments.FAILED, outcome.status());
            assertTrue(outcome.err().startsWith("rnnlab: ") && outcome.err().contains("usage: NudgeCheck SETTINGS_FILE"),
                    outcome.err());
        }
    }

    @Test
    void aShortCalmTrainingEndsNearlyWhereItsNudgedTwinEnds() throws IOException {
        Path file = SettingsCopies.edit(SettingsCopies.reference("e4-sine-slow-simplernn"),
                Files.createDirectories(dir.resolve("settings")), Map.of("hidden", "3", "epochs", "5"));
        Outcome outcome = run(file.toString());
        assertEquals(Experiments.OK, outcome.status(), outcome.err());
        String row = outcome.out().lines().filter(line -> line.startsWith("e4-sine-slow-simplernn")).findFirst()
                .orElseThrow(() -> new AssertionError(outcome.out()));
        double difference = Double.parseDouble(row.strip().split("\\s+")[3]);
        // a 1e-15 relative nudge of parameters below 1 in size, over 5 epochs of a contracting network
        assertTrue(difference > 0 && difference < 1e-12, row);
        assertTrue(Files.isDirectory(dir.resolve("runs")), "the runs are kept to look at");
    }
}

package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.testing.SettingsCopies;

/** NudgeCheck names what it needs when it gets nothing, and tells a calm training from a chaotic one. */
class NudgeCheckTest {

    @TempDir
    Path dir;

    private CapturedRun run(String... args) {
        return CapturedRun.of(NudgeCheck::run, dir.resolve("runs"), args);
    }


    @Test
    void noFileOrAnOptionGivesTheUsage() {
        for (String[] args : new String[][] {{}, {"--seeds", "3"}, {dir.resolve("none.properties").toString()}}) {
            CapturedRun outcome = run(args);
            assertEquals(Experiments.BAD_ARGUMENTS, outcome.status());
            assertTrue(outcome.err().startsWith("rnnlab: ") && outcome.err().contains(NudgeCheck.USAGE.text()),
                    outcome.err());
        }
    }

    @Test
    void aShortCalmTrainingEndsNearlyWhereItsNudgedTwinEnds() throws IOException {
        Path file = SettingsCopies.edit(SettingsCopies.reference("e4-sine-slow-simplernn"),
                Files.createDirectories(dir.resolve("settings")), Map.of("hidden", "3", "epochs", "5"));
        CapturedRun outcome = run(file.toString());
        assertEquals(Experiments.OK, outcome.status(), outcome.err());
        String row = outcome.out().lines().filter(line -> line.startsWith("e4-sine-slow-simplernn")).findFirst()
                .orElseThrow(() -> new AssertionError(outcome.out()));
        double difference = Double.parseDouble(row.strip().split("\\s+")[3]);
        // a 1e-15 relative nudge of parameters below 1 in size, over 5 epochs of a contracting network
        assertTrue(difference > 0 && difference < 1e-12, row);
        assertTrue(Files.isDirectory(dir.resolve("runs")), "the runs are kept to look at");
    }
}

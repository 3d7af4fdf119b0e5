package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    /** 2024-03-05 14:07:09 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T14:07:09Z"), ZoneOffset.UTC);

    @TempDir
    Path runs;

    @Test
    void testFolderIsIncompleteUntilCompleted() throws IOException {
        RunFolder run = RunFolder.create(runs, "e2-sine", CLOCK);

        assertEquals("e2-sine-20240305-140709.incomplete", run.dir().getFileName().toString());
        assertTrue(Files.isDirectory(run.dir()));
        run.writeText("metrics.csv", "epoch,loss\n1,0.5\n");
        run.write("plots/model.bin", tmp -> Files.write(tmp, new byte[] {7, 8}));

        Path finalDir = run.complete();

        assertEquals("e2-sine-20240305-140709", finalDir.getFileName().toString());
        assertEquals(finalDir, run.dir());
        assertTrue(run.isComplete());
        assertEquals(List.of(finalDir), listing(runs));
        assertEquals("epoch,loss\n1,0.5\n", Files.readString(finalDir.resolve("metrics.csv")));
        assertEquals(2, Files.size(finalDir.resolve("plots/model.bin")));
    }

    @Test
    void testInterruptedRunStaysMarkedIncomplete() throws IOException {
        RunFolder run = RunFolder.create(runs, "e1-parity", CLOCK);
        run.writeText("metrics.csv", "epoch,loss\n");

        assertEquals(List.of(runs.resolve("e1-parity-20240305-140709.incomplete")), listing(runs));
    }

    @Test
    void testNameCollisionsGetNumberedSuffixes() throws IOException {
        RunFolder first = RunFolder.create(runs, "e3", CLOCK);
        Path firstFinal = first.complete();
        RunFolder second = RunFolder.create(runs, "e3", CLOCK);
        RunFolder third = RunFolder.create(runs, "e3", CLOCK);

        assertEquals("e3-20240305-140709", firstFinal.getFileName().toString());
        assertEquals("e3-20240305-140709-2.incomplete", second.dir().getFileName().toString());
        assertEquals("e3-20240305-140709-3.incomplete", third.dir().getFileName().toString());
        assertEquals("e3-20240305-140709-3", third.complete().getFileName().toString());
    }

    @Test
    void testCompletedFolderIsFinal() throws IOException {
        RunFolder run = RunFolder.create(runs, "e4", CLOCK);
        run.complete();

        assertThrows(IllegalStateException.class, () -> run.writeText("late.txt", "too late"));
        assertThrows(IllegalStateException.class, run::complete);
    }

    @Test
    void testFileNamesCannotLeaveTheFolder() throws IOException {
        RunFolder run = RunFolder.create(runs, "e4", CLOCK);

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> run.writeText("../escape.txt", "x"));
        assertTrue(thrown.getMessage().contains("../escape.txt"), thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> run.file(runs.resolve("abs.txt").toString()));
        assertFalse(Files.exists(runs.resolve("escape.txt")));
    }

    @Test
    void testRunNameMustBeAFolderName() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> RunFolder.create(runs, "e2/sine", CLOCK));
        assertTrue(thrown.getMessage().contains("e2/sine"), thrown.getMessage());
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}

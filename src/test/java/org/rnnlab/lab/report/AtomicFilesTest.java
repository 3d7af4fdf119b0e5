package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void testWriteTextReplacesContent() throws IOException {
        Path target = dir.resolve("summary.md");
        AtomicFiles.writeText(target, "first\n");
        AtomicFiles.writeText(target, "second, längere Zeile\n");

        assertEquals("second, längere Zeile\n", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void testWriteBytesCreatesMissingDirectories() throws IOException {
        Path target = dir.resolve("plots/deeper/data.bin");
        byte[] bytes = {0, 1, 2, (byte) 255};
        AtomicFiles.writeBytes(target, bytes);

        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    @Test
    void testFailingWriterLeavesNoTargetAndNoTempFile() throws IOException {
        Path target = dir.resolve("model.zip");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "half a model");
            throw new IOException("No space left on device");
        }));

        // the system's message names no file: the target is named instead
        assertTrue(thrown instanceof java.nio.file.FileSystemException, thrown.toString());
        assertEquals(target.toString(), ((java.nio.file.FileSystemException) thrown).getFile());
        assertEquals(target + ": no space left on device", thrown.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listing());
    }

    @Test
    void testFailingWriterLeavesExistingTargetUntouched() throws IOException {
        Path target = dir.resolve("metrics.csv");
        AtomicFiles.writeText(target, "epoch,loss\n1,0.5\n");

        RuntimeException thrown = new IllegalStateException("training stopped");
        RuntimeException caught = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "epoch,loss\n");
            throw thrown;
        }));

        assertSame(thrown, caught);
        assertEquals("epoch,loss\n1,0.5\n", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void testTempFileKeepsTargetNameSoExtensionAppendingWritersHitIt() throws IOException {
        XYChart chart = new XYChart(300, 200);
        chart.addSeries("line", new double[] {0, 1, 2}, new double[] {1, 3, 2});
        Path target = dir.resolve("curve.png");

        AtomicFiles.write(target, tmp -> {
            assertTrue(tmp.getFileName().toString().startsWith(".tmp-"), tmp.toString());
            assertTrue(tmp.getFileName().toString().endsWith("-curve.png"), tmp.toString());
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        });

        assertEquals(300, ImageIO.read(target.toFile()).getWidth());
        assertEquals(List.of(target), listing());
    }

    @Test
    void testWriterThatWritesBesideItsPathIsAnErrorAndCleanedUp() throws IOException {
        Path target = dir.resolve("curve");
        IOException thrown = assertThrows(IOException.class,
                () -> AtomicFiles.write(target, tmp -> Files.writeString(Path.of(tmp + ".png"), "image")));

        assertTrue(thrown.getMessage().contains("instead of the path it was given"), thrown.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listing());
    }

    @Test
    void testFinishedFileHasOrdinaryPermissions() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions only");
        Path ordinary = Files.createFile(dir.resolve("ordinary.txt"));
        Path written = dir.resolve("written.txt");
        AtomicFiles.writeText(written, "shared result");

        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(written));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}

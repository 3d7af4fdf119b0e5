package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;

/** Data files past the line or byte limit are refused before a reader holds them; I/O errors say why. */
class DataFileLimitsTest {

    @TempDir
    Path dir;

    @AfterEach
    void defaults() {
        System.clearProperty(DataFileLimits.MAX_LINES_PROPERTY);
        System.clearProperty(DataFileLimits.MAX_BYTES_PROPERTY);
    }

    @Test
    void testExactlyTheLineLimitIsReadAndOneMoreIsRefused() throws IOException {
        System.setProperty(DataFileLimits.MAX_LINES_PROPERTY, "5");
        Path five = Files.writeString(dir.resolve("five.txt"), "1\n2\n3\n4\n5\n");
        Path fiveWithoutLastNewline = Files.writeString(dir.resolve("five-open.txt"), "1\n2\n3\n4\n5");
        Path six = Files.writeString(dir.resolve("six.txt"), "1\n2\n3\n4\n5\n6");
        assertEquals(5, SeriesFile.read(five).length);
        assertEquals(5, SeriesFile.read(fiveWithoutLastNewline).length);
        DataFileException e = assertThrows(DataFileException.class, () -> SeriesFile.read(six));
        assertTrue(e.getMessage().contains("more than 5 lines") && e.getMessage().contains("-Drnnlab.data.maxLines"),
                e.getMessage());
    }

    @Test
    void testTheByteLimitIsCheckedBeforeReading() throws IOException {
        System.setProperty(DataFileLimits.MAX_BYTES_PROPERTY, "10");
        Path file = Files.writeString(dir.resolve("wide.txt"), "0.123456789012345\n");
        DataFileException e = assertThrows(DataFileException.class, () -> LettersFile.read(file));
        assertTrue(e.getMessage().contains("is 18 bytes, more than the limit of 10"), e.getMessage());
    }

    @Test
    void testTheDefaultsAllowEveryReferenceDataFile() {
        for (Path file : DataFiles.all()) {
            assertDoesNotThrow(() -> DataFileLimits.check(DataFiles.dataDir().resolve(file)), file.toString());
        }
    }

    @Test
    void testABadLimitIsNamed() {
        System.setProperty(DataFileLimits.MAX_LINES_PROPERTY, "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, DataFileLimits::maxLines);
        assertTrue(e.getMessage().contains("rnnlab.data.maxLines = 'lots'"), e.getMessage());
    }

    @Test
    void testADirectoryIsNamedAsOne() {
        DataFileException e = assertThrows(DataFileException.class, () -> SeriesFile.read(dir));
        assertTrue(e.getMessage().endsWith("is a directory, expected a file"), e.getMessage());
    }

    @Test
    void testIoErrorsGiveTheOperatingSystemsReason() {
        assertEquals("runs/x.csv: permission denied", IoErrors.describe(new AccessDeniedException("runs/x.csv")));
        assertEquals("runs: not a directory", IoErrors.describe(new NotDirectoryException("runs")));
        assertEquals("runs/x.csv: no space left on device",
                IoErrors.describe(new FileSystemException("runs/x.csv", null, "No space left on device")));
        assertEquals("stream closed", IoErrors.describe(new IOException("Stream closed")));
    }
}

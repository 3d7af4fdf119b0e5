package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnlab.data.files.DataFileAssertions.assertMessage;
import static org.rnnlab.data.files.DataFileAssertions.failsWith;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.datavec.SequenceIterators;

/** Strict UTF-8 reading with the offset of the first bad byte, the size bound, and how messages show values. */
class TextFileTest {

    @TempDir
    Path dir;

    @Test
    void everyReadIsLoggedSoThatReadsCanBeCounted() throws IOException {
        Path series = dir.resolve("series.txt");
        Files.writeString(series, "1.0\n2.0\n3.0\n4.0\n");
        try (DataFileReads reads = new DataFileReads()) {
            Series read = Series.read(series);
            SequenceIterators.seriesWindows(read, 2, 1).next();
            SequenceIterators.seriesWindows(read, 1, 1).next();
            assertEquals(1, reads.count(series), "iterators over what was read read nothing");
            SeriesFile.read(series);
            assertEquals(2, reads.count(series), "a second read is counted");
        }
    }

    @Test
    void testNotUtf8NamesTheByteOffsetAndLine() throws IOException {
        // "ab\ncd" then 0xC3 followed by '(' , which cannot continue a two-byte sequence
        Path file = Files.write(dir.resolve("latin.txt"), new byte[] {'a', 'b', '\n', 'c', 'd', (byte) 0xC3, '(', 'x'});
        assertMessage(failsWith(() -> TextFile.read(file), file, 0), "not UTF-8", "byte offset 5", "line 2", "0xC3");

        Path truncated = Files.write(dir.resolve("cut.txt"), new byte[] {'a', 'b', 'c', (byte) 0xE2, (byte) 0x82});
        assertMessage(failsWith(() -> TextFile.read(truncated), truncated, 0), "byte offset 3", "line 1", "0xE2");
    }

    @Test
    void testEveryLineReaderIsStrictUtf8() throws IOException {
        Path file = Files.write(dir.resolve("series.txt"), new byte[] {'0', '.', '5', '\n', (byte) 0xFF, '\n'});
        assertMessage(failsWith(() -> SeriesFile.read(file), file, 0), "byte offset 4", "line 2", "0xFF");
    }

    @Test
    void testFileLargerThanTheBoundIsRefusedUnread() throws IOException {
        Path file = dir.resolve("huge.csv");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(DataFileLimits.DEFAULT_MAX_BYTES + 1);
        }
        assertMessage(failsWith(() -> TextFile.read(file), file, 0), "is 52428801 bytes", "limit", "split it");
        assertMessage(failsWith(() -> CsvTable.read(file), file, 0), DataFileLimits.MAX_BYTES_PROPERTY);
    }

    @Test
    void testMissingTextFile() {
        Path missing = dir.resolve("none.txt");
        assertMessage(failsWith(() -> TextFile.read(missing), missing, 0), "not found");
    }

    @Test
    void byteOrderMarkIsDroppedAndSurrogatePairsBecomeOneCodePoint() throws IOException {
        Path file = Files.write(dir.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i',
            (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80});
        assertEquals("hi\uD83D\uDE00", TextFile.read(file));
        assertArrayEquals(new int[] {'h', 'i', 0x1F600}, TextFile.codePoints(file));
    }

    @Test
    void validationIsTheLastFractionOfTheText() {
        assertEquals(90, TextFile.validationStart(100, 0.1));
        assertEquals(7, TextFile.validationStart(10, 0.25), "2.5 characters round to 3");
        assertThrows(IllegalArgumentException.class, () -> TextFile.validationStart(100, 1.0));
        assertThrows(IllegalArgumentException.class, () -> TextFile.validationStart(100, 0.0));
    }

    @Test
    void messagesEscapeControlCharactersAndShortenLongValues() {
        assertEquals("'1\\t2\\r'", Cells.quote("1\t2\r"));
        assertEquals("'\\u0000\\uFEFFx'", Cells.quote("\u0000\uFEFFx"));
        String shown = Cells.quote("x".repeat(1000));
        assertEquals("'" + "x".repeat(Cells.SHOWN - 3) + "...' (1000 characters)", shown);
        assertEquals("'\\n' (U+000A)", Cells.character('\n'));
        assertEquals("'\uD83D\uDE00' (U+1F600)", Cells.character(0x1F600));
        assertEquals("1921", Cells.number(1921.0));
        assertEquals("0.5", Cells.number(0.5));
        assertEquals("-0.0500", Cells.fixed(-0.05, 4));
        assertEquals("30.0000", Cells.fixed(30, 4));
    }
}

package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnlab.data.files.DataFileAssertions.assertMessage;
import static org.rnnlab.data.files.DataFileAssertions.failsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.datavec.SineWindowDrawReader;

/** Wrong data files stop with a message naming the file, the line, what was found and what was expected. */
class BadDataFileTest {

    @TempDir
    Path dir;

    @Test
    void testBadNumberCell() throws IOException {
        Path file = write("series.txt", "# header comment\n0.5\nabc\n");
        DataFileException e = failsWith(() -> SeriesFile.read(file), file, 3);
        assertMessage(e, "line 3", "'abc'", "not a number");
    }

    @Test
    void testRaggedLine() throws IOException {
        Path file = write("ragged.txt", "0.1\n0.2\n0.3\n0.4\n0.5\n0.6\n0.7,0.8\n");
        DataFileException e = failsWith(() -> SeriesFile.read(file), file, 7);
        assertMessage(e, "line 7 has 2 values", "expected 1");
    }

    @Test
    void testNonFiniteValues() throws IOException {
        Path nan = write("nan.txt", "0.1\nNaN\n");
        assertMessage(failsWith(() -> SeriesFile.read(nan), nan, 2), "'NaN'", "finite");
        Path infinite = write("inf.txt", "-Infinity\n");
        assertMessage(failsWith(() -> SeriesFile.read(infinite), infinite, 1), "'-Infinity'", "finite");
        Path overflow = write("overflow.txt", "1e999\n");
        assertMessage(failsWith(() -> SeriesFile.read(overflow), overflow, 1), "'1e999'", "finite");
    }

    @Test
    void testEmptySeriesFile() throws IOException {
        Path file = write("empty.txt", "# nothing but a comment\n\n");
        assertMessage(failsWith(() -> SeriesFile.read(file), file, 0), "holds no values");
    }

    @Test
    void testMissingFile() {
        Path missing = dir.resolve("missing.csv");
        DataFileException direct = failsWith(() -> LettersFile.read(missing), missing, 0);
        assertMessage(direct, "data file " + missing.toAbsolutePath() + " not found");
        failsWith(() -> LettersFile.read(missing), missing, 0);
        failsWith(() -> Series.read(missing), missing, 0);
        assertFalse(Files.exists(missing), "looking for a missing file must not create it");
    }

    @Test
    void testLetterOutsideAlphabet() throws IOException {
        Path file = write("letters.csv", "sequence,label\nabcb,1\nabdc,1\n");
        DataFileException e = failsWith(() -> LettersFile.read(file), file, 3);
        assertMessage(e, "line 3", "'d'", "'abdc'", "{a, b, c}");
    }

    @Test
    void testBadLabel() throws IOException {
        Path file = write("labels.csv", "sequence,label\nabca,2\n");
        assertMessage(failsWith(() -> LettersFile.read(file), file, 2), "label '2'", "'abca'", "expected 0 or 1");
    }

    @Test
    void testMissingHeader() throws IOException {
        Path file = write("noheader.csv", "# comment\nbbcb,0\n");
        assertMessage(failsWith(() -> LettersFile.read(file), file, 2), "'bbcb,0'", "header 'sequence,label'");
    }

    @Test
    void testWrongColumnCount() throws IOException {
        Path file = write("columns.csv", "sequence,label\nbbcb,0,1\n");
        assertMessage(failsWith(() -> LettersFile.read(file), file, 2), "has 3 values", "expected 2");
    }

    @Test
    void testLettersFileWithoutRows() throws IOException {
        Path file = write("header-only.csv", "sequence,label\n");
        assertMessage(failsWith(() -> LettersFile.read(file), file, 0), "no rows");
    }

    @Test
    void testSeriesTooShortForOneWindow() throws IOException {
        Path file = write("short.txt", "0.1\n0.2\n0.3\n0.4\n");
        DataFileException e = failsWith(() -> SequenceIterators.seriesWindows(Series.read(file), 4, 1), file, 0);
        assertMessage(e, "has 4 values", "window of 4", "at least 5");
    }

    @Test
    void testWindowFilesOfDifferentLengths() throws IOException {
        Path longer = write("w0.txt", "0.1\n0.2\n0.3\n");
        Path shorter = write("w1.txt", "0.1\n0.2\n");
        DataFileException e = failsWith(() -> new SineWindowDrawReader(List.of(Series.read(longer), Series.read(shorter)), 1, 1, 1), shorter, 0);
        assertMessage(e, "has 2 values", "expected 3");
    }

    @Test
    void testMissingDataDirectoryNamesThePathTried() {
        Path missing = dir.resolve("no-data-here");
        System.setProperty(DataFiles.DATA_DIR_PROPERTY, missing.toString());
        try {
            DataFileException e = assertThrows(DataFileException.class, DataFiles::dataDir);
            assertMessage(e, missing.toAbsolutePath().toString(), "not found");
            System.setProperty(DataFiles.DATA_DIR_PROPERTY, dir.toString());
            assertEquals(dir.toAbsolutePath(), DataFiles.dataDir());
        } finally {
            System.clearProperty(DataFiles.DATA_DIR_PROPERTY);
        }
    }

    private Path write(String name, String text) throws IOException {
        return DataFileAssertions.write(dir, name, text);
    }
}

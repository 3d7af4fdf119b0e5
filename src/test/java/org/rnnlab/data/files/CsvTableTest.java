package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnlab.data.files.DataFileAssertions.assertMessage;
import static org.rnnlab.data.files.DataFileAssertions.failsAtCell;
import static org.rnnlab.data.files.DataFileAssertions.failsWith;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;

/** Header CSV files read into named columns: the sunspot file, and every way a file can be wrong. */
class CsvTableTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);
    private static final String YEARS = "year,sunspots\n1700,5\n1701,11\n1702,16\n";

    @TempDir
    Path dir;

    @Test
    void sunspotFileHoldsTheYears1700To2008AndTheClassicalSplit() {
        CsvTable table = CsvTable.read(DataFiles.sunspotsYearly(DATA), List.of("year", "sunspots"));
        assertEquals(309, table.rowCount());
        assertEquals(List.of("year", "sunspots"), table.header());
        assertEquals(1700.0, table.value(0, "year"));
        assertEquals(5.0, table.value(0, "sunspots"));
        assertEquals(2008.0, table.value(308, "year"));
        assertEquals(2.9, table.value(308, "sunspots"));
        assertEquals(new RowRange(0, 220), table.rows("year", 1700, 1920));
        assertEquals(new RowRange(221, 255), table.rows("year", 1921, 1955));
        assertEquals(new RowRange(256, 279), table.rows("year", 1956, 1979));
        assertEquals(223, table.line(221), "row 221 follows the header on line 1");
    }

    @Test
    void onlyTheRequestedColumnsAreParsedAndCommentsAreSkipped() throws IOException {
        Path file = write("mixed.csv", "# a comment\nyear,station,value\n\n2001,north,1.5\n2002,south,-2e-1\n");
        CsvTable table = CsvTable.read(file, List.of("value", "year"));
        assertEquals(List.of("value", "year"), table.columns());
        assertArrayEquals(new double[] {1.5, -0.2}, table.column("value"));
        assertEquals(5, table.line(1));
        IllegalArgumentException notRead = assertThrows(IllegalArgumentException.class, () -> table.column("station"));
        assertMessage(notRead, "'station'", "value, year");
    }

    @Test
    void testMisspeltColumnNamesTheColumnsAndSuggestsOne() throws IOException {
        Path file = write("years.csv", YEARS);
        DataFileException swapped = failsWith(() -> CsvTable.read(file, List.of("year", "sunpsots")), file, 1);
        assertMessage(swapped, "no column 'sunpsots'", "its columns are year, sunspots", "did you mean 'sunspots'?");
        DataFileException upper = failsWith(() -> CsvTable.read(file, List.of("Year")), file, 1);
        assertMessage(upper, "did you mean 'year'?");
        DataFileException unrelated = failsWith(() -> CsvTable.read(file, List.of("temperature")), file, 1);
        assertFalse(unrelated.getMessage().contains("did you mean"), unrelated.getMessage());
    }

    @Test
    void testNonNumericCell() throws IOException {
        Path file = write("text.csv", "year,sunspots\n1700,5\n1701,eleven\n");
        DataFileException e = failsAtCell(() -> CsvTable.read(file), file, 3, "sunspots");
        assertMessage(e, "line 3", "'eleven'", "not a number", "decimal number such as");
    }

    @Test
    void testEmptyCell() throws IOException {
        Path file = write("empty-cell.csv", "year,sunspots\n1700,\n");
        assertMessage(failsAtCell(() -> CsvTable.read(file), file, 2, "sunspots"), "is empty", "decimal number");
    }

    @Test
    void testNaNAndInfinityCells() throws IOException {
        Path nan = write("nan.csv", "year,sunspots\n1700,NaN\n");
        assertMessage(failsAtCell(() -> CsvTable.read(nan), nan, 2, "sunspots"), "'NaN'", "finite");
        Path infinite = write("inf.csv", "year,sunspots\n1700,5\n-Infinity,3\n");
        assertMessage(failsAtCell(() -> CsvTable.read(infinite), infinite, 3, "year"), "'-Infinity'", "finite");
    }

    @Test
    void testControlCharactersInACellAreShownEscaped() throws IOException {
        Path file = write("tab.csv", "year,sunspots\n1700,5\t6\n");
        assertMessage(failsAtCell(() -> CsvTable.read(file), file, 2, "sunspots"), "'5\\t6'");
    }

    @Test
    void testRaggedRow() throws IOException {
        Path file = write("ragged.csv", YEARS + "1703,23,7\n");
        assertMessage(failsWith(() -> CsvTable.read(file), file, 5), "has 3 cells", "'1703,23,7'",
                "expected 2 as in the header (year, sunspots)");
        Path shorter = write("short-row.csv", YEARS + "1703\n");
        assertMessage(failsWith(() -> CsvTable.read(shorter, List.of("year")), shorter, 5), "has 1 cells", "expected 2");
    }

    @Test
    void testDuplicateHeaderName() throws IOException {
        Path file = write("twice.csv", "year,sunspots,year\n1700,5,1700\n");
        DataFileException e = failsAtCell(() -> CsvTable.read(file), file, 1, "year");
        assertMessage(e, "named twice", "column 1 and column 3", "distinct");
    }

    @Test
    void testEmptyHeaderName() throws IOException {
        Path file = write("unnamed.csv", "year,,sunspots\n1700,1,5\n");
        assertMessage(failsWith(() -> CsvTable.read(file), file, 1), "name of column 2 empty");
    }

    @Test
    void testEmptyFileAndHeaderWithoutRows() throws IOException {
        Path empty = write("empty.csv", "# nothing yet\n\n");
        assertMessage(failsWith(() -> CsvTable.read(empty), empty, 0), "is empty", "header line");
        Path headerOnly = write("header.csv", "year,sunspots\n");
        assertMessage(failsWith(() -> CsvTable.read(headerOnly), headerOnly, 0), "'year,sunspots'", "no rows");
    }

    @Test
    void testMissingHeaderAndMissingFile() throws IOException {
        Path noHeader = write("numbers.csv", "1700,5\n1701,11\n");
        assertMessage(failsWith(() -> CsvTable.read(noHeader), noHeader, 1), "'1700,5'", "header naming the columns");
        Path missing = dir.resolve("missing.csv");
        assertMessage(failsWith(() -> CsvTable.read(missing), missing, 0), "not found");
    }

    @Test
    void testKeyRangeOutsideTheData() throws IOException {
        CsvTable table = CsvTable.read(write("years.csv", YEARS));
        DataFileException later = failsWith(() -> table.rows("year", 1701, 1800), table.file(), 0);
        assertMessage(later, "1701..1800", "lies outside the data", "column 'year' runs from 1700 to 1702");
        failsWith(() -> table.rows("year", 1600, 1701), table.file(), 0);
    }

    @Test
    void testEmptyKeyRange() throws IOException {
        CsvTable table = CsvTable.read(write("years.csv", YEARS));
        assertMessage(failsWith(() -> table.rows("year", 1702, 1700), table.file(), 0), "1702..1700", "is empty");
        CsvTable gaps = CsvTable.read(write("gaps.csv", "year,v\n1,0\n3,0\n"));
        assertMessage(failsWith(() -> gaps.rows("year", 1.5, 2.5), gaps.file(), 0), "1.5..2.5", "holds no row");
    }

    @Test
    void testKeyColumnThatDoesNotIncrease() throws IOException {
        Path file = write("unsorted.csv", "year,v\n1700,1\n1702,2\n1701,3\n");
        CsvTable table = CsvTable.read(file);
        DataFileException e = failsAtCell(() -> table.rows("year", 1700, 1701), file, 4, "year");
        assertMessage(e, "holds 1701 after 1702 on line 3", "increase");
    }

    @Test
    void testRowRangeBeyondTheTable() throws IOException {
        CsvTable table = CsvTable.read(write("years.csv", YEARS));
        table.requireRows(new RowRange(0, 2));
        assertMessage(failsWith(() -> table.requireRows(new RowRange(1, 3)), table.file(), 0), "3 data rows (0..2)",
                "rows 1..3");
    }

    @Test
    void editDistanceCountsASwapOfNeighboursAsOneEdit() {
        assertEquals(1, CsvTable.editDistance("sunpsots", "sunspots"));
        assertEquals(1, CsvTable.editDistance("sunspot", "sunspots"));
        assertEquals(3, CsvTable.editDistance("kitten", "sitting"));
        assertEquals(0, CsvTable.editDistance("", ""));
    }

    private Path write(String name, String text) throws IOException {
        return DataFileAssertions.write(dir, name, text);
    }
}

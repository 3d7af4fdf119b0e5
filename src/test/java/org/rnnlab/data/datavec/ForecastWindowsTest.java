package org.rnnlab.data.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnlab.data.files.DataFileAssertions.assertMessage;
import static org.rnnlab.data.files.DataFileAssertions.failsWith;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.DataFiles;
import org.rnnlab.data.files.CsvTable;
import org.rnnlab.data.files.DataFileAssertions;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.RowRange;

/** Forecasting windows: which rows feed an example, where its targets come from, and in what order. */
class ForecastWindowsTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);
    /** Windows of 3 rows of x forecasting y then x, 2 rows ahead. */
    private static final ForecastWindows YX = new ForecastWindows(List.of("x"), List.of("y", "x"), 3, 2);

    @TempDir
    Path dir;

    @BeforeAll
    static void useDoubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Rows t = 0..9 with x = t and y = 100 + t, so every value says which row it came from. */
    private Path tenRows() throws IOException {
        StringBuilder csv = new StringBuilder("t,x,y\n");
        for (int t = 0; t < 10; t++) {
            csv.append(t).append(',').append(t).append(',').append(100 + t).append('\n');
        }
        return DataFileAssertions.write(dir, "rows.csv", csv.toString());
    }

    @Test
    void inputsReachBackBeforeTheRangeAndTargetsStayInsideIt() throws IOException {
        Path csv = tenRows();
        RowRange range = CsvTable.read(csv).rows("t", 5, 9);
        assertEquals(new RowRange(5, 9), range);
        assertEquals(4, YX.exampleCount(range), "first targets at t = 5, 6, 7, 8");

        List<List<Double>> features = new ArrayList<>();
        List<List<Double>> labels = new ArrayList<>();
        readAll(csv, range, ReaderMode.FEATURES, features);
        readAll(csv, range, ReaderMode.LABELS, labels);
        assertEquals(List.of(2.0, 3.0, 4.0), features.get(0), "the first forecast's input is rows 2..4, before the range");
        assertEquals(List.of(105.0, 5.0, 106.0, 6.0), labels.get(0), "horizon-major: y(t), x(t), y(t+1), x(t+1)");
        assertEquals(List.of(5.0, 6.0, 7.0), features.get(3));
        assertEquals(List.of(108.0, 8.0, 109.0, 9.0), labels.get(3), "the last target is row 9, the range's end");
    }

    @Test
    void rangeFromTheStartBeginsWhereAFullWindowFits() throws IOException {
        RowRange all = new RowRange(0, 9);
        assertEquals(3, YX.firstTargetRow(all));
        assertEquals(6, YX.exampleCount(all), "t = 3..8");
        List<List<Double>> features = new ArrayList<>();
        readAll(tenRows(), all, ReaderMode.FEATURES, features);
        assertEquals(List.of(0.0, 1.0, 2.0), features.get(0));
    }

    @Test
    void labelOrderIsHorizonMajorWithTheTargetsInside() {
        assertEquals(List.of("y+1", "x+1", "y+2", "x+2"), YX.labelNames());
        assertEquals(0, YX.labelIndex(0, 1));
        assertEquals(1, YX.labelIndex(1, 1));
        assertEquals(2, YX.labelIndex(0, 2));
        assertEquals(3, YX.labelIndex(1, 2));
        assertEquals(4, YX.labelCount());
        assertEquals(List.of("x", "y"), YX.columns());
        assertThrows(IndexOutOfBoundsException.class, () -> YX.labelIndex(0, 3));
    }

    @Test
    void iteratorGivesManyToOneRegressionWithTheLabelOnTheLastStep() throws IOException {
        SequenceRecordReaderDataSetIterator iterator = SequenceIterators.forecastWindows(CsvTable.read(tenRows(), YX.columns()), YX,
                new RowRange(5, 9), 3);
        DataSet first = iterator.next();
        assertArrayEquals(new long[] {3, 1, 3}, first.getFeatures().shape(), "[mb, inputs, W]");
        assertArrayEquals(new long[] {3, 4, 3}, first.getLabels().shape(), "[mb, targets·H, W]");
        assertNull(first.getFeaturesMaskArray(), "every window has W steps");
        assertArrayEquals(new double[] {0, 0, 1}, first.getLabelsMaskArray().getRow(1).toDoubleVector());
        assertArrayEquals(new double[] {3, 4, 5}, first.getFeatures().slice(1).toDoubleMatrix()[0]);
        INDArray targets = SequenceIterators.lastStep(first.getLabels(), first.getLabelsMaskArray());
        assertArrayEquals(new double[] {106, 6, 107, 7}, targets.getRow(1).toDoubleVector());
        assertEquals(1, iterator.next().numExamples(), "4 examples in batches of 3");
    }

    @Test
    void sunspotTestSpanGivesOneForecastPerYearFedByTheYearsBefore() {
        Path csv = DataFiles.sunspotsYearly(DATA);
        CsvTable table = CsvTable.read(csv);
        RowRange test = table.rows("year", 1921, 1955);
        ForecastWindows oneAhead = new ForecastWindows(List.of("sunspots"), List.of("sunspots"), 12, 1);
        DataSet all = SequenceIterators.forecastWindows(CsvTable.read(csv), oneAhead, test, 100).next();
        assertEquals(35, all.numExamples(), "one forecast per test year");
        for (int s = 0; s < 12; s++) {
            assertEquals(table.value(221 - 12 + s, "sunspots"), all.getFeatures().getDouble(0, 0, s),
                    "1909..1920 feed the 1921 forecast");
        }
        assertEquals(table.value(221, "sunspots"), all.getLabels().getDouble(0, 0, 11));
        assertEquals(table.value(255, "sunspots"), all.getLabels().getDouble(34, 0, 11), "1955 is the last target");
    }

    @Test
    void testRangeShorterThanTheHorizon() throws IOException {
        Path csv = tenRows();
        DataFileException e = failsWith(() -> SequenceIterators.forecastWindows(CsvTable.read(csv, YX.columns()), YX,
                new RowRange(8, 8), 1), csv, 0);
        assertMessage(e, "rows 8..8 (lines 10..10)", "1 target rows", "horizon of 2", "at least 2");
    }

    @Test
    void testTooFewRowsForWindowAndHorizon() throws IOException {
        Path csv = tenRows();
        DataFileException e = failsWith(() -> SequenceIterators.forecastWindows(CsvTable.read(csv, YX.columns()), YX,
                new RowRange(0, 3), 1), csv, 0);
        assertMessage(e, "window of 3", "horizon of 2", "needs 5 rows", "has 4", "end at row 4 or later");
    }

    @Test
    void testRangeBeyondTheData() throws IOException {
        Path csv = tenRows();
        DataFileException e = failsWith(() -> SequenceIterators.forecastWindows(CsvTable.read(csv, YX.columns()), YX,
                new RowRange(5, 12), 1), csv, 0);
        assertMessage(e, "10 data rows", "rows 5..12");
    }

    @Test
    void testMisspeltInputColumn() throws IOException {
        Path csv = tenRows();
        ForecastWindows typo = new ForecastWindows(List.of("xx"), List.of("y"), 2, 1);
        assertMessage(failsWith(() -> SequenceIterators.forecastWindows(CsvTable.read(csv, typo.columns()), typo,
                new RowRange(2, 9), 1), csv, 1),
                "no column 'xx'", "did you mean 'x'?");
    }

    @Test
    void windowsRefuseSettingsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new ForecastWindows(List.of(), List.of("y"), 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new ForecastWindows(List.of("x"), List.of("y", "y"), 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new ForecastWindows(List.of("x"), List.of("y"), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ForecastWindows(List.of("x"), List.of("y"), 3, 0));
    }

    /** Every sequence of one mode, each flattened to its values in step order. */
    private static void readAll(Path csv, RowRange range, ReaderMode mode, List<List<Double>> into) {
        ForecastWindowRecordReader reader = new ForecastWindowRecordReader(CsvTable.read(csv, YX.columns()), YX,
                range, mode);
        while (reader.hasNext()) {
            List<Double> values = new ArrayList<>();
            reader.sequenceRecord().forEach(step -> step.forEach(w -> values.add(w.toDouble())));
            into.add(values);
        }
    }
}

package org.rnnlab.data.datavec;

import java.net.URI;
import org.rnnlab.data.files.CsvTable;
import org.rnnlab.data.files.RowRange;

/**
 * The forecasting examples of one range of target rows of a header CSV file ({@link CsvTable},
 * read once by the caller), cut as {@link ForecastWindows} says. {@link ReaderMode#FEATURES} gives
 * each example's window of W steps of the input columns; {@link ReaderMode#LABELS} gives its one
 * label step of targets · H values (horizon-major). Examples come in order of their first target row.
 *
 * <p>Use two readers over the same table, one per mode, with {@link SequenceIterators#forecastWindows}.
 */
public class ForecastWindowRecordReader extends IndexedSequenceRecordReader {

    private final CsvTable table;
    private final ForecastWindows windows;
    private final ReaderMode mode;
    private final int first;
    private final int count;

    /**
     * @param table   the file's rows, with every column the windows name
     * @param windows the columns, window and horizon
     * @param range   the rows the targets may come from (0-based data rows; {@link CsvTable#rows}
     *                turns key values such as years into one)
     * @param mode    which half of each example to give
     * @throws DataFileException if the range holds no whole example
     */
    public ForecastWindowRecordReader(CsvTable table, ForecastWindows windows, RowRange range, ReaderMode mode) {
        if (table == null || windows == null || range == null || mode == null) {
            throw new IllegalArgumentException("table, forecast windows, row range and reader mode are all required");
        }
        windows.requireExample(table, range);
        this.table = table;
        this.windows = windows;
        this.mode = mode;
        this.first = windows.firstTargetRow(range);
        this.count = windows.exampleCount(range);
    }

    @Override
    protected int count() {
        return count;
    }

    @Override
    protected double[][] steps(int index) {
        int t = first + index;
        return mode == ReaderMode.FEATURES ? windows.features(table, t) : new double[][] {windows.labels(table, t)};
    }

    @Override
    protected URI source(int index) {
        return table.file().toUri();
    }
}

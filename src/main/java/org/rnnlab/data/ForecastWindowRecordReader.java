package org.rnnlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Writable;

/**
 * Reads a header CSV file ({@link CsvTable}) as the forecasting examples of one range of target
 * rows, cut as {@link ForecastWindows} says. {@link ReaderMode#FEATURES} gives each example's
 * window of W steps of the input columns; {@link ReaderMode#LABELS} gives its one label step of
 * targets · H values (horizon-major). Examples come in order of their first target row.
 *
 * <p>Use two readers over the same file, one per mode, with {@link SequenceIterators#forecastWindows}.
 */
public class ForecastWindowRecordReader extends PreloadedSequenceRecordReader {

    private final ForecastWindows windows;
    private final RowRange range;
    private final ReaderMode mode;

    /**
     * @param windows the columns, window and horizon
     * @param range   the rows the targets may come from (0-based data rows; {@link CsvTable#rows}
     *                turns key values such as years into one)
     * @param mode    which half of each example to give
     */
    public ForecastWindowRecordReader(ForecastWindows windows, RowRange range, ReaderMode mode) {
        if (windows == null || range == null || mode == null) {
            throw new IllegalArgumentException("forecast windows, row range and reader mode are all required");
        }
        this.windows = windows;
        this.range = range;
        this.mode = mode;
    }

    @Override
    protected List<List<List<Writable>>> readSequences(Path file) {
        CsvTable table = CsvTable.read(file, windows.columns());
        windows.requireExample(table, range);
        int first = windows.firstTargetRow(range);
        int count = windows.exampleCount(range);
        List<List<List<Writable>>> sequences = new ArrayList<>(count);
        for (int t = first; t < first + count; t++) {
            sequences.add(mode == ReaderMode.FEATURES ? steps(windows.features(table, t))
                    : steps(new double[][] {windows.labels(table, t)}));
        }
        return sequences;
    }

    private static List<List<Writable>> steps(double[][] values) {
        List<List<Writable>> steps = new ArrayList<>(values.length);
        for (double[] row : values) {
            List<Writable> step = new ArrayList<>(row.length);
            for (double value : row) {
                step.add(new DoubleWritable(value));
            }
            steps.add(step);
        }
        return steps;
    }
}

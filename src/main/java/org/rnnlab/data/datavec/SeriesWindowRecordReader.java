package org.rnnlab.data.datavec;

import java.net.URI;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.Series;

/**
 * Every sliding "window -> next" example of a series ({@link Series}, read once by the caller): for
 * i = 0..n-window-1, {@link ReaderMode#FEATURES} gives the {@code window} steps v[i..i+window-1] of
 * one value each, and {@link ReaderMode#LABELS} gives one step holding v[i+window]. A series of n
 * values thus gives n - window examples, in order.
 *
 * <p>Use two readers over the same series, one per mode, with {@link SequenceIterators#manyToOne}.
 */
public class SeriesWindowRecordReader extends IndexedSequenceRecordReader {

    private final Series series;
    private final int window;
    private final ReaderMode mode;

    /** @throws DataFileException if the series is too short for one window and the value after it */
    public SeriesWindowRecordReader(Series series, int window, ReaderMode mode) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 step, got " + window);
        }
        if (series == null || mode == null) {
            throw new IllegalArgumentException("series and reader mode are required");
        }
        if (series.length() < window + 1) {
            throw DataFileException.ofFile(series.file(), "has " + series.length() + " values, too few for one window: "
                    + "a window of " + window + " and the value after it need at least " + (window + 1));
        }
        this.series = series;
        this.window = window;
        this.mode = mode;
    }

    @Override
    protected int count() {
        return series.length() - window;
    }

    @Override
    protected double[][] steps(int index) {
        return mode == ReaderMode.FEATURES ? steps(index, window) : steps(index + window, 1);
    }

    @Override
    protected URI source(int index) {
        return series.file().toUri();
    }

    /** {@code count} steps of one value each, from value {@code from} on. */
    private double[][] steps(int from, int count) {
        double[][] steps = new double[count][1];
        for (int k = 0; k < count; k++) {
            steps[k][0] = series.value(from + k);
        }
        return steps;
    }
}

package org.rnnlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Writable;

/**
 * Reads a series file ({@link SeriesFile}) as every sliding "window -> next" example: for
 * i = 0..n-window-1, {@link ReaderMode#FEATURES} gives the {@code window} steps v[i..i+window-1] of
 * one value each, and {@link ReaderMode#LABELS} gives one step holding v[i+window]. A series of n
 * values thus gives n - window examples, in order.
 *
 * <p>Use two readers over the same file, one per mode, with {@link SequenceIterators#manyToOne}.
 */
public class SeriesWindowRecordReader extends PreloadedSequenceRecordReader {

    private final int window;
    private final ReaderMode mode;

    public SeriesWindowRecordReader(int window, ReaderMode mode) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 step, got " + window);
        }
        if (mode == null) {
            throw new IllegalArgumentException("reader mode is required");
        }
        this.window = window;
        this.mode = mode;
    }

    @Override
    protected List<List<List<Writable>>> readSequences(Path file) {
        double[] values = SeriesFile.read(file);
        if (values.length < window + 1) {
            throw DataFileException.ofFile(file, "has " + values.length + " values, too few for one window: a window of "
                    + window + " and the value after it need at least " + (window + 1));
        }
        List<List<List<Writable>>> sequences = new ArrayList<>(values.length - window);
        for (int start = 0; start + window < values.length; start++) {
            sequences.add(mode == ReaderMode.FEATURES ? steps(values, start, window) : steps(values, start + window, 1));
        }
        return sequences;
    }

    /** {@code count} steps of one value each, from values[from] on. */
    private static List<List<Writable>> steps(double[] values, int from, int count) {
        List<List<Writable>> steps = new ArrayList<>(count);
        for (int t = from; t < from + count; t++) {
            steps.add(List.of(new DoubleWritable(values[t])));
        }
        return steps;
    }
}

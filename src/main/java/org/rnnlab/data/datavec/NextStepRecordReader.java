package org.rnnlab.data.datavec;

import java.net.URI;
import java.util.List;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.Series;


/**
 * Each series (read once by the caller) as one next-step sequence: for a series v[0..n-1], steps
 * k = 0..n-2 hold the two columns [v[k], v[k+1]] (input, target). It is the deterministic
 * counterpart of {@link SineWindowDrawReader}: every series once, in the given order, for evaluation.
 */
public class NextStepRecordReader extends IndexedSequenceRecordReader {

    private final List<Series> series;

    /** @throws DataFileException if a series has fewer than 2 values */
    public NextStepRecordReader(List<Series> series) {
        for (Series one : series) {
            if (one.length() < 2) {
                throw DataFileException.ofFile(one.file(), "has " + one.length()
                        + " value(s); next-step pairs need at least 2");
            }
        }
        this.series = List.copyOf(series);
    }

    @Override
    protected int count() {
        return series.size();
    }

    @Override
    protected double[][] steps(int index) {
        return pairs(series.get(index));
    }

    /** The next-step pairs of a series: row k holds [v[k], v[k+1]], for k = 0..n-2. */
    static double[][] pairs(Series series) {
        double[][] pairs = new double[series.length() - 1][];
        for (int k = 0; k < pairs.length; k++) {
            pairs[k] = new double[] {series.value(k), series.value(k + 1)};
        }
        return pairs;
    }

    @Override
    protected URI source(int index) {
        return series.get(index).file().toUri();
    }
}

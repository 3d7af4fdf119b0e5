package org.rnnlab.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Writable;

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
    protected List<List<Writable>> sequence(int index) {
        Series values = series.get(index);
        List<List<Writable>> steps = new ArrayList<>(values.length() - 1);
        for (int k = 0; k + 1 < values.length(); k++) {
            steps.add(List.of(new DoubleWritable(values.value(k)), new DoubleWritable(values.value(k + 1))));
        }
        return steps;
    }

    @Override
    protected URI source(int index) {
        return series.get(index).file().toUri();
    }
}

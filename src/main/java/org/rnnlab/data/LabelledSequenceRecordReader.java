package org.rnnlab.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

/**
 * A set of labelled sequences ({@link LabelledSequenceSet}, read once by the caller from either
 * layout) as DataVec sequences: in {@link ReaderMode#FEATURES} each sequence's steps, each step its
 * values; in {@link ReaderMode#LABELS} one step holding the class index. Sequences may differ in length.
 *
 * <p>Use two readers over the same set, one per mode, with {@link SequenceIterators#labelledSequences}.
 */
public class LabelledSequenceRecordReader extends IndexedSequenceRecordReader {

    private final LabelledSequenceSet set;
    private final ReaderMode mode;

    public LabelledSequenceRecordReader(LabelledSequenceSet set, ReaderMode mode) {
        if (set == null || mode == null) {
            throw new IllegalArgumentException("a set of sequences and a reader mode are required");
        }
        this.set = set;
        this.mode = mode;
    }

    @Override
    protected int count() {
        return set.size();
    }

    @Override
    protected List<List<Writable>> sequence(int index) {
        if (mode == ReaderMode.LABELS) {
            return List.of(List.of(new IntWritable(set.label(index))));
        }
        int columns = set.shape().columns();
        List<List<Writable>> steps = new ArrayList<>(set.length(index));
        for (int t = 0; t < set.length(index); t++) {
            List<Writable> step = new ArrayList<>(columns);
            for (int j = 0; j < columns; j++) {
                step.add(new DoubleWritable(set.value(index, t, j)));
            }
            steps.add(step);
        }
        return steps;
    }

    @Override
    protected URI source(int index) {
        return set.source().toUri();
    }
}

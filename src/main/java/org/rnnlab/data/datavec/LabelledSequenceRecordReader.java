package org.rnnlab.data.datavec;

import java.net.URI;
import org.rnnlab.data.files.LabelledSequenceSet;

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
    protected double[][] steps(int index) {
        return mode == ReaderMode.LABELS ? new double[][] {{set.label(index)}} : set.steps(index);
    }

    @Override
    protected URI source(int index) {
        return set.source().toUri();
    }
}

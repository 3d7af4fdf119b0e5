package org.rnnlab.data;

import java.io.DataInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.Writable;

/**
 * A DataVec sequence reader over data already read into memory (a table, a series, a set of
 * sequences, a text), whose sequences are numbered 0..n-1: it hands them out in that order, can be
 * reset any number of times, and reloads any one of them from the {@link RecordMetaDataIndex} it
 * attached. The data is given to the subclass's constructor, so a run reads each file once however
 * many readers it builds over it; a subclass says how many sequences there are and builds each on
 * request (a text's one-hot windows would not fit in memory all at once).
 */
public abstract class IndexedSequenceRecordReader extends SequenceOnlyRecordReader {

    private int cursor;

    /** Number of sequences. */
    protected abstract int count();

    /** Sequence {@code index} (0..count-1): a list of time steps, each a list of values. */
    protected abstract List<List<Writable>> sequence(int index);

    /** The file sequence {@code index} came from. */
    protected abstract URI source(int index);

    /** Not supported: the reader is built over data already read. */
    @Override
    public void initialize(InputSplit split) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is built over data already read: give it the data in its constructor, not a split");
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        initialize(split);
    }

    /** Not supported: the reader is built over data already read. */
    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is built over data already read: it reads no streams");
    }

    /** Number of sequences. */
    public int sequenceCount() {
        return count();
    }

    @Override
    public boolean hasNext() {
        return cursor < count();
    }

    @Override
    public List<List<Writable>> sequenceRecord() {
        return nextSequence().getSequenceRecord();
    }

    @Override
    public SequenceRecord nextSequence() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + count() + " sequences have been read: call reset()");
        }
        SequenceRecord record = record(cursor++);
        invokeListeners(record.getSequenceRecord());
        return record;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Loads a sequence from the {@link RecordMetaDataIndex} this reader attached to it. */
    @Override
    public SequenceRecord loadSequenceFromMetaData(RecordMetaData recordMetaData) {
        if (!(recordMetaData instanceof RecordMetaDataIndex indexed)) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " loads sequences by RecordMetaDataIndex, got " + recordMetaData);
        }
        long index = indexed.getIndex();
        if (index < 0 || index >= count()) {
            throw new IllegalArgumentException("sequence index " + index + " is outside 0.." + (count() - 1));
        }
        return record((int) index);
    }

    @Override
    public List<SequenceRecord> loadSequenceFromMetaData(List<RecordMetaData> recordMetaDatas) {
        List<SequenceRecord> records = new ArrayList<>(recordMetaDatas.size());
        for (RecordMetaData metaData : recordMetaDatas) {
            records.add(loadSequenceFromMetaData(metaData));
        }
        return records;
    }

    private SequenceRecord record(int index) {
        RecordMetaData metaData = new RecordMetaDataIndex(index, source(index), getClass());
        return new org.datavec.api.records.impl.SequenceRecord(sequence(index), metaData);
    }
}

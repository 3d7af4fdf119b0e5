package org.rnnlab.data.datavec;

import java.io.DataInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Writable;

/**
 * What every rnnlab DataVec reader shares. Its data is in memory before it is built (a table, a
 * series, a set of sequences, a text read once by the caller, or sequences drawn in code) and given
 * to the subclass's constructor, so it takes no split. Its sequences are numbered 0..n-1 in each
 * epoch: it hands them out in that order, as DataVec's iterator reads them, and a subclass says only
 * how many there are and what numbers each holds ({@link #steps}), built on request (a text's one-hot
 * windows would not fit in memory all at once). It reloads a sequence from the
 * {@link RecordMetaDataIndex} it attached, unless its sequences are random draws. It yields whole
 * sequences only, so DataVec's record-at-a-time methods refuse with a message saying what to call
 * instead; its targets are numbers, so it has no label names; it holds nothing open.
 *
 * <p>Reset: {@link #reset()} after a whole epoch calls {@link #nextEpoch()}, where a reader that
 * draws its sequences draws the next epoch's; a reset part-way through, as DataVec's iterator does
 * after peeking at the first sequence, replays the epoch from its start, so no draw is lost.
 */
public abstract class IndexedSequenceRecordReader extends BaseRecordReader implements SequenceRecordReader {

    private Configuration conf;
    private int cursor;

    /** Number of sequences (in the current epoch). */
    protected abstract int count();

    /**
     * Sequence {@code index} (0..count-1): one row per time step, one column per value. The array is
     * the reader's to build; it is turned into DataVec values and not kept.
     */
    protected abstract double[][] steps(int index);

    /** The file sequence {@code index} came from; none by default (sequences drawn in code). */
    protected URI source(int index) {
        return null;
    }

    /** Called by a reset after a whole epoch: the next epoch begins. Nothing by default (the same sequences). */
    protected void nextEpoch() {
    }

    /** Whether the sequences are random draws, which cannot be reloaded from their metadata. */
    protected boolean drawsAtRandom() {
        return false;
    }

    /** Number of sequences (in the current epoch). */
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

    /** Back to the first sequence; after a whole epoch, the next epoch's (see the class comment). */
    @Override
    public void reset() {
        boolean wholeEpoch = cursor == count();
        cursor = 0;
        if (wholeEpoch) {
            nextEpoch();
        }
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Loads a sequence from the {@link RecordMetaDataIndex} this reader attached to it. */
    @Override
    public SequenceRecord loadSequenceFromMetaData(RecordMetaData recordMetaData) {
        if (drawsAtRandom()) {
            throw new UnsupportedOperationException(getClass().getSimpleName()
                    + " draws its sequences at random: they cannot be reloaded, read them in order");
        }
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

    /** Not supported: the reader is built over data already in memory. */
    @Override
    public void initialize(InputSplit split) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is built over data already in memory: give it the data in its constructor, not a split");
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        initialize(split);
    }

    /** Not supported: the reader is built over data already in memory. */
    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is built over data already in memory: it reads no streams");
    }

    /** Not supported: read sequences with {@link #sequenceRecord()}. */
    @Override
    public List<Writable> next() {
        throw notARecordReader("use sequenceRecord() or nextSequence()");
    }

    /** Not supported: read sequences with {@link #nextSequence()}. */
    @Override
    public Record nextRecord() {
        throw notARecordReader("use nextSequence()");
    }

    /** Not supported: this reader yields sequences. */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw notARecordReader("use sequenceRecord()");
    }

    /** Not supported: reload sequences with {@code loadSequenceFromMetaData}, where the reader allows it. */
    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        throw notARecordReader("use loadSequenceFromMetaData()");
    }

    /** Not supported: reload sequences with {@code loadSequenceFromMetaData}, where the reader allows it. */
    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        throw notARecordReader("use loadSequenceFromMetaData()");
    }

    /** Always null: targets are numbers in the data, not class names. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public void close() {
        // nothing is held open: the data is in memory before the reader is built
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    private SequenceRecord record(int index) {
        RecordMetaData metaData = new RecordMetaDataIndex(index, source(index), getClass());
        return new org.datavec.api.records.impl.SequenceRecord(writables(steps(index)), metaData);
    }

    /** Each row a time step, each value a DataVec value. */
    private static List<List<Writable>> writables(double[][] steps) {
        List<List<Writable>> sequence = new ArrayList<>(steps.length);
        for (double[] row : steps) {
            List<Writable> step = new ArrayList<>(row.length);
            for (double value : row) {
                step.add(new DoubleWritable(value));
            }
            sequence.add(step);
        }
        return sequence;
    }

    private UnsupportedOperationException notARecordReader(String instead) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " is a sequence reader: " + instead);
    }
}

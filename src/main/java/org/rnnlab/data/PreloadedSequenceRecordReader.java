package org.rnnlab.data;

import java.io.DataInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.Writable;

/**
 * A DataVec sequence reader for files that each hold many sequences (one per row or per window).
 * {@code initialize} reads every file of the split, in the split's order, into memory; the reader
 * then hands out the sequences one by one and can be reset any number of times. A subclass only
 * says how one file becomes sequences, in {@link #readSequences(Path)}.
 *
 * <p>Each sequence is a list of time steps, each step a list of values (columns).
 */
public abstract class PreloadedSequenceRecordReader extends SequenceOnlyRecordReader {

    private final List<List<List<Writable>>> sequences = new ArrayList<>();
    /** The file each sequence came from, for its metadata. */
    private final List<URI> sources = new ArrayList<>();
    private boolean initialized;
    private int cursor;

    /** Every sequence in {@code file}, in file order. Invalid content throws {@link DataFileException}. */
    protected abstract List<List<List<Writable>>> readSequences(Path file);

    @Override
    public void initialize(InputSplit split) {
        inputSplit = split;
        sequences.clear();
        sources.clear();
        for (URI location : split.locations()) {
            for (List<List<Writable>> sequence : readSequences(Path.of(location))) {
                sequences.add(sequence);
                sources.add(location);
            }
        }
        initialized = true;
        cursor = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        setConf(conf);
        initialize(split);
    }

    /** Number of sequences read at initialization. */
    public int sequenceCount() {
        requireInitialized();
        return sequences.size();
    }

    @Override
    public boolean hasNext() {
        requireInitialized();
        return cursor < sequences.size();
    }

    @Override
    public List<List<Writable>> sequenceRecord() {
        return nextSequence().getSequenceRecord();
    }

    @Override
    public SequenceRecord nextSequence() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + sequences.size() + " sequences have been read: call reset()");
        }
        int index = cursor++;
        List<List<Writable>> sequence = sequences.get(index);
        invokeListeners(sequence);
        return record(index);
    }

    @Override
    public void reset() {
        requireInitialized();
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Loads a sequence from the {@link RecordMetaDataIndex} this reader attached to it. */
    @Override
    public SequenceRecord loadSequenceFromMetaData(RecordMetaData recordMetaData) {
        requireInitialized();
        if (!(recordMetaData instanceof RecordMetaDataIndex indexed)) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " loads sequences by RecordMetaDataIndex, got " + recordMetaData);
        }
        long index = indexed.getIndex();
        if (index < 0 || index >= sequences.size()) {
            throw new IllegalArgumentException("sequence index " + index + " is outside 0.." + (sequences.size() - 1));
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

    /** Not supported: a file holds many sequences, so it is read whole at initialization. */
    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " reads whole files (many sequences each): initialize it with a FileSplit");
    }

    private SequenceRecord record(int index) {
        RecordMetaData metaData = new RecordMetaDataIndex(index, sources.get(index), getClass());
        return new org.datavec.api.records.impl.SequenceRecord(
                Collections.unmodifiableList(sequences.get(index)), metaData);
    }

    private void requireInitialized() {
        if (!initialized) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " has no data yet: call initialize(new FileSplit(file)) first");
        }
    }
}

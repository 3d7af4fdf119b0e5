package org.rnnlab.data;

import java.io.DataInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
public abstract class PreloadedSequenceRecordReader extends IndexedSequenceRecordReader {

    private final List<List<List<Writable>>> sequences = new ArrayList<>();
    /** The file each sequence came from, for its metadata. */
    private final List<URI> sources = new ArrayList<>();

    /** Every sequence in {@code file}, in file order. Invalid content throws {@link DataFileException}. */
    protected abstract List<List<List<Writable>>> readSequences(Path file);

    @Override
    protected void load(InputSplit split) {
        sequences.clear();
        sources.clear();
        for (URI location : split.locations()) {
            for (List<List<Writable>> sequence : readSequences(Path.of(location))) {
                sequences.add(sequence);
                sources.add(location);
            }
        }
    }

    @Override
    protected int count() {
        return sequences.size();
    }

    @Override
    protected List<List<Writable>> sequence(int index) {
        return Collections.unmodifiableList(sequences.get(index));
    }

    @Override
    protected URI source(int index) {
        return sources.get(index);
    }

    /** Not supported: a file holds many sequences, so it is read whole at initialization. */
    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " reads whole files (many sequences each): initialize it with a FileSplit");
    }
}

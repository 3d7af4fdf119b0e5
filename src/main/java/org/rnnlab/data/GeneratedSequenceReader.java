package org.rnnlab.data;

import java.io.DataInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Writable;

/**
 * A DataVec reader over sequences a {@link SequenceGenerator} draws in code: the long-lag tasks
 * (adding problem, temporal order, embedded Reber grammar) have no data files, only their rules.
 * It yields either the features or the labels of each sequence ({@link ReaderMode}); a features
 * reader and a labels reader built with the same generator, seed and count yield the two halves of
 * the same sequences, so DataVec's two-reader iterator pairs them.
 *
 * <p>Draws: epoch {@code e} (from 0) is {@code count} sequences drawn in order with
 * {@code new Random(epochSeed(seed, e))}. With {@code fresh} each {@link #reset()} after a whole epoch
 * moves to the next epoch's draws (online training on new sequences); a reset part-way through,
 * as DataVec's iterator does after peeking, replays the epoch. Without {@code fresh} every epoch is
 * epoch 0: a fixed set, e.g. a test set.
 */
public class GeneratedSequenceReader extends SequenceOnlyRecordReader {

    private final SequenceGenerator generator;
    private final long seed;
    private final int count;
    private final ReaderMode mode;
    private final boolean fresh;
    private List<GeneratedSequence> drawn;
    private int epoch;
    private int cursor;

    /**
     * @param generator draws one sequence
     * @param seed      seeds the draws
     * @param count     sequences per epoch
     * @param mode      whether this reader yields the features or the labels
     * @param fresh     new draws every epoch (true) or the same sequences every epoch (false)
     */
    public GeneratedSequenceReader(SequenceGenerator generator, long seed, int count, ReaderMode mode, boolean fresh) {
        if (count < 1) {
            throw new IllegalArgumentException("a generated set needs at least one sequence, got " + count);
        }
        this.generator = generator;
        this.seed = seed;
        this.count = count;
        this.mode = mode;
        this.fresh = fresh;
        this.drawn = draw(generator, epochSeed(seed, 0), count);
    }

    /** The seed of epoch {@code epoch}'s draws: distinct epochs of one seed draw unrelated sequences. */
    public static long epochSeed(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
    }

    /** {@code count} sequences drawn in order from one random source seeded with {@code drawSeed}. */
    public static List<GeneratedSequence> draw(SequenceGenerator generator, long drawSeed, int count) {
        Random random = new Random(drawSeed);
        List<GeneratedSequence> sequences = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sequences.add(generator.draw(random));
        }
        return sequences;
    }

    /** The sequences of the current epoch. */
    public List<GeneratedSequence> current() {
        return List.copyOf(drawn);
    }

    /** The current epoch, from 0. */
    public int epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        return cursor < count;
    }

    @Override
    public List<List<Writable>> sequenceRecord() {
        return nextSequence().getSequenceRecord();
    }

    @Override
    public SequenceRecord nextSequence() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + count + " sequences of epoch " + epoch
                    + " have been read: call reset()");
        }
        int index = cursor++;
        GeneratedSequence sequence = drawn.get(index);
        double[][] rows = mode == ReaderMode.FEATURES ? sequence.features() : sequence.labels();
        List<List<Writable>> steps = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            List<Writable> step = new ArrayList<>(row.length);
            for (double value : row) {
                step.add(new DoubleWritable(value));
            }
            steps.add(step);
        }
        invokeListeners(steps);
        return new org.datavec.api.records.impl.SequenceRecord(steps, new RecordMetaDataIndex(index, null, getClass()));
    }

    /** The next epoch's draws after a whole epoch (when fresh); otherwise back to this epoch's start. */
    @Override
    public void reset() {
        if (fresh && cursor == count) {
            epoch++;
            drawn = draw(generator, epochSeed(seed, epoch), count);
        }
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Nothing to initialize: the sequences are drawn in code. */
    @Override
    public void initialize(InputSplit split) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " draws its sequences in code: do not initialize it with a split");
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        initialize(split);
    }

    /** Not supported: the sequences are random draws. */
    @Override
    public SequenceRecord loadSequenceFromMetaData(RecordMetaData recordMetaData) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " draws its sequences at random: read them in order");
    }

    @Override
    public List<SequenceRecord> loadSequenceFromMetaData(List<RecordMetaData> recordMetaDatas) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " draws its sequences at random: read them in order");
    }

    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " draws its sequences in code");
    }
}

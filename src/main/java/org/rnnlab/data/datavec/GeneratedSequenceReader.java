package org.rnnlab.data.datavec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnlab.data.generate.GeneratedSequence;
import org.rnnlab.data.generate.SequenceGenerator;

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
public class GeneratedSequenceReader extends IndexedSequenceRecordReader {

    private final SequenceGenerator generator;
    private final long seed;
    private final int count;
    private final ReaderMode mode;
    private final boolean fresh;
    private List<GeneratedSequence> drawn;
    private int epoch;

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
    protected int count() {
        return count;
    }

    @Override
    protected double[][] steps(int index) {
        GeneratedSequence sequence = drawn.get(index);
        return mode == ReaderMode.FEATURES ? sequence.features() : sequence.labels();
    }

    /** The next epoch's draws (when fresh); otherwise the same sequences again. */
    @Override
    protected void nextEpoch() {
        if (fresh) {
            epoch++;
            drawn = draw(generator, epochSeed(seed, epoch), count);
        }
    }

    /** Even a fixed set is drawn, not stored: it is read in order. */
    @Override
    protected boolean drawsAtRandom() {
        return true;
    }
}

package org.rnnlab.data.datavec;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.Series;

/**
 * Experiment E3's data: next-step examples cut from windows drawn at random. Every sequence is
 * {@code windowsPerSequence} windows, each drawn uniformly from the window files and concatenated;
 * a window of n values gives n-1 steps of two columns, [input v[k], target v[k+1]]. So a sequence
 * has (n-1)·windowsPerSequence steps; the target is column {@value #LABEL_COLUMN} (regression).
 *
 * <p>Draws: one {@link Random} seeded at construction; the k-th window drawn overall is
 * {@code windows.get(random.nextInt(windows.size()))} on its k-th call, exactly as if a
 * start were drawn every training iteration. An epoch is {@code sequencesPerEpoch} sequences, drawn
 * when the epoch begins. {@link #reset()} after a whole epoch starts the next epoch with fresh draws
 * (the seed is not reused); a reset part-way through an epoch, such as DataVec's iterator does after
 * peeking at the first sequence, replays that epoch from its start, so no draw is lost.
 *
 * <p>The windows are given to the constructor, read once by the caller.
 */
public class SineWindowDrawReader extends IndexedSequenceRecordReader {

    /** Column of the input value in every step. */
    public static final int INPUT_COLUMN = 0;
    /** Column of the target value in every step. */
    public static final int LABEL_COLUMN = 1;

    private final List<Series> windows;
    private final int windowsPerSequence;
    private final int sequencesPerEpoch;
    private final Random random;
    private int[] epochDraws;
    private int epoch;

    /**
     * @param windows            series of equal length (at least 2 values), one per window
     * @param seed               seeds the draws; the same seed gives the same draws epoch by epoch
     * @param windowsPerSequence windows concatenated into one sequence
     * @param sequencesPerEpoch  sequences before {@link #hasNext()} turns false
     * @throws DataFileException if a window has fewer than 2 values or another length than the first
     */
    public SineWindowDrawReader(List<Series> windows, long seed, int windowsPerSequence, int sequencesPerEpoch) {
        if (windows == null || windows.isEmpty()) {
            throw new IllegalArgumentException("at least one window is required");
        }
        if (windowsPerSequence < 1 || sequencesPerEpoch < 1) {
            throw new IllegalArgumentException("windowsPerSequence and sequencesPerEpoch must be at least 1, got "
                    + windowsPerSequence + " and " + sequencesPerEpoch);
        }
        for (Series window : windows) {
            checkWindow(window, windows.get(0));
        }
        this.windows = List.copyOf(windows);
        this.windowsPerSequence = windowsPerSequence;
        this.sequencesPerEpoch = sequencesPerEpoch;
        this.random = new Random(seed);
        drawEpoch();
    }

    private static void checkWindow(Series window, Series first) {
        if (window.length() < 2) {
            throw DataFileException.ofFile(window.file(), "has " + window.length()
                    + " value, expected at least 2 (an input and its next value)");
        }
        if (window.length() != first.length()) {
            throw DataFileException.ofFile(window.file(), "has " + window.length() + " values, expected "
                    + first.length() + " like " + first.file() + ": all windows must have the same length");
        }
    }

    private void drawEpoch() {
        epochDraws = new int[sequencesPerEpoch * windowsPerSequence];
        for (int k = 0; k < epochDraws.length; k++) {
            epochDraws[k] = random.nextInt(windows.size());
        }
        epoch++;
    }

    /** The files of the windows, in the order the draws index them. */
    public List<Path> windowFiles() {
        return windows.stream().map(Series::file).toList();
    }

    /** The current epoch, counting from 1. */
    public int epoch() {
        return epoch;
    }

    /**
     * The windows of the current epoch in order, as indices into {@link #windowFiles()}: sequence s
     * is made of entries s·windowsPerSequence .. (s+1)·windowsPerSequence - 1.
     */
    public int[] epochDraws() {
        return epochDraws.clone();
    }

    /** Time steps in every sequence. */
    public int stepsPerSequence() {
        return (windows.get(0).length() - 1) * windowsPerSequence;
    }

    @Override
    protected int count() {
        return sequencesPerEpoch;
    }

    /** The drawn windows' next-step pairs, one window after the other. */
    @Override
    protected double[][] steps(int index) {
        double[][] steps = new double[stepsPerSequence()][];
        int perWindow = windows.get(0).length() - 1;
        for (int w = 0; w < windowsPerSequence; w++) {
            Series window = windows.get(epochDraws[index * windowsPerSequence + w]);
            System.arraycopy(NextStepRecordReader.pairs(window), 0, steps, w * perWindow, perWindow);
        }
        return steps;
    }

    /** Fresh draws for the next epoch: the seed is not reused. */
    @Override
    protected void nextEpoch() {
        drawEpoch();
    }

    @Override
    protected boolean drawsAtRandom() {
        return true;
    }
}

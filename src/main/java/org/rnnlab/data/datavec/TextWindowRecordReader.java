package org.rnnlab.data.datavec;

import java.net.URI;
import java.nio.file.Path;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.TextCharacters;
import org.rnnlab.data.files.Vocabulary;

/**
 * A span of a text ({@link TextCharacters}, read once by the caller) as windows of {@code window}
 * characters for next-character prediction, many-to-many. Offsets count Unicode code points (see
 * {@link Vocabulary}), from {@code from} (included) to {@code to} (excluded), so training can be the
 * first part of a text and validation the last fraction ({@link org.rnnlab.data.files.TextFile#validationStart}). Windows
 * start at from, from + stride, ... as long as the window and the character after it fit in the span;
 * stride = window gives non-overlapping windows.
 *
 * <p>Step k of the window starting at s holds V + 1 values: the one-hot code of character s+k (V =
 * vocabulary size), then the index of character s+k+1, its label. So
 * {@code new SequenceRecordReaderDataSetIterator(reader, batch, V, V, false)} gives features and
 * one-hot labels of shape [mb, V, window] ({@link SequenceIterators#textWindows}).
 *
 * <p>The span is encoded once, when the reader is built; each window's steps are built when it is
 * asked for, as a whole text in one-hot form would not fit in memory.
 */
public class TextWindowRecordReader extends IndexedSequenceRecordReader {

    private final Vocabulary vocabulary;
    private final int window;
    private final int stride;
    private final int from;
    private final URI source;
    /** Vocabulary indices of the span's characters. */
    private final int[] span;
    private final int windows;

    /**
     * @param text       the text
     * @param vocabulary the characters and their indices; every character of the span must be in it
     * @param window     characters per window (T), at least 1
     * @param stride     characters from one window's start to the next, at least 1
     * @param from       first character of the span (a code point offset into the text)
     * @param to         end of the span, excluded
     * @throws DataFileException if the span lies outside the text, holds no whole window, or holds a
     *                           character the vocabulary lacks (naming its line and column)
     */
    public TextWindowRecordReader(TextCharacters text, Vocabulary vocabulary, int window, int stride, int from, int to) {
        if (text == null || vocabulary == null) {
            throw new IllegalArgumentException("a text and a vocabulary are required");
        }
        if (window < 1 || stride < 1) {
            throw new IllegalArgumentException("window and stride must be at least 1, got " + window + " and " + stride);
        }
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a span needs 0 <= from < to, got " + from + ".." + to);
        }
        Path file = text.file();
        if (to > text.length()) {
            throw DataFileException.ofFile(file, "has " + text.length() + " characters, so the span " + from + ".." + to
                    + " lies outside it (a span needs 0 <= from < to <= " + text.length() + ")");
        }
        if (to - from < window + 1) {
            throw DataFileException.ofFile(file, "the span " + from + ".." + to + " holds " + (to - from)
                    + " characters, too few for one window: a window of " + window
                    + " characters and the character after it need at least " + (window + 1));
        }
        this.vocabulary = vocabulary;
        this.window = window;
        this.stride = stride;
        this.from = from;
        this.span = text.encode(vocabulary, from, to);
        this.windows = (to - from - window - 1) / stride + 1;
        this.source = file.toUri();
    }

    /** The column of each step that holds the label index: V, after the V one-hot values. */
    public int labelColumn() {
        return vocabulary.size();
    }

    /** The character offset where window {@code index} starts. */
    public int windowStart(int index) {
        return from + index * stride;
    }

    @Override
    protected int count() {
        return windows;
    }

    @Override
    protected double[][] steps(int index) {
        int start = index * stride;
        int size = vocabulary.size();
        double[][] steps = new double[window][size + 1];
        for (int k = 0; k < window; k++) {
            steps[k][span[start + k]] = 1.0;
            steps[k][size] = span[start + k + 1];
        }
        return steps;
    }

    @Override
    protected URI source(int index) {
        return source;
    }
}

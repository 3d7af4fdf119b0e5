package org.rnnlab.data;

import java.io.DataInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

/**
 * Reads a span of a UTF-8 text file as windows of {@code window} characters for next-character
 * prediction, many-to-many. Offsets count Unicode code points (see {@link Vocabulary}), from
 * {@code from} (included) to {@code to} (excluded), so training can be the first part of a text and
 * validation the last fraction ({@link TextFile#validationStart}). Windows start at from, from +
 * stride, ... as long as the window and the character after it fit in the span; stride = window
 * gives non-overlapping windows.
 *
 * <p>Step k of the window starting at s holds V + 1 values: the one-hot code of character s+k (V =
 * vocabulary size), then the index of character s+k+1, its label. So
 * {@code new SequenceRecordReaderDataSetIterator(reader, batch, V, V, false)} gives features and
 * one-hot labels of shape [mb, V, window] ({@link SequenceIterators#textWindows}).
 *
 * <p>The text is read and encoded once, at initialization; each window's steps are built when it
 * is asked for, as a whole text in one-hot form would not fit in memory.
 */
public class TextWindowRecordReader extends IndexedSequenceRecordReader {

    private final Vocabulary vocabulary;
    private final int window;
    private final int stride;
    private final int from;
    private final int to;
    private URI source;
    /** Vocabulary indices of the span's characters. */
    private int[] span;
    private int windows;

    /**
     * @param vocabulary the characters and their indices; every character of the span must be in it
     * @param window     characters per window (T), at least 1
     * @param stride     characters from one window's start to the next, at least 1
     * @param from       first character of the span (a code point offset into the file)
     * @param to         end of the span, excluded
     */
    public TextWindowRecordReader(Vocabulary vocabulary, int window, int stride, int from, int to) {
        if (vocabulary == null) {
            throw new IllegalArgumentException("a vocabulary is required");
        }
        if (window < 1 || stride < 1) {
            throw new IllegalArgumentException("window and stride must be at least 1, got " + window + " and " + stride);
        }
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a span needs 0 <= from < to, got " + from + ".." + to);
        }
        this.vocabulary = vocabulary;
        this.window = window;
        this.stride = stride;
        this.from = from;
        this.to = to;
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
    protected void load(InputSplit split) {
        URI[] locations = split.locations();
        if (locations.length != 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " reads one text file, got "
                    + locations.length + " locations");
        }
        Path file = Path.of(locations[0]);
        int[] text = TextFile.codePoints(file);
        if (to > text.length) {
            throw DataFileException.ofFile(file, "has " + text.length + " characters, so the span " + from + ".." + to
                    + " lies outside it (a span needs 0 <= from < to <= " + text.length + ")");
        }
        if (to - from < window + 1) {
            throw DataFileException.ofFile(file, "the span " + from + ".." + to + " holds " + (to - from)
                    + " characters, too few for one window: a window of " + window
                    + " characters and the character after it need at least " + (window + 1));
        }
        span = vocabulary.encode(text, from, to, position -> unknown(file, text, position));
        windows = (to - from - window - 1) / stride + 1;
        source = locations[0];
    }

    @Override
    protected int count() {
        return windows;
    }

    @Override
    protected List<List<Writable>> sequence(int index) {
        int start = index * stride;
        int size = vocabulary.size();
        List<List<Writable>> steps = new ArrayList<>(window);
        for (int k = 0; k < window; k++) {
            List<Writable> step = new ArrayList<>(size + 1);
            int hot = span[start + k];
            for (int v = 0; v < size; v++) {
                step.add(new DoubleWritable(v == hot ? 1.0 : 0.0));
            }
            step.add(new IntWritable(span[start + k + 1]));
            steps.add(step);
        }
        return steps;
    }

    @Override
    protected URI source(int index) {
        return source;
    }

    /** Not supported: windows are cut from a whole text read at initialization. */
    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " cuts windows from a whole text: initialize it with a FileSplit of the text file");
    }

    private DataFileException unknown(Path file, int[] text, int position) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position; i++) {
            if (text[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return DataFileException.atLine(file, line, "holds the character " + Cells.character(text[position])
                + " at column " + (position - lineStart + 1) + " (character offset " + position + "), which is not in"
                + " the vocabulary of " + vocabulary.size() + " characters; build the vocabulary from a text that"
                + " holds it, or take the character out");
    }
}

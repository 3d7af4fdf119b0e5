package org.rnnlab.lab.tasks;

import java.util.List;
import java.util.function.IntSupplier;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.files.TextCharacters;
import org.rnnlab.data.files.Vocabulary;

/**
 * The training part of a text, [0, end), as non-overlapping windows of {@code window} characters
 * (each with the character after it), dealt into {@link #count()} interleaved shares: share s holds
 * windows s, s + shares, s + 2·shares, ... (counted from the start of the text), and epoch e trains
 * on share e mod shares. So each minibatch holds windows from all over the text, and every
 * {@code shares} epochs cover each window once. With no limit on the windows per epoch (or one no
 * lower than their number) there is one share: every epoch reads all windows in text order.
 */
final class TextShares {

    private final TextCharacters text;
    private final Vocabulary vocabulary;
    private final int window;
    private final int end;
    private final int count;

    /**
     * @param end             where the training part ends (the validation part starts)
     * @param windowsPerEpoch training windows per epoch at most, 0 for all
     */
    TextShares(TextCharacters text, Vocabulary vocabulary, int window, int end, int windowsPerEpoch) {
        this.text = text;
        this.vocabulary = vocabulary;
        this.window = window;
        this.end = end;
        int windows = windows(0, end, window, window);
        int perEpoch = windowsPerEpoch == 0 ? windows : windowsPerEpoch;
        this.count = (windows + perEpoch - 1) / perEpoch;
    }

    /** Windows of {@code window} characters and the one after, starting every {@code stride} in [from, to). */
    static int windows(int from, int to, int window, int stride) {
        return (to - from - window - 1) / stride + 1;
    }

    /** The number of shares. */
    int count() {
        return count;
    }

    /** The DataVec iterator over share {@code share} (0..count-1) of the training windows. */
    DataSetIterator share(int share, int batch) {
        return SequenceIterators.textWindows(text, vocabulary, window, window * count, share * window, end, batch);
    }

    /** Characters trained on in epoch {@code epoch} (from 0): the windows of its share times the window. */
    long charactersInEpoch(int epoch) {
        return (long) windows((epoch % count) * window, end, window, window * count) * window;
    }

    /**
     * The training iterator: {@link DataSetIterator#reset()} (the trainer resets before every epoch)
     * starts the share of the coming epoch, the one after the {@code epochsDone} trained so far, read
     * through its own DataVec iterator.
     */
    DataSetIterator byEpoch(int batch, IntSupplier epochsDone) {
        return new ByEpoch(batch, epochsDone);
    }

    private final class ByEpoch implements DataSetIterator {
        private final int batch;
        private final IntSupplier epochsDone;
        private DataSetIterator current;
        private DataSetPreProcessor preProcessor;

        ByEpoch(int batch, IntSupplier epochsDone) {
            this.batch = batch;
            this.epochsDone = epochsDone;
        }

        @Override
        public void reset() {
            current = share(epochsDone.getAsInt() % count, batch);
            current.setPreProcessor(preProcessor);
        }

        private DataSetIterator current() {
            if (current == null) {
                reset();
            }
            return current;
        }

        @Override
        public boolean hasNext() {
            return current().hasNext();
        }

        @Override
        public DataSet next() {
            return current().next();
        }

        @Override
        public DataSet next(int num) {
            return current().next(num);
        }

        @Override
        public int inputColumns() {
            return vocabulary.size();
        }

        @Override
        public int totalOutcomes() {
            return vocabulary.size();
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
            if (current != null) {
                current.setPreProcessor(preProcessor);
            }
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public List<String> getLabels() {
            return null;
        }
    }
}

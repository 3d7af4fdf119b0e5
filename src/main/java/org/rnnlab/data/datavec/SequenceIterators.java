package org.rnnlab.data.datavec;

import java.util.Arrays;
import java.util.List;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator.AlignmentMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnlab.data.files.CsvTable;
import org.rnnlab.data.files.LabelledSequenceSet;
import org.rnnlab.data.files.LetterExample;
import org.rnnlab.data.files.RowRange;
import org.rnnlab.data.files.Series;
import org.rnnlab.data.files.TextCharacters;
import org.rnnlab.data.files.Vocabulary;
import org.rnnlab.data.generate.SequenceGenerator;

/**
 * DataSet iterators over the rnnlab readers, and the helper that reads many-to-one predictions.
 * Every reader is built over data its caller has already read (a table, a series, a set of
 * sequences, a text), so a task reads each file once however many iterators it makes.
 *
 * <p><b>What {@link #manyToOne} (ALIGN_END) produces.</b> Arrays are NCW: features
 * [mb, nIn, T], labels [mb, 1, T], masks [mb, T], where T is the longest feature sequence in the
 * minibatch. Example i with L_i steps has its features at steps 0..L_i-1 (so shorter sequences are
 * padded with zeros at the end, not the start) and its one label at step L_i-1, its own last real
 * step; every other label entry is 0. The label mask is 1 at exactly that step and 0 elsewhere.
 * The feature mask is 1 at steps 0..L_i-1 and 0 after, and is null when all sequences in the
 * minibatch have the same length. For example "ab,1" and "abca,0" in one batch give T = 4, labels
 * [[0,1,0,0],[0,0,0,0]], label mask [[0,1,0,0],[0,0,0,1]] and feature mask [[1,1,0,0],[1,1,1,1]].
 * An RnnOutputLayer then gives [mb, nOut, T]; {@link #lastStep} picks each example's prediction.
 * The other many-to-one iterators ({@link #forecastWindows}, {@link #labelledSequences}) align the
 * same way, with nOut label rows instead of 1: regression targets, or a class one-hot at the label
 * step.
 */
public final class SequenceIterators {

    /** Number of regression targets of the single-target iterators. */
    private static final int ONE_TARGET = 1;

    private SequenceIterators() {
    }

    /**
     * Many-to-one regression: features and labels from two readers over the same examples, the
     * labels one step each, aligned to the end of each feature sequence (see the class comment).
     */
    public static SequenceRecordReaderDataSetIterator manyToOne(SequenceRecordReader features,
                                                                SequenceRecordReader labels, int batch) {
        return alignedToEnd(features, labels, batch, ONE_TARGET, true);
    }

    /**
     * Many-to-many regression from one reader whose steps are [input, target] (the
     * {@link SineWindowDrawReader} layout): features [mb, 1, T] from column
     * {@value SineWindowDrawReader#INPUT_COLUMN}, labels [mb, 1, T] from column
     * {@value SineWindowDrawReader#LABEL_COLUMN}, no masks.
     */
    public static SequenceRecordReaderDataSetIterator aligned(SequenceRecordReader reader, int batch) {
        return new SequenceRecordReaderDataSetIterator(reader, checkBatch(batch), ONE_TARGET,
                SineWindowDrawReader.LABEL_COLUMN, true);
    }

    /** Letter strings as one-hot letter steps -> parity label, many-to-one (features [mb, 3, T]). */
    public static SequenceRecordReaderDataSetIterator letters(List<LetterExample> examples, int batch) {
        return manyToOne(new LetterSequenceRecordReader(examples, ReaderMode.FEATURES),
                new LetterSequenceRecordReader(examples, ReaderMode.LABELS), batch);
    }

    /**
     * Many-to-many next-step sequences, one per series, in the given order (see
     * {@link NextStepRecordReader}); for evaluating a model trained on {@link #sineDraws}.
     */
    public static SequenceRecordReaderDataSetIterator nextStep(List<Series> series, int batch) {
        return aligned(new NextStepRecordReader(series), batch);
    }

    /** Every "window -> next" example of a series, many-to-one (features [mb, 1, window]). */
    public static SequenceRecordReaderDataSetIterator seriesWindows(Series series, int window, int batch) {
        return manyToOne(new SeriesWindowRecordReader(series, window, ReaderMode.FEATURES),
                new SeriesWindowRecordReader(series, window, ReaderMode.LABELS), batch);
    }

    /**
     * Forecasting windows of a header CSV file's table, many-to-one regression (see
     * {@link ForecastWindows}): features [mb, inputs, W], labels [mb, targets·H, W] with each
     * example's label step at step W-1 and the label mask 1 only there, as in {@link #manyToOne}.
     * Only the targets of rows in {@code range} are forecast.
     */
    public static SequenceRecordReaderDataSetIterator forecastWindows(CsvTable table, ForecastWindows windows,
                                                                      RowRange range, int batch) {
        return alignedToEnd(new ForecastWindowRecordReader(table, windows, range, ReaderMode.FEATURES),
                new ForecastWindowRecordReader(table, windows, range, ReaderMode.LABELS), batch,
                windows.labelCount(), true);
    }

    /**
     * Labelled sequences of either layout ({@link org.rnnlab.data.files.NumberedSequenceFiles#read},
     * {@link org.rnnlab.data.files.LabelledRowsFile}), many-to-one classification: features [mb, columns, T] and one-hot
     * labels [mb, classes, T], T the longest sequence of the minibatch. ALIGN_END pads shorter
     * sequences at the end (never truncating), puts each label at its own last step and masks the
     * rest (see the class comment).
     *
     * @throws IllegalArgumentException if a label is not below {@code classes}
     */
    public static SequenceRecordReaderDataSetIterator labelledSequences(LabelledSequenceSet set, int classes,
                                                                        int batch) {
        set.perClass(classes);
        return alignedToEnd(new LabelledSequenceRecordReader(set, ReaderMode.FEATURES),
                new LabelledSequenceRecordReader(set, ReaderMode.LABELS), batch, classes, false);
    }

    /**
     * Next-character windows of a span of a text ({@link TextWindowRecordReader}),
     * many-to-many classification: features [mb, V, window] one-hot, labels [mb, V, window] one-hot
     * (the next character at every step), no masks; V = vocabulary size.
     */
    public static SequenceRecordReaderDataSetIterator textWindows(TextCharacters text, Vocabulary vocabulary,
                                                                  int window, int stride, int from, int to, int batch) {
        TextWindowRecordReader reader = new TextWindowRecordReader(text, vocabulary, window, stride, from, to);
        return new SequenceRecordReaderDataSetIterator(reader, checkBatch(batch), vocabulary.size(),
                reader.labelColumn(), false);
    }

    /**
     * E3's random window draws, next-step prediction on every step. Build the
     * {@link SineWindowDrawReader} yourself and call {@link #aligned} to see its draws.
     */
    public static SequenceRecordReaderDataSetIterator sineDraws(List<Series> windows, long seed,
                                                                int windowsPerSequence, int sequencesPerEpoch,
                                                                int batch) {
        return aligned(new SineWindowDrawReader(windows, seed, windowsPerSequence, sequencesPerEpoch), batch);
    }

    /**
     * Sequences drawn in code, many-to-one, aligned to the end as {@link #manyToOne}: each label has
     * one step, placed at its sequence's last step. With {@code regression} the label columns are
     * the {@code nOut} targets; otherwise the one label column is a class index, one-hot over
     * {@code nOut} classes.
     *
     * @param fresh new draws every epoch (training), or one fixed set (evaluation)
     */
    public static SequenceRecordReaderDataSetIterator generatedManyToOne(SequenceGenerator generator, long seed,
                                                                         int count, boolean fresh, int nOut,
                                                                         boolean regression, int batch) {
        return alignedToEnd(new GeneratedSequenceReader(generator, seed, count, ReaderMode.FEATURES, fresh),
                new GeneratedSequenceReader(generator, seed, count, ReaderMode.LABELS, fresh), batch, nOut,
                regression);
    }

    /**
     * Sequences drawn in code, many-to-many: a label row for every input step ({@code nOut} regression
     * targets, e.g. a multi-hot row). Sequences of different lengths are padded at the end and masked.
     */
    public static SequenceRecordReaderDataSetIterator generatedEveryStep(SequenceGenerator generator, long seed,
                                                                         int count, boolean fresh, int nOut,
                                                                         int batch) {
        return new SequenceRecordReaderDataSetIterator(
                new GeneratedSequenceReader(generator, seed, count, ReaderMode.FEATURES, fresh),
                new GeneratedSequenceReader(generator, seed, count, ReaderMode.LABELS, fresh), checkBatch(batch), nOut,
                true, AlignmentMode.ALIGN_START);
    }

    /**
     * Each example's output at the step its label sits on: for every example i, the column
     * perStepOutput[i, :, t] at the last step t where labelMask[i, t] is non-zero, or at the last
     * step T-1 when {@code labelMask} is null.
     *
     * @param perStepOutput [mb, nOut, T], e.g. an RnnOutputLayer's output
     * @param labelMask     [mb, T] or null
     * @return [mb, nOut]
     */
    public static INDArray lastStep(INDArray perStepOutput, INDArray labelMask) {
        if (perStepOutput.rank() != 3) {
            throw new IllegalArgumentException("per-step output must be [mb, nOut, T], got shape "
                    + shapeText(perStepOutput));
        }
        long examples = perStepOutput.size(0);
        long steps = perStepOutput.size(2);
        if (labelMask != null && (labelMask.rank() != 2 || labelMask.size(0) != examples || labelMask.size(1) != steps)) {
            throw new IllegalArgumentException("label mask must be [" + examples + ", " + steps + "] to match output "
                    + shapeText(perStepOutput) + ", got " + shapeText(labelMask));
        }
        INDArray picked = Nd4j.create(perStepOutput.dataType(), examples, perStepOutput.size(1));
        for (int i = 0; i < examples; i++) {
            long step = labelMask == null ? steps - 1 : lastUnmaskedStep(labelMask, i);
            picked.putRow(i, perStepOutput.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(step)));
        }
        return picked;
    }

    private static long lastUnmaskedStep(INDArray labelMask, int example) {
        for (long t = labelMask.size(1) - 1; t >= 0; t--) {
            if (labelMask.getDouble(example, t) != 0.0) {
                return t;
            }
        }
        throw new IllegalArgumentException("label mask of example " + example + " is all zero: it has no label step");
    }

    /**
     * Features and one-step labels from two readers, each label at its own sequence's last step
     * (ALIGN_END, see the class comment): nOut regression values, or one of nOut classes one-hot.
     */
    private static SequenceRecordReaderDataSetIterator alignedToEnd(SequenceRecordReader features,
                                                                    SequenceRecordReader labels, int batch,
                                                                    int nOut, boolean regression) {
        return new SequenceRecordReaderDataSetIterator(features, labels, checkBatch(batch), nOut, regression,
                AlignmentMode.ALIGN_END);
    }

    private static int checkBatch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        return batch;
    }

    private static String shapeText(INDArray array) {
        return Arrays.toString(array.shape());
    }
}

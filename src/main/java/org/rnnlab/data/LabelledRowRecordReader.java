package org.rnnlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

/**
 * Reads a labelled-rows file ({@link LabelledRowsFile}) as DataVec sequences, one per row: in
 * {@link ReaderMode#FEATURES} one step per value, each step that one value; in
 * {@link ReaderMode#LABELS} one step holding the class index. Rows may differ in length.
 *
 * <p>Use two readers over the same file, one per mode, with {@link SequenceIterators#labelledRows}.
 */
public class LabelledRowRecordReader extends PreloadedSequenceRecordReader {

    private final ReaderMode mode;
    private final int classes;

    /**
     * @param mode    which half of each example to give
     * @param classes number of classes: every label must lie in 0..classes-1
     */
    public LabelledRowRecordReader(ReaderMode mode, int classes) {
        if (mode == null) {
            throw new IllegalArgumentException("reader mode is required");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("number of classes must be at least 1, got " + classes);
        }
        this.mode = mode;
        this.classes = classes;
    }

    @Override
    protected List<List<List<Writable>>> readSequences(Path file) {
        List<List<List<Writable>>> sequences = new ArrayList<>();
        for (LabelledSequence row : LabelledRowsFile.read(file, classes)) {
            if (mode == ReaderMode.LABELS) {
                sequences.add(List.of(List.of(new IntWritable(row.label()))));
                continue;
            }
            List<List<Writable>> steps = new ArrayList<>(row.length());
            for (double value : row.values()) {
                steps.add(List.of(new DoubleWritable(value)));
            }
            sequences.add(steps);
        }
        return sequences;
    }
}

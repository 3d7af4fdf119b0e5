package org.rnnlab.data.datavec;

import java.util.List;
import org.rnnlab.data.files.LetterExample;
import org.rnnlab.data.files.LetterStrings;


/**
 * Letter strings ({@link org.rnnlab.data.files.LettersFile}, read once by the caller) as DataVec sequences. In
 * {@link ReaderMode#FEATURES} a string becomes one step per letter, each step the letter's three
 * one-hot values; in {@link ReaderMode#LABELS} it becomes one step holding its label (0.0 or 1.0).
 * Strings may differ in length.
 *
 * <p>Use two readers over the same strings, one per mode, with
 * {@link SequenceIterators#manyToOne}; this class is the template for turning text into one-hot
 * steps.
 */
public class LetterSequenceRecordReader extends IndexedSequenceRecordReader {

    private final List<LetterExample> examples;
    private final ReaderMode mode;

    public LetterSequenceRecordReader(List<LetterExample> examples, ReaderMode mode) {
        if (examples == null || mode == null) {
            throw new IllegalArgumentException("the strings and a reader mode are required");
        }
        this.examples = List.copyOf(examples);
        this.mode = mode;
    }

    @Override
    protected int count() {
        return examples.size();
    }

    @Override
    protected double[][] steps(int index) {
        LetterExample example = examples.get(index);
        return mode == ReaderMode.FEATURES ? oneHotSteps(example.sequence()) : new double[][] {{example.label()}};
    }

    private static double[][] oneHotSteps(String letters) {
        double[][] steps = new double[letters.length()][];
        for (int t = 0; t < steps.length; t++) {
            steps[t] = LetterStrings.oneHot(letters.charAt(t));
        }
        return steps;
    }
}

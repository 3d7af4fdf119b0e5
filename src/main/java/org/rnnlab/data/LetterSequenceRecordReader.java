package org.rnnlab.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Writable;

/**
 * Letter strings ({@link LettersFile}, read once by the caller) as DataVec sequences. In
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
    protected List<List<Writable>> sequence(int index) {
        LetterExample example = examples.get(index);
        return mode == ReaderMode.FEATURES ? oneHotSteps(example.sequence()) : labelStep(example.label());
    }

    /** None: the strings are held in memory, whatever file they came from. */
    @Override
    protected URI source(int index) {
        return null;
    }

    private static List<List<Writable>> oneHotSteps(String letters) {
        List<List<Writable>> steps = new ArrayList<>(letters.length());
        for (char letter : letters.toCharArray()) {
            List<Writable> step = new ArrayList<>(LetterStrings.FEATURES);
            for (double value : LetterStrings.oneHot(letter)) {
                step.add(new DoubleWritable(value));
            }
            steps.add(step);
        }
        return steps;
    }

    private static List<List<Writable>> labelStep(int label) {
        return List.of(List.of(new DoubleWritable(label)));
    }
}

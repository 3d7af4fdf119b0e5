package org.rnnlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Writable;

/**
 * Reads a letters file ({@link LettersFile}) as DataVec sequences, one per row. In
 * {@link ReaderMode#FEATURES} a string becomes one step per letter, each step the letter's three
 * one-hot values; in {@link ReaderMode#LABELS} it becomes one step holding its label (0.0 or 1.0).
 * Strings may differ in length.
 *
 * <p>Use two readers over the same file, one per mode, with
 * {@link SequenceIterators#manyToOne}; this class is the template for turning text into one-hot
 * steps.
 */
public class LetterSequenceRecordReader extends PreloadedSequenceRecordReader {

    private final ReaderMode mode;

    public LetterSequenceRecordReader(ReaderMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("reader mode is required");
        }
        this.mode = mode;
    }

    @Override
    protected List<List<List<Writable>>> readSequences(Path file) {
        List<List<List<Writable>>> sequences = new ArrayList<>();
        for (LetterExample example : LettersFile.read(file)) {
            sequences.add(mode == ReaderMode.FEATURES ? oneHotSteps(example.sequence()) : labelStep(example.label()));
        }
        return sequences;
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

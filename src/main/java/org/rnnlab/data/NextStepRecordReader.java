package org.rnnlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Writable;

/**
 * Reads each series file as one next-step sequence: for a series v[0..n-1], steps k = 0..n-2 hold
 * the two columns [v[k], v[k+1]] (input, target). It is the deterministic counterpart of
 * {@link SineWindowDrawReader}: every file once, in the split's order, for evaluation.
 */
public class NextStepRecordReader extends PreloadedSequenceRecordReader {

    @Override
    protected List<List<List<Writable>>> readSequences(Path file) {
        double[] values = SeriesFile.read(file);
        if (values.length < 2) {
            throw DataFileException.ofFile(file, "has " + values.length + " value(s); next-step pairs need at least 2");
        }
        List<List<Writable>> steps = new ArrayList<>(values.length - 1);
        for (int k = 0; k + 1 < values.length; k++) {
            steps.add(List.of(new DoubleWritable(values[k]), new DoubleWritable(values[k + 1])));
        }
        return List.of(steps);
    }
}

package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnlab.lab.report.AtomicFiles;
import org.rnnlab.lab.report.Csv;
import org.rnnlab.lab.report.NumberFormats;

/** What the kinds' predictors share: windows through a model, and a predictions CSV written atomically. */
final class PredictionTable {

    private final StringBuilder csv;
    private int rows;

    PredictionTable(List<String> header) {
        this.csv = new StringBuilder(Csv.record(header));
    }

    /** One row: a first text cell, then numbers exactly as computed. */
    void add(String first, double... values) {
        List<String> fields = new ArrayList<>(values.length + 1);
        fields.add(first);
        for (double value : values) {
            fields.add(NumberFormats.exact(value));
        }
        csv.append(Csv.record(fields));
        rows++;
    }

    /** Writes the table to {@code file} atomically; returns the number of rows. */
    int write(Path file) throws IOException {
        AtomicFiles.writeText(file, csv.toString());
        return rows;
    }

    /**
     * The model's last-step outputs for windows of equal length, from a cleared state.
     *
     * @param windows [example][step][feature]
     * @return [example][output]
     */
    static double[][] lastStepOutputs(SequenceModel model, double[][][] windows) {
        return lastStep(model.output(features(windows), null)).toDoubleMatrix();
    }

    /** Windows [example][step][feature] as NCW features [mb, nIn, T]. */
    static INDArray features(double[][][] windows) {
        INDArray features = Nd4j.create(DataType.DOUBLE, windows.length, windows[0][0].length, windows[0].length);
        for (int e = 0; e < windows.length; e++) {
            for (int t = 0; t < windows[e].length; t++) {
                for (int f = 0; f < windows[e][t].length; f++) {
                    features.putScalar(new long[] {e, f, t}, windows[e][t][f]);
                }
            }
        }
        return features;
    }

    /** Outputs [mb, nOut, T] at the last step, as a new [mb, nOut] array. */
    static INDArray lastStep(INDArray output) {
        return output.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(output.size(2) - 1)).dup();
    }
}

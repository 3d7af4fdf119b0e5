package org.rnnlab.data.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.DataFiles;
import org.rnnlab.data.files.LettersFile;
import org.rnnlab.data.files.Series;
import org.rnnlab.data.generate.SineSeries;

/** Shapes, values and masks of the minibatches the rnnlab iterators produce. */
class SequenceIteratorsTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);

    @BeforeAll
    static void useDoubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void alignEndPutsEachLabelOnItsOwnLastStepForStringsOfDifferentLengths(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("mixed.csv");
        Files.writeString(csv, "sequence,label\nab,1\nabca,0\n");
        DataSet batch = SequenceIterators.letters(LettersFile.read(csv), 2).next();

        assertEquals(DataType.DOUBLE, batch.getFeatures().dataType());
        assertArrayEquals(new long[] {2, 3, 4}, batch.getFeatures().shape(), "features [mb, nIn, T], T = longest");
        assertArrayEquals(new long[] {2, 1, 4}, batch.getLabels().shape());
        // features start at step 0 and the shorter string is padded with zeros at the end
        assertArrayEquals(new double[][] {{0, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 0, 0}}, slice(batch.getFeatures(), 0), "a b - -");
        assertArrayEquals(new double[][] {{0, 0, 1, 0}, {0, 1, 0, 0}, {1, 0, 0, 1}}, slice(batch.getFeatures(), 1), "a b c a");
        assertArrayEquals(new double[][] {{0, 1, 0, 0}}, slice(batch.getLabels(), 0), "label 1 at step 1, the last letter of 'ab'");
        assertArrayEquals(new double[][] {{0, 0, 0, 0}}, slice(batch.getLabels(), 1), "label 0 at step 3");
        assertArrayEquals(new double[][] {{1, 1, 0, 0}, {1, 1, 1, 1}}, batch.getFeaturesMaskArray().toDoubleMatrix());
        assertArrayEquals(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 1}}, batch.getLabelsMaskArray().toDoubleMatrix());
    }

    @Test
    void lettersOfEqualLengthHaveNoFeatureMaskAndTheLabelOnTheLastStep() {
        SequenceRecordReaderDataSetIterator iterator = SequenceIterators.letters(LettersFile.read(DataFiles.e1Train(DATA)), 5);
        DataSet first = iterator.next();
        assertArrayEquals(new long[] {5, 3, 4}, first.getFeatures().shape());
        assertNull(first.getFeaturesMaskArray(), "all strings have 4 letters");
        for (double[] row : first.getLabelsMaskArray().toDoubleMatrix()) {
            assertArrayEquals(new double[] {0, 0, 0, 1}, row);
        }
        // "bbcb": b = [0,1,0], c = [1,0,0]
        assertArrayEquals(new double[][] {{0, 0, 1, 0}, {1, 1, 0, 1}, {0, 0, 0, 0}}, slice(first.getFeatures(), 0));

        List<Double> labels = new ArrayList<>();
        List<Integer> batchSizes = new ArrayList<>();
        iterator.reset();
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            batchSizes.add(batch.numExamples());
            INDArray picked = SequenceIterators.lastStep(batch.getLabels(), batch.getLabelsMaskArray());
            for (int i = 0; i < batch.numExamples(); i++) {
                labels.add(picked.getDouble(i, 0));
            }
        }
        assertEquals(List.of(5, 5, 2), batchSizes);
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0), labels);
    }

    @Test
    void e4WindowsGiveFourInputsAndTheNextValue() {
        SequenceRecordReaderDataSetIterator iterator = SequenceIterators.seriesWindows(Series.read(DataFiles.e4Train(DATA)), 4, 10);
        DataSet first = iterator.next();
        assertArrayEquals(new long[] {10, 1, 4}, first.getFeatures().shape());
        assertArrayEquals(new long[] {10, 1, 4}, first.getLabels().shape());
        assertNull(first.getFeaturesMaskArray());
        assertArrayEquals(new double[] {0, 0, 0, 1}, first.getLabelsMaskArray().getRow(0).toDoubleVector());
        for (int x = 0; x < 4; x++) {
            assertEquals(Math.sin(x / 20.0), first.getFeatures().getDouble(0, 0, x), 1e-15);
            assertEquals(Math.sin((x + 1) / 20.0), first.getFeatures().getDouble(1, 0, x), 1e-15, "second window shifted by one");
        }
        INDArray targets = SequenceIterators.lastStep(first.getLabels(), first.getLabelsMaskArray());
        assertEquals(Math.sin(4 / 20.0), targets.getDouble(0, 0), 1e-15);
        assertEquals(Math.sin(5 / 20.0), targets.getDouble(1, 0), 1e-15);
        assertEquals(247, countExamples(iterator));

        DataSet validation = SequenceIterators.seriesWindows(Series.read(DataFiles.e4Validation(DATA)), 4, 1).next();
        for (int k = 0; k < 4; k++) {
            assertEquals(Math.sin((375 + k) / 20.0), validation.getFeatures().getDouble(0, 0, k), 1e-15);
        }
        assertEquals(Math.sin(379 / 20.0), validation.getLabels().getDouble(0, 0, 3), 1e-15);
        assertEquals(247, countExamples(SequenceIterators.seriesWindows(Series.read(DataFiles.e4Validation(DATA)), 4, 50)));
    }

    @Test
    void e2HasTwoHundredSeventyFiveWindowsPerSeries() {
        assertEquals(275, countExamples(SequenceIterators.seriesWindows(Series.read(DataFiles.e2Train(DATA)), 25, 100)));
        DataSet heldOut = SequenceIterators.seriesWindows(Series.read(DataFiles.e2Test(DATA)), 25, 1).next();
        assertEquals(Math.sin(300), heldOut.getFeatures().getDouble(0, 0, 0), 1e-15);
        assertEquals(Math.sin(325), heldOut.getLabels().getDouble(0, 0, 24), 1e-15);
    }

    @Test
    void sineDrawsConcatenateTheDrawnWindowsAsInputAndNextValue() {
        List<Series> files = e3Windows();
        SineWindowDrawReader reader = new SineWindowDrawReader(files, 42, 2, 3);
        int[] draws = reader.epochDraws();
        DataSet batch = SequenceIterators.aligned(reader, 3).next();

        assertArrayEquals(new long[] {3, 1, 98}, batch.getFeatures().shape(), "2 windows of 49 steps");
        assertArrayEquals(new long[] {3, 1, 98}, batch.getLabels().shape());
        assertNull(batch.getFeaturesMaskArray());
        assertNull(batch.getLabelsMaskArray());
        assertArrayEquals(draws, reader.epochDraws(), "the iterator's first look at the data wasted no draw");
        for (int i = 0; i < 3; i++) {
            double[] firstWindow = SineSeries.e3Window(SineSeries.E3_STARTS.get(draws[2 * i]));
            double[] secondWindow = SineSeries.e3Window(SineSeries.E3_STARTS.get(draws[2 * i + 1]));
            for (int k = 0; k < 49; k++) {
                assertEquals(firstWindow[k], batch.getFeatures().getDouble(i, 0, k));
                assertEquals(firstWindow[k + 1], batch.getLabels().getDouble(i, 0, k));
                assertEquals(secondWindow[k], batch.getFeatures().getDouble(i, 0, 49 + k));
                assertEquals(secondWindow[k + 1], batch.getLabels().getDouble(i, 0, 49 + k));
            }
        }
    }

    @Test
    void sameSeedGivesTheSameDrawsAndEachEpochDrawsAfresh() {
        List<Series> files = e3Windows();
        int perEpoch = 20;
        SineWindowDrawReader reader = new SineWindowDrawReader(files, 7, 1, perEpoch);
        SequenceRecordReaderDataSetIterator iterator = SequenceIterators.aligned(reader, 5);
        INDArray epochOne = allFeatures(iterator);
        int[] drawsOne = reader.epochDraws();
        iterator.reset();
        INDArray epochTwo = allFeatures(iterator);
        int[] drawsTwo = reader.epochDraws();

        assertEquals(2, reader.epoch());
        assertFalse(Arrays.equals(drawsOne, drawsTwo), "a new epoch draws new windows");
        assertNotEquals(epochOne, epochTwo);
        // the draws are one stream: start k of the run is new Random(seed).nextInt(3) on call k
        Random expected = new Random(7);
        for (int k = 0; k < perEpoch; k++) {
            assertEquals(expected.nextInt(3), drawsOne[k], "draw " + k);
        }
        for (int k = 0; k < perEpoch; k++) {
            assertEquals(expected.nextInt(3), drawsTwo[k], "draw " + (perEpoch + k));
        }

        SineWindowDrawReader again = new SineWindowDrawReader(files, 7, 1, perEpoch);
        assertEquals(epochOne, allFeatures(SequenceIterators.aligned(again, 5)), "same seed, same data");
        assertFalse(Arrays.equals(drawsOne, new SineWindowDrawReader(files, 8, 1, perEpoch).epochDraws()),
                "another seed draws other windows");
    }

    /** The E3 window files, read. */
    static List<Series> e3Windows() {
        return DataFiles.e3Windows(DATA).stream().map(Series::read).toList();
    }

    @Test
    void lastStepPicksTheMaskedStepOrTheLastOne() {
        // output[i, j, t] = 100 i + 10 j + t
        INDArray output = Nd4j.create(DataType.DOUBLE, 2, 2, 4);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int t = 0; t < 4; t++) {
                    output.putScalar(new int[] {i, j, t}, 100 * i + 10 * j + t);
                }
            }
        }
        INDArray mask = Nd4j.createFromArray(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 1}});
        assertArrayEquals(new double[][] {{1, 11}, {103, 113}}, SequenceIterators.lastStep(output, mask).toDoubleMatrix());
        assertArrayEquals(new double[][] {{3, 13}, {103, 113}}, SequenceIterators.lastStep(output, null).toDoubleMatrix());

        INDArray empty = Nd4j.createFromArray(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 0}});
        IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
                () -> SequenceIterators.lastStep(output, empty));
        assertTrue(noLabel.getMessage().contains("example 1"), noLabel.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SequenceIterators.lastStep(output, Nd4j.ones(DataType.DOUBLE, 2, 3)));
    }

    /** Example i of a [mb, n, T] array as an [n][T] matrix. */
    private static double[][] slice(INDArray array, int example) {
        return array.slice(example).toDoubleMatrix();
    }

    private static int countExamples(SequenceRecordReaderDataSetIterator iterator) {
        iterator.reset();
        int count = 0;
        while (iterator.hasNext()) {
            count += iterator.next().numExamples();
        }
        return count;
    }

    private static INDArray allFeatures(SequenceRecordReaderDataSetIterator iterator) {
        List<INDArray> batches = new ArrayList<>();
        while (iterator.hasNext()) {
            batches.add(iterator.next().getFeatures());
        }
        return Nd4j.concat(0, batches.toArray(new INDArray[0]));
    }
}

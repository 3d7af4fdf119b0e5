package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.data.files.DataFileAssertions.assertMessage;
import static org.rnnlab.data.files.DataFileAssertions.failsAtCell;
import static org.rnnlab.data.files.DataFileAssertions.failsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.DataFiles;
import org.rnnlab.data.datavec.SequenceIterators;

/** One file per sequence, read by DataVec's own CSV reader: checked up front, then padded and masked. */
class NumberedSequenceFilesTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);

    @TempDir
    Path dir;

    @BeforeAll
    static void useDoubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Sequence i gets features.get(i) and labels.get(i) as file contents. */
    private Path set(List<String> features, List<String> labels) throws IOException {
        for (int i = 0; i < features.size(); i++) {
            DataFileAssertions.write(dir, "features/" + i + ".csv", features.get(i));
        }
        for (int i = 0; i < labels.size(); i++) {
            DataFileAssertions.write(dir, "labels/" + i + ".csv", labels.get(i));
        }
        return dir;
    }

    @Test
    void raggedSequencesArePaddedAtTheEndWithEachLabelOnItsOwnLastStep() throws IOException {
        Path set = set(List.of("1.5\n2.5\n", "10\n20\n30\n40\n"), List.of("2\n", "0\n"));
        assertEquals(new SequenceSetShape(2, 1, 2, 4), NumberedSequenceFiles.validate(set, 3));
        DataSet batch = SequenceIterators.labelledSequences(NumberedSequenceFiles.read(set, 3), 3, 2).next();

        assertArrayEquals(new long[] {2, 1, 4}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {2, 3, 4}, batch.getLabels().shape(), "one-hot over 3 classes");
        assertArrayEquals(new double[] {1.5, 2.5, 0, 0}, batch.getFeatures().slice(0).toDoubleMatrix()[0],
                "padded at the end, not truncated");
        assertArrayEquals(new double[] {10, 20, 30, 40}, batch.getFeatures().slice(1).toDoubleMatrix()[0]);
        assertArrayEquals(new double[][] {{1, 1, 0, 0}, {1, 1, 1, 1}}, batch.getFeaturesMaskArray().toDoubleMatrix());
        assertArrayEquals(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 1}}, batch.getLabelsMaskArray().toDoubleMatrix());
        assertArrayEquals(new double[][] {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 1, 0, 0}}, batch.getLabels().slice(0).toDoubleMatrix(),
                "class 2 at step 1, the last step of the 2-step sequence");
        assertArrayEquals(new double[][] {{0, 0, 0, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}}, batch.getLabels().slice(1).toDoubleMatrix());
    }

    @Test
    void variableLengthControlChartBatchesAreMaskedToEachFilesLength() {
        Path train = DataFiles.controlChartVariableTrain(DATA);
        SequenceRecordReaderDataSetIterator iterator = SequenceIterators.labelledSequences(NumberedSequenceFiles.read(train, 6), 6, 8);
        DataSet batch = iterator.next();
        assertEquals(8, batch.numExamples());
        assertEquals(6, batch.getLabels().size(1));
        for (int i = 0; i < 8; i++) {
            int length = SeriesFile.read(NumberedSequenceFiles.featureFile(train, i)).length;
            double[] featureMask = batch.getFeaturesMaskArray().getRow(i).toDoubleVector();
            double[] labelMask = batch.getLabelsMaskArray().getRow(i).toDoubleVector();
            assertEquals(length, (int) Arrays.stream(featureMask).sum(), "sequence " + i);
            assertEquals(1.0, labelMask[length - 1], "label at step " + (length - 1));
            assertEquals(1.0, Arrays.stream(labelMask).sum());
        }
        DataSet fixed = SequenceIterators.labelledSequences(
                NumberedSequenceFiles.read(DataFiles.controlChartTest(DATA), 6), 6, 150).next();
        assertArrayEquals(new long[] {150, 1, 60}, fixed.getFeatures().shape());
        assertNull(fixed.getFeaturesMaskArray(), "all 60 steps long");
    }

    @Test
    void aPercentSignInTheFolderNameIsNotAFormatCode() throws IOException {
        Path odd = Files.createDirectories(dir.resolve("100%d"));
        DataFileAssertions.write(odd, "features/0.csv", "1\n2\n");
        DataFileAssertions.write(odd, "labels/0.csv", "1\n");
        assertEquals(2.0, SequenceIterators.labelledSequences(NumberedSequenceFiles.read(odd, 2), 2, 1).next().getFeatures().getDouble(0, 0, 1));
    }

    @Test
    void testMissingFeatureFileNamesItAndTheNumbering() throws IOException {
        set(List.of("1\n", "1\n", "1\n"), List.of("0\n", "0\n", "0\n", "0\n"));
        DataFileAssertions.write(dir, "features/3.csv", "1\n");
        Files.delete(dir.resolve("features/1.csv"));
        Path missing = NumberedSequenceFiles.featureFile(dir, 1);
        DataFileException e = failsWith(() -> NumberedSequenceFiles.read(dir, 2), missing, 0);
        assertMessage(e, "1.csv", "is missing", "features/0.csv..features/3.csv", "without gaps");
    }

    @Test
    void testMissingLabelFile() throws IOException {
        set(List.of("1\n", "1\n"), List.of("0\n"));
        Path missing = NumberedSequenceFiles.labelFile(dir, 1);
        assertMessage(failsWith(() -> NumberedSequenceFiles.validate(dir, 2), missing, 0), "is missing",
                "features/1.csv has no label", "labels/0.csv..labels/1.csv");
    }

    @Test
    void testLabelFileWithoutFeatures() throws IOException {
        set(List.of("1\n"), List.of("0\n", "1\n"));
        Path extra = NumberedSequenceFiles.labelFile(dir, 1);
        assertMessage(failsWith(() -> NumberedSequenceFiles.validate(dir, 2), extra, 0), "no feature file features/1.csv");
    }

    @Test
    void testMissingFolders() throws IOException {
        Path features = dir.resolve("features");
        assertMessage(failsWith(() -> NumberedSequenceFiles.validate(dir, 2), features, 0), "not found", "labels/");
        Files.createDirectories(features);
        Files.createDirectories(dir.resolve("labels"));
        assertMessage(failsWith(() -> NumberedSequenceFiles.validate(dir, 2), features, 0), "no sequence files", "0.csv");
    }

    @Test
    void testSequenceWithADifferentNumberOfColumnsFromTheFirstFile() throws IOException {
        set(List.of("1,2\n3,4\n", "1,2\n3\n"), List.of("0\n", "1\n"));
        Path second = NumberedSequenceFiles.featureFile(dir, 1);
        DataFileException e = failsWith(() -> NumberedSequenceFiles.validate(dir, 2), second, 2);
        assertMessage(e, "has 1 values ('3')", "expected 2 as on the first line of", "0.csv");
    }

    @Test
    void testNonNumericAndNaNCells() throws IOException {
        set(List.of("1\nabc\n"), List.of("0\n"));
        Path file = NumberedSequenceFiles.featureFile(dir, 0);
        assertMessage(failsAtCell(() -> NumberedSequenceFiles.validate(dir, 2), file, 2, "v1"), "'abc'", "not a number");
        Files.writeString(file, "1,NaN\n");
        assertMessage(failsAtCell(() -> NumberedSequenceFiles.validate(dir, 2), file, 1, "v2"), "'NaN'", "finite");
    }

    @Test
    void testEmptySequenceAndBlankOrCommentLines() throws IOException {
        set(List.of(""), List.of("0\n"));
        Path file = NumberedSequenceFiles.featureFile(dir, 0);
        assertMessage(failsWith(() -> NumberedSequenceFiles.validate(dir, 2), file, 0), "holds no steps");
        Files.writeString(file, "1\n\n2\n");
        assertMessage(failsWith(() -> NumberedSequenceFiles.validate(dir, 2), file, 2), "no blank or comment lines");
        Files.writeString(file, "# values\n1\n");
        failsWith(() -> NumberedSequenceFiles.validate(dir, 2), file, 1);
    }

    @Test
    void testByteOrderMarkThatDataVecWouldReadAsPartOfTheValue() throws IOException {
        set(List.of("\uFEFF1.5\n"), List.of("0\n"));
        Path file = NumberedSequenceFiles.featureFile(dir, 0);
        assertMessage(failsAtCell(() -> NumberedSequenceFiles.validate(dir, 2), file, 1, "v1"), "'\\uFEFF1.5'");
    }

    @Test
    void testLabelThatIsNotAClassIndex() throws IOException {
        set(List.of("1\n"), List.of("6\n"));
        Path label = NumberedSequenceFiles.labelFile(dir, 0);
        for (String bad : List.of("6", "2.0", "-1", "one", " 1")) {
            Files.writeString(label, bad + "\n");
            DataFileException e = failsAtCell(() -> NumberedSequenceFiles.validate(dir, 6), label, 1, "label");
            assertMessage(e, Cells.quote(bad), "integer in 0..5");
        }
        Files.writeString(label, "");
        assertMessage(failsWith(() -> NumberedSequenceFiles.validate(dir, 6), label, 0), "has 0 lines", "one line");
        Files.writeString(label, "1\n2\n");
        assertMessage(failsWith(() -> NumberedSequenceFiles.validate(dir, 6), label, 0), "has 2 lines");
    }

    @Test
    void classCountMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberedSequenceFiles.validate(dir, 0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}

package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.data.files.DataFileAssertions.assertMessage;
import static org.rnnlab.data.files.DataFileAssertions.failsAtCell;
import static org.rnnlab.data.files.DataFileAssertions.failsWith;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.datavec.SequenceIterators;

/** One labelled sequence per CSV row: the same checks and the same iterator shape as the numbered files. */
class LabelledRowsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void useDoubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void rowsOfDifferentLengthsArePaddedAndEachLabelSitsOnItsLastStep() throws IOException {
        Path csv = write("rows.csv", "# three sequences\nlabel,v1,v2,v3,v4\n1,0.5,1.5\n\n0,1,2,3,4\n2,9\n");
        List<LabelledSequence> rows = LabelledRowsFile.read(csv, 3);
        assertEquals(new SequenceSetShape(3, 1, 1, 4), LabelledSequenceSet.of(csv, rows).shape());
        assertEquals(new LabelledSequence(1, new double[] {0.5, 1.5}), rows.get(0));

        DataSet batch = SequenceIterators.labelledSequences(LabelledSequenceSet.of(csv, LabelledRowsFile.read(csv, 3)), 3, 3).next();
        assertArrayEquals(new long[] {3, 1, 4}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {3, 3, 4}, batch.getLabels().shape());
        assertArrayEquals(new double[] {0.5, 1.5, 0, 0}, batch.getFeatures().slice(0).toDoubleMatrix()[0]);
        assertArrayEquals(new double[][] {{1, 1, 0, 0}, {1, 1, 1, 1}, {1, 0, 0, 0}}, batch.getFeaturesMaskArray().toDoubleMatrix());
        assertArrayEquals(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}}, batch.getLabelsMaskArray().toDoubleMatrix());
        assertArrayEquals(new double[] {0, 1, 0}, batch.getLabels().slice(0).getColumn(1).toDoubleVector(), "class 1 at step 1");
        assertArrayEquals(new double[] {1, 0, 0}, batch.getLabels().slice(1).getColumn(3).toDoubleVector(), "class 0 at step 3");
        assertArrayEquals(new double[] {0, 0, 1}, batch.getLabels().slice(2).getColumn(0).toDoubleVector(), "class 2 at step 0");
    }

    @Test
    void formatReadsBackToTheSameRows() throws IOException {
        List<LabelledSequence> rows = List.of(new LabelledSequence(0, new double[] {0.1, -2.5e-7}),
                new LabelledSequence(4, new double[] {1.0 / 3}));
        Path csv = write("round.csv", LabelledRowsFile.format(List.of("two rows"), rows));
        assertEquals(rows, LabelledRowsFile.read(csv, 5));
    }

    @Test
    void formatWithDecimalsWritesAHeaderAndFixedDecimalsThatReadBackExactly() throws IOException {
        List<LabelledSequence> rows = List.of(new LabelledSequence(2, new double[] {30.0, 0.0004, -1.25}),
                new LabelledSequence(0, new double[] {12.3457}));
        String text = LabelledRowsFile.format(List.of("two rows", "of different lengths"), rows, 4);
        assertEquals("# two rows\n# of different lengths\nlabel,v1,v2,v3\n2,30.0000,0.0004,-1.2500\n0,12.3457\n", text);
        Path csv = write("fixed.csv", text);
        assertEquals(rows, LabelledRowsFile.read(csv, 3), "the header is recognised and every value reads back");
        Path bad = write("fixed-bad.csv", text.replace("0.0004", "x"));
        assertMessage(failsAtCell(() -> LabelledRowsFile.read(bad, 3), bad, 4, "v2"), "'x'");
    }

    @Test
    void testLabelThatIsNotAClassIndex() throws IOException {
        Path fraction = write("fraction.csv", "0,1\n1.5,2,3\n");
        assertMessage(failsAtCell(() -> LabelledRowsFile.read(fraction, 3), fraction, 2, "label"), "'1.5'", "integer in 0..2");
        Path tooHigh = write("high.csv", "3,1\n");
        assertMessage(failsAtCell(() -> LabelledRowsFile.read(tooHigh, 3), tooHigh, 1, "label"),
                "'3'", "there are 3 classes");
        Path named = write("named.csv", "class,a,b\n-1,1,2\n");
        assertMessage(failsAtCell(() -> LabelledRowsFile.read(named, 3), named, 2, "class"), "'-1'");
    }

    @Test
    void testEmptySequence() throws IOException {
        Path csv = write("empty-row.csv", "0,1,2\n2\n");
        assertMessage(failsWith(() -> LabelledRowsFile.read(csv, 3), csv, 2), "label '2' and no values", "at least one value");
    }

    @Test
    void testBadValuesNameTheirColumn() throws IOException {
        Path text = write("text.csv", "label,a,b\n0,1,x\n");
        assertMessage(failsAtCell(() -> LabelledRowsFile.read(text, 2), text, 2, "b"), "'x'", "not a number");
        Path beyondHeader = write("long.csv", "label,a\n0,1,2,NaN\n");
        assertMessage(failsAtCell(() -> LabelledRowsFile.read(beyondHeader, 2), beyondHeader, 2, "v3"), "'NaN'", "finite");
        Path gap = write("gap.csv", "1,2,,3\n");
        assertMessage(failsAtCell(() -> LabelledRowsFile.read(gap, 2), gap, 1, "v2"), "is empty");
    }

    @Test
    void testFileWithoutRows() throws IOException {
        Path empty = write("empty.csv", "# nothing\n");
        assertMessage(failsWith(() -> LabelledRowsFile.read(empty, 2), empty, 0), "holds no rows", "class index");
        Path headerOnly = write("header.csv", "label,v1\n");
        failsWith(() -> LabelledRowsFile.read(headerOnly, 2), headerOnly, 0);
    }

    private Path write(String name, String text) throws IOException {
        return DataFileAssertions.write(dir, name, text);
    }
}

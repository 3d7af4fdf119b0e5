package org.rnnlab.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.testing.CheckFixtures;
import org.rnnlab.testing.TestBatches.MaskLayout;

/** SequenceBatch to DL4J's NCW arrays and back. */
class BatchesTest {

    private static final NetworkSpec SPEC = CheckFixtures.spec(CellType.LSTM, 3, 2, 1, 2, OutputMode.EVERY_STEP,
            CheckFixtures.OUTPUTS.get(0), true);

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void dataSetIsNcwWithMasksPerExampleAndStep() {
        SequenceBatch batch = CheckFixtures.batch(SPEC, 4, 5, MaskLayout.PADDED_END, true, new Random(2));
        DataSet data = Batches.toDataSet(batch);
        assertArrayEquals(new long[] {4, 3, 5}, data.getFeatures().shape());
        assertArrayEquals(new long[] {4, 2, 5}, data.getLabels().shape());
        assertArrayEquals(new long[] {4, 5}, data.getFeaturesMaskArray().shape());
        assertArrayEquals(new long[] {4, 5}, data.getLabelsMaskArray().shape());
        assertEquals(DataType.DOUBLE, data.getFeatures().dataType());
        for (int e = 0; e < 4; e++) {
            for (int t = 0; t < 5; t++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(batch.features()[e][t][k], data.getFeatures().getDouble(e, k, t), 0);
                }
                for (int k = 0; k < 2; k++) {
                    assertEquals(batch.labels()[e][t][k], data.getLabels().getDouble(e, k, t), 0);
                }
                assertEquals(batch.featureMask()[e][t], data.getFeaturesMaskArray().getDouble(e, t), 0);
                assertEquals(batch.labelMask()[e][t], data.getLabelsMaskArray().getDouble(e, t), 0);
            }
        }
    }

    @Test
    void roundTripGivesTheSameBatch() {
        for (MaskLayout masks : MaskLayout.values()) {
            for (boolean labelMask : new boolean[] {false, true}) {
                SequenceBatch batch = CheckFixtures.batch(SPEC, 3, 4, masks, labelMask, new Random(masks.ordinal()));
                SequenceBatch back = Batches.fromDataSet(Batches.toDataSet(batch));
                assertTrue(Arrays.deepEquals(batch.features(), back.features()), masks + " features");
                assertTrue(Arrays.deepEquals(batch.labels(), back.labels()), masks + " labels");
                assertTrue(Arrays.deepEquals(batch.featureMask(), back.featureMask()), masks + " feature mask");
                assertTrue(Arrays.deepEquals(batch.labelMask(), back.labelMask()), masks + " label mask");
            }
        }
        DataSet noMasks = Batches.toDataSet(CheckFixtures.batch(SPEC, 1, 2, MaskLayout.NONE, false,
                new Random(1)));
        assertNull(noMasks.getFeaturesMaskArray());
        assertNull(noMasks.getLabelsMaskArray());
    }

    @Test
    void floatArraysAndViewsArriveAsDoubles() {
        double[] values = new double[24];
        for (int k = 0; k < values.length; k++) {
            values[k] = k + 1;
        }
        INDArray features = Nd4j.create(values, new long[] {2, 3, 4}, 'c');
        INDArray fortran = features.dup('f').castTo(DataType.FLOAT);
        SequenceBatch batch = Batches.fromArrays(fortran, Nd4j.ones(DataType.FLOAT, 2, 1, 4), null, null);
        assertEquals(24, batch.features()[1][3][2], 0);
        assertEquals(7, batch.features()[0][2][1], 0);
    }

    @Test
    void doublesInCOrderFOrderAndViewsAllReadTheSameValues() {
        INDArray whole = Nd4j.rand(DataType.DOUBLE, 5, 3, 7);
        INDArray view = whole.get(NDArrayIndex.interval(1, 4), NDArrayIndex.all(), NDArrayIndex.all());
        for (INDArray array : new INDArray[] {view.dup('c'), view.dup('f'), view}) {
            double[][][] steps = Batches.fromNcw(array);
            for (int e = 0; e < 3; e++) {
                for (int u = 0; u < 3; u++) {
                    for (int t = 0; t < 7; t++) {
                        assertEquals(whole.getDouble(e + 1, u, t), steps[e][t][u], 0,
                                array.ordering() + " view=" + array.isView() + " at " + e + "," + u + "," + t);
                    }
                }
            }
        }
    }

    @Test
    void raggedSequencesAreRefused() {
        double[][][] ragged = {{{1}, {2}}, {{3}}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Batches.toNcw(ragged));
        assertTrue(e.getMessage().contains("example 1 has 1 steps, example 0 has 2"), e.getMessage());
    }

    @Test
    void wrongShapesAreRefusedWithTheShapeInTheMessage() {
        INDArray features = Nd4j.zeros(2, 3, 4);
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> Batches.fromArrays(features, Nd4j.zeros(2, 1), null, null));
        assertTrue(labels.getMessage().contains("labels has shape [2, 1]"), labels.getMessage());
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> Batches.fromArrays(features, Nd4j.zeros(2, 1, 4), null, Nd4j.ones(2, 1, 4)));
        assertTrue(mask.getMessage().contains("label mask has shape [2, 1, 4], expected [2, 4]"), mask.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> Batches.fromArrays(features, Nd4j.zeros(2, 1, 5), null, null));
        assertTrue(steps.getMessage().contains("differ"), steps.getMessage());
    }
}

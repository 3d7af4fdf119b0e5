package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.rnnlab.scratch.ScratchNetworkTest.assertMessage;

import org.junit.jupiter.api.Test;

class SequenceBatchTest {

    @Test
    void sizesComeFromTheArrays() {
        SequenceBatch batch = SequenceBatch.of(new double[3][4][2], new double[3][4][5]);
        assertEquals(3, batch.miniBatch());
        assertEquals(4, batch.timeSteps());
        assertEquals(2, batch.nIn());
        assertEquals(5, batch.nOut());
    }

    @Test
    void raggedOrMismatchedArraysAreRefused() {
        double[][][] ragged = {new double[4][2], new double[3][2]};
        assertMessage("features[1] has 3 steps, expected 4", () -> SequenceBatch.of(ragged, new double[2][4][1]));
        assertMessage("features have 2 examples but labels have 3",
                () -> SequenceBatch.of(new double[2][4][2], new double[3][4][1]));
        assertMessage("labels[0] has 2 steps, expected 4", () -> SequenceBatch.of(new double[1][4][2], new double[1][2][1]));
        double[][][] wideRow = {{{1, 2}, {1, 2, 3}}};
        assertMessage("features[0][1] has 3 units, expected 2", () -> SequenceBatch.of(wideRow, new double[1][2][1]));
        assertMessage("a sequence needs at least one", () -> SequenceBatch.of(new double[1][0][2], new double[1][0][1]));
        double[][][] nan = {{{Double.NaN}}};
        assertMessage("features[0][0][0] is NaN", () -> SequenceBatch.of(nan, new double[1][1][1]));
    }

    @Test
    void masksMustBeExamplesByStepsOfZeroOrOne() {
        double[][][] f = new double[2][3][1];
        double[][][] l = new double[2][3][1];
        assertMessage("feature mask has 1 examples, expected 2 (shape [mb][T])",
                () -> new SequenceBatch(f, l, new double[1][3], null));
        assertMessage("label mask[1] has 2 steps, expected 3 (shape [mb][T])",
                () -> new SequenceBatch(f, l, null, new double[][] {{1, 1, 1}, {1, 1}}));
        assertMessage("feature mask[0][2] is 0.5; masks hold 0 or 1",
                () -> new SequenceBatch(f, l, new double[][] {{1, 1, 0.5}, {1, 1, 1}}, null));
    }

    @Test
    void lastStepPutsEachLabelAtItsLastExistingStep() {
        double[][][] features = new double[2][4][1];
        double[][] featureMask = {{1, 1, 0, 0}, {1, 1, 1, 1}};
        SequenceBatch batch = SequenceBatch.lastStep(features, new double[][] {{0.3, 0.7}, {0.9, 0.1}}, featureMask);

        assertArrayEquals(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 1}}, batch.labelMask());
        assertArrayEquals(new double[] {0.3, 0.7}, batch.labels()[0][1]);
        assertArrayEquals(new double[] {0.9, 0.1}, batch.labels()[1][3]);
        assertArrayEquals(new double[] {0, 0}, batch.labels()[0][3]);
        assertEquals(1, batch.lastStep(0));

        SequenceBatch unmasked = SequenceBatch.lastStep(features, new double[][] {{1}, {2}}, null);
        assertArrayEquals(new double[][] {{0, 0, 0, 1}, {0, 0, 0, 1}}, unmasked.labelMask());
        assertMessage("labels[1] has 2 units, expected 1",
                () -> SequenceBatch.lastStep(features, new double[][] {{1}, {2, 3}}, null));
    }

    @Test
    void anExampleWithoutStepsHasNoLastStep() {
        SequenceBatch batch = new SequenceBatch(new double[2][2][1], new double[2][2][1],
                new double[][] {{1, 0}, {0, 0}}, null);
        assertMessage("example 1 has no step with feature mask 1", batch::lastStepMask);
    }

    @Test
    void stepsCutsEveryArrayAlongTime() {
        double[][][] features = {{{0}, {1}, {2}, {3}, {4}}};
        double[][][] labels = {{{10}, {11}, {12}, {13}, {14}}};
        SequenceBatch batch = new SequenceBatch(features, labels, new double[][] {{1, 1, 1, 1, 0}}, null);
        SequenceBatch segment = batch.steps(3, 5);

        assertEquals(2, segment.timeSteps());
        assertArrayEquals(new double[] {3}, segment.features()[0][0]);
        assertArrayEquals(new double[] {14}, segment.labels()[0][1]);
        assertArrayEquals(new double[] {1, 0}, segment.featureMask()[0]);
        assertNull(segment.labelMask());
        assertMessage("bad step range [4, 6) for 5 steps", () -> batch.steps(4, 6));
    }
}

package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.bridge.Batches;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.generate.TemporalOrder;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.testing.SettingsCopies;

/**
 * Temporal order's minibatches as the networks see them: sequences of 100 to 110 steps share one
 * padded block, so each must be scored at its own last real step (the B), with the class of its
 * own X/Y order, and the padding must add nothing to the score, the gradient or the evaluation.
 */
class TemporalOrderTaskTest {

    private static final int B = TemporalOrder.SYMBOLS.indexOf('B');
    private static final int X = TemporalOrder.SYMBOLS.indexOf('X');
    private static final int Y = TemporalOrder.SYMBOLS.indexOf('Y');

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @Test
    void everyTrainingSequenceIsLabelledWithItsOwnOrderAtItsOwnLastStep() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("temporal-order-lstm", dir,
                Map.of("hidden", "4", "batch", "16", "epoch.sequences", "48"));
        DataSetIterator data = TaskKinds.task(settings).trainingData(16);
        int sequences = 0;
        int[] lengths = new int[TemporalOrder.MAX_LENGTH + 1];
        for (int epoch = 0; epoch < 2; epoch++) {
            data.reset();
            while (data.hasNext()) {
                SequenceBatch batch = Batches.fromDataSet(data.next());
                assertNotNull(batch.labelMask(), "many-to-one: only the label step is scored");
                for (int e = 0; e < batch.miniBatch(); e++) {
                    int length = checkExample(batch, e);
                    lengths[length]++;
                    sequences++;
                }
            }
        }
        assertEquals(96, sequences);
        assertTrue(Arrays.stream(lengths).filter(n -> n > 0).count() > 5, "lengths vary: " + Arrays.toString(lengths));
    }

    /** Checks one example of a batch and returns its length. */
    private static int checkExample(SequenceBatch batch, int e) {
        int steps = batch.timeSteps();
        int length = steps;
        while (length > 0 && Arrays.stream(batch.features()[e][length - 1]).allMatch(v -> v == 0)) {
            length--;
        }
        assertTrue(length >= TemporalOrder.MIN_LENGTH && length <= TemporalOrder.MAX_LENGTH, "length " + length);
        assertEquals(1.0, batch.features()[e][length - 1][B], "the last real step is the B");
        int labelled = -1;
        for (int t = 0; t < steps; t++) {
            double expectedFeatureMask = t < length ? 1 : 0;
            if (batch.featureMask() != null) {
                assertEquals(expectedFeatureMask, batch.featureMask()[e][t], "feature mask at step " + t);
            } else {
                assertEquals(steps, length, "no feature mask: every sequence of the batch has all steps");
            }
            if (batch.labelMask()[e][t] != 0) {
                assertEquals(-1, labelled, "one label step");
                labelled = t;
            } else {
                assertEquals(0.0, Arrays.stream(batch.labels()[e][t]).sum(), "no label off the label step");
            }
        }
        assertEquals(length - 1, labelled, "the label sits on the sequence's own last step");
        List<Integer> marks = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            if (batch.features()[e][t][X] == 1 || batch.features()[e][t][Y] == 1) {
                marks.add(batch.features()[e][t][Y] == 1 ? 1 : 0);
            }
        }
        assertEquals(2, marks.size());
        int order = 2 * marks.get(0) + marks.get(1);
        double[] oneHot = new double[TemporalOrder.CLASSES];
        oneHot[order] = 1;
        assertTrue(Arrays.equals(oneHot, batch.labels()[e][labelled]),
                "class " + order + " (XX, XY, YX, YY) expected, label " + Arrays.toString(batch.labels()[e][labelled]));
        return length;
    }

    /**
     * The score and gradient of a padded minibatch are the mean and sum of its sequences' own, each
     * run alone without padding: the padded steps and the masked outputs contribute nothing. The
     * task's test metric is the same mean over its fixed test set.
     */
    @ParameterizedTest
    @ValueSource(strings = {"temporal-order-lstm", "temporal-order-simplernn"})
    void paddingAndMaskingChangeNeitherScoreNorGradientNorTestLoss(String name) throws IOException {
        ExperimentSettings settings = SettingsCopies.load(name, dir,
                Map.of("hidden", "3", "batch", "12", "epoch.sequences", "12", "test.sequences", "12"));
        ScratchNetwork network = new ScratchNetwork(settings.network(), 7);
        TemporalOrderTask task = (TemporalOrderTask) TaskKinds.task(settings);
        DataSetIterator data = task.trainingData(12);
        SequenceBatch batch = Batches.fromDataSet(data.next());
        assertNotNull(batch.featureMask(), "this draw mixes lengths");

        double[] gradient = new double[network.numParams()];
        double score = network.computeGradientAndScore(batch, gradient);
        double[] summed = new double[network.numParams()];
        double meanScore = 0;
        for (int e = 0; e < batch.miniBatch(); e++) {
            SequenceBatch alone = alone(batch, e);
            double[] own = new double[network.numParams()];
            meanScore += network.computeGradientAndScore(alone, own) / batch.miniBatch();
            for (int k = 0; k < own.length; k++) {
                summed[k] += own[k];
            }
        }
        assertEquals(meanScore, score, 1e-12);
        for (int k = 0; k < gradient.length; k++) {
            assertEquals(summed[k], gradient[k], 1e-12 * (1 + Math.abs(summed[k])), "gradient entry " + k);
        }

        ScratchTrainable trainable = ScratchTrainable.startingFrom(settings, network.params());
        double testLoss = task.measure(trainable.model()).get("test_loss");
        // the task's test set: the same draws from its test seed
        DataSetIterator test = SequenceIterators.generatedManyToOne(TemporalOrder.generator(),
                ((TemporalOrderTask.Settings) settings.task()).testSeed(), 12, false, TemporalOrder.CLASSES, false, 5);
        double expected = 0;
        int count = 0;
        test.reset();
        while (test.hasNext()) {
            SequenceBatch testBatch = Batches.fromDataSet(test.next());
            for (int e = 0; e < testBatch.miniBatch(); e++) {
                expected += network.score(alone(testBatch, e));
                count++;
            }
        }
        assertEquals(12, count);
        assertEquals(expected / count, testLoss, 1e-12);
    }

    /** Example e of a batch on its own: its real steps only, labelled at its last step. */
    private static SequenceBatch alone(SequenceBatch batch, int e) {
        int length = batch.lastStep(e) + 1;
        double[][][] features = {Arrays.copyOf(batch.features()[e], length)};
        double[][] label = {batch.labels()[e][batch.lastStep(e)]};
        return SequenceBatch.lastStep(features, label, null);
    }
}

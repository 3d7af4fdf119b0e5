package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.testing.SettingsCopies;

/**
 * The generation protocol, checked with a model that knows the answer: a sine sampled at spacing
 * Δ obeys x[k+1] = 2·cos(Δ)·x[k] − x[k−1], so a "network" that remembers its previous input
 * continues the curve exactly once it has seen two true values.
 */
class SineGenerationTaskTest {

    private static final double SPACING = 10.0 / 49;

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @Test
    void aModelThatContinuesTheSineExactlyScoresZeroAfterAWarmUp() throws IOException {
        SineGenerationTask task = task(Map.of("generation.warmup", "3"));
        SineGenerationTask.Generation generation = task.generate(new SineRecurrence());
        for (double rmse : generation.rmse()) {
            assertEquals(0.0, rmse, 1e-10);
        }
        // The generated curve is the true one, step for step: targets are aligned with predictions.
        assertEquals(generation.truth()[1][generation.prefix() + 49], generation.generated()[1][48], 1e-10);
    }

    @Test
    void withoutAWarmUpTheSameModelCannotKnowTheSlopeAndIsWrong() throws IOException {
        SineGenerationTask task = task(Map.of("generation.warmup", "0"));
        SineGenerationTask.Generation generation = task.generate(new SineRecurrence());
        assertTrue(generation.meanRmse() > 0.05, "rmse " + generation.meanRmse());
    }

    @Test
    void aWarmUpLongerThanTheTruePrefixIsRefusedWhenTheTaskIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> task(Map.of("generation.warmup", "60")));
        assertTrue(e.getMessage().contains("generation.warmup = 60") && e.getMessage().contains("49"), e.getMessage());
    }

    private SineGenerationTask task(Map<String, String> changes) throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e3-sine-warmup-simplernn", dir, changes);
        return new SineGenerationTask((SineGenerationTask.Settings) settings.task(), 1);
    }

    /** x[k+1] = 2·cos(Δ)·x[k] − x[k−1]; with no previous input it can only repeat the input. */
    private static final class SineRecurrence implements SequenceModel {
        private INDArray previous;

        @Override
        public INDArray output(INDArray features, INDArray featureMask) {
            throw new UnsupportedOperationException("generation only steps");
        }

        @Override
        public void clearState() {
            previous = null;
        }

        @Override
        public INDArray timeStep(INDArray input) {
            INDArray next = previous == null ? input.dup() : input.mul(2 * Math.cos(SPACING)).sub(previous);
            previous = input.dup();
            return next;
        }
    }
}

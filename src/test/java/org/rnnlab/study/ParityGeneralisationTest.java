package org.rnnlab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.LetterParityTask;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.study.ParityGeneralisation.Outcome;
import org.rnnlab.study.ParityGeneralisation.Study;
import org.rnnlab.study.ParityGeneralisation.Variant;
import org.rnnlab.testing.SettingsCopies;

/** The parity study: retrains a settings file from several seeds and counts what each training gets right. */
class ParityGeneralisationTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void trainingsOnEveryStringAreCountedAsGettingEverythingRight(Implementation implementation) throws IOException {
        // trained on all 81 strings, a network that fits its training data is right on every set
        ExperimentSettings settings = SettingsCopies.load("e1-letter-parity-all81-lstm", dir, Map.of("epochs", "400"));
        Study study = ParityGeneralisation.run(new Variant(settings, 4), List.of(1L, 2L), implementation);
        assertEquals(implementation, study.implementation());

        assertEquals(2, study.outcomes().size());
        assertEquals(List.of(1L, 2L), study.outcomes().stream().map(Outcome::seed).toList());
        for (Outcome outcome : study.outcomes()) {
            assertFalse(outcome.diverged());
            assertEquals(outcome.accuracy().train() == 1.0, outcome.allCorrect(), outcome.toString());
        }
        assertTrue(study.allCorrect() >= 1, "at least one of two seeds learns all 81: " + study.outcomes());
        assertEquals(study.fitTraining(), study.wideAccuracyWhenFit().length);
    }

    @Test
    void differentSeedsGiveDifferentTrainings() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e1-letter-parity-lstm", dir, Map.of("epochs", "20"));
        Variant variant = new Variant(settings, 3);
        ExperimentSettings one = variant.withSeed(1);
        ExperimentSettings two = variant.withSeed(2);
        assertEquals(3, one.network().hidden());
        assertEquals(1, one.training().seed());
        assertEquals("3", one.written().get("hidden"));
        assertEquals(settings.training().epochs(), two.training().epochs());
        assertFalse(Arrays.equals(ScratchTrainable.create(one).parameters(),
                ScratchTrainable.create(two).parameters()));
    }

    @Test
    void outcomesCountAsAllCorrectOnlyWhenEverySetIsRight() {
        Outcome all = new Outcome(1, false, new LetterParityTask.Accuracies(1, 1, 1));
        Outcome wideMissed = new Outcome(2, false, new LetterParityTask.Accuracies(1, 1, 80.0 / 81));
        Outcome diverged = new Outcome(3, true, new LetterParityTask.Accuracies(Double.NaN, Double.NaN, Double.NaN));
        assertTrue(all.allCorrect());
        assertFalse(wideMissed.allCorrect());
        assertTrue(wideMissed.fitsTraining());
        assertFalse(diverged.allCorrect());
        assertFalse(diverged.fitsTraining());
    }

    @Test
    void onlyLetterParitySettingsCanBeStudied() throws IOException {
        ExperimentSettings sine = SettingsCopies.load("e4-sine-slow-simplernn", dir, Map.of());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Variant(sine, 2));
        assertTrue(error.getMessage().contains("letter-parity"), error.getMessage());
        ExperimentSettings parity = SettingsCopies.load("e1-letter-parity-lstm", dir, Map.of());
        assertThrows(IllegalArgumentException.class, () -> new Variant(parity, 0));
        assertThrows(IllegalArgumentException.class, () -> ParityGeneralisation.run(new Variant(parity, 2), List.of()));
    }
}

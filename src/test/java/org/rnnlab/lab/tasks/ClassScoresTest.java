package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.EvaluationAveraging;
import org.rnnlab.dl4j.Backend;

/** The scores of hand-made predictions against the same numbers computed by hand. */
class ClassScoresTest {

    private static final double TOLERANCE = 1e-15;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    /**
     * Ten examples of three classes. Confusion (rows true, columns predicted): [3 1 0], [0 3 0], [2 0 1].
     * Class 0: 3 right of 5 predicted, 3 of 4 found: P 3/5, R 3/4, F1 2/3. Class 1: P 3/4, R 1,
     * F1 6/7. Class 2: P 1, R 1/3, F1 1/2. Accuracy 7/10, macro F1 (2/3 + 6/7 + 1/2) / 3 = 85/126.
     */
    @Test
    void testHandMadeConfusionGivesHandComputedScores() {
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 0, 1, 1, 1, 1, 2, 0, 0};
        ClassPredictions predictions = predictions(actual, predicted, 3);
        ClassScores scores = predictions.scores();

        assertEquals(0.7, scores.accuracy(), TOLERANCE);
        assertEquals(0.7, predictions.accuracy(), TOLERANCE);
        assertArrayEquals(new double[] {3.0 / 5, 3.0 / 4, 1.0}, scores.precision(), TOLERANCE);
        assertArrayEquals(new double[] {3.0 / 4, 1.0, 1.0 / 3}, scores.recall(), TOLERANCE);
        assertArrayEquals(new double[] {2.0 / 3, 6.0 / 7, 1.0 / 2}, scores.f1(), TOLERANCE);
        assertEquals(85.0 / 126, scores.macroF1(), TOLERANCE);
        assertArrayEquals(new int[] {3, 1, 0}, scores.confusion()[0]);
        assertArrayEquals(new int[] {0, 3, 0}, scores.confusion()[1]);
        assertArrayEquals(new int[] {2, 0, 1}, scores.confusion()[2]);
        assertEquals(List.of(3, 8, 9), predictions.misclassified());
        // 7 right answers at p = 0.7, 3 wrong ones whose true class got p = 0.1
        assertEquals((7 * -Math.log(0.7) + 3 * -Math.log(0.1)) / 10, predictions.crossEntropy(), TOLERANCE);
    }

    /**
     * A class that is never predicted has F1 0 and counts in the macro mean; DL4J's own macro F1
     * leaves it out. Class 1: P 2/4, R 1, F1 2/3; class 0: F1 1; class 2: F1 0; a fourth class
     * that neither occurs nor is predicted is not averaged.
     */
    @Test
    void testAClassNeverPredictedCountsAsZeroInMacroF1() {
        ClassPredictions predictions = predictions(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 1, 1, 1}, 4);
        ClassScores scores = predictions.scores();

        assertArrayEquals(new double[] {1.0, 2.0 / 3, 0.0, 0.0}, scores.f1(), TOLERANCE);
        assertEquals((1.0 + 2.0 / 3 + 0.0) / 3, scores.macroF1(), TOLERANCE);
        assertEquals((1.0 + 2.0 / 3) / 2, predictions.evaluation().f1(EvaluationAveraging.Macro), TOLERANCE,
                "DL4J's macro F1 skips the class it cannot score");
    }

    @Test
    void testPredictionsThatDoNotFitTheirClassesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassPredictions(new int[] {3}, new double[][] {{0.5, 0.5}}, new int[] {4}));
        assertEquals(true, e.getMessage().contains("class 3 with 2 outputs"), e.getMessage());
    }

    /** Outputs of 0.7 for the predicted class and 0.1 or the rest shared for the others. */
    private static ClassPredictions predictions(int[] actual, int[] predicted, int classes) {
        double[][] probabilities = new double[actual.length][classes];
        int[] steps = new int[actual.length];
        for (int i = 0; i < actual.length; i++) {
            double rest = 0.3;
            if (actual[i] != predicted[i]) {
                probabilities[i][actual[i]] = 0.1;
                rest -= 0.1;
            }
            for (int k = 0; k < classes; k++) {
                if (k != predicted[i] && k != actual[i]) {
                    probabilities[i][k] = rest / (classes - (actual[i] == predicted[i] ? 1 : 2));
                }
            }
            probabilities[i][predicted[i]] = 0.7;
            steps[i] = 5;
        }
        return new ClassPredictions(actual, probabilities, steps);
    }
}

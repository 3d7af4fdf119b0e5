package org.rnnlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rnnlab.data.files.LabelledSequence;

/**
 * The Bayes classifier of the control chart series: its likelihoods on series made by hand, that
 * the generator's own series fit their classes, and what it makes of the committed sets.
 */
class ControlChartBayesTest {

    private static final double E = ControlChartBayes.TOLERANCE;
    private static final int SHIFT_STEPS = ControlChartBayes.LAST_SHIFT_STEP - ControlChartBayes.FIRST_SHIFT_STEP + 1;

    private final ControlChartBayes bayes = new ControlChartBayes();

    @Test
    void aFlatSeriesIsNormalAndNothingElse() {
        double[] flat = constant(60, 30);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0}, bayes.likelihoods(flat));
        assertArrayEquals(new int[] {0}, bayes.decide(flat).best());
    }

    @Test
    void aShortFlatSeriesMayStillBeAShiftThatHasNotBegun() {
        double[] flat = constant(30, 30);
        double[] likelihoods = bayes.likelihoods(flat);
        // t3 = 31..40 fall after the last step: 10 of the 21 shift steps leave the series normal
        assertEquals(10.0 / SHIFT_STEPS, likelihoods[4]);
        assertEquals(10.0 / SHIFT_STEPS, likelihoods[5]);
        // the gentlest trend, 0.2·30 = 6 at the end, fits only by the rounding allowance: g <= E/30
        assertEquals(E / 30 - 0.2, likelihoods[2] * 0.3, 1e-12);
        assertTrue(likelihoods[2] < 1e-5);
        assertEquals(1, likelihoods[0]);
        assertArrayEquals(new int[] {0}, bayes.decide(flat).best());
    }

    @Test
    void aStraightLineFitsTheGradientsWithinTheToleranceOverItsLength() {
        double[] line = new double[60];
        for (int t = 1; t <= 60; t++) {
            line[t - 1] = 30 + 0.3 * t;
        }
        double[] likelihoods = bayes.likelihoods(line);
        // g in [0.3 - E/60, 0.3 + E/60] = [0.2, 0.4] (the lower end just below 0.2, cut by the prior)
        assertEquals((0.3 + E / 60 - 0.2) / 0.3, likelihoods[2], 1e-12);
        assertEquals(0, likelihoods[0], "the line ends 18 above the level");
        assertEquals(0, likelihoods[3]);
        assertArrayEquals(new int[] {2}, bayes.decide(line).best());
        // the same line falling
        double[] falling = Arrays.stream(line).map(y -> 60 - y).toArray();
        assertEquals(likelihoods[2], ControlChartBayes.trend(falling, -1), 1e-12);
        assertEquals(0, ControlChartBayes.trend(falling, 1));
    }

    @Test
    void aStepFitsOnlyItsOwnShiftStep() {
        double[] step = constant(60, 30);
        for (int t = 30; t <= 60; t++) {
            step[t - 1] = 40;
        }
        for (int t3 = ControlChartBayes.FIRST_SHIFT_STEP; t3 <= ControlChartBayes.LAST_SHIFT_STEP; t3++) {
            double expected = t3 == 30 ? (10 + E - 7.5) / 12.5 : 0;
            assertEquals(expected, ControlChartBayes.shiftAt(step, 1, t3), 1e-12, "t3 = " + t3);
        }
        assertEquals((10 + E - 7.5) / 12.5 / SHIFT_STEPS, ControlChartBayes.shift(step, 1), 1e-12);
        assertEquals(0, ControlChartBayes.shift(step, -1));
        assertArrayEquals(new int[] {4}, bayes.decide(step).best());
    }

    @Test
    void theCyclicFractionAgreesWithATwoDimensionalGrid() {
        double[] sine = new double[60];
        for (int t = 1; t <= 60; t++) {
            sine[t - 1] = 30 + 12 * Math.sin(2 * Math.PI * t / 12.5);
        }
        int n = 250;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            double amplitude = 10 + (i + 0.5) * 5 / n;
            for (int j = 0; j < n; j++) {
                double period = 10 + (j + 0.5) * 5 / n;
                boolean fits = true;
                for (int t = 1; t <= 60 && fits; t++) {
                    fits = Math.abs(sine[t - 1] - 30 - amplitude * Math.sin(2 * Math.PI * t / period)) <= E;
                }
                inside += fits ? 1 : 0;
            }
        }
        double grid = (double) inside / n / n;
        double cyclic = bayes.cyclic(sine);
        assertTrue(grid > 0.005, "the window is several grid cells wide: " + grid);
        assertEquals(grid, cyclic, 0.05 * grid);
        assertEquals(new ControlChartBayes(20).cyclic(sine), cyclic, 1e-3 * cyclic, "finer cells change little");
        assertArrayEquals(new int[] {1}, bayes.decide(sine).best());
    }

    @Test
    void theBoundNeverDropsACellWithAConsistentPeriod() {
        SplittableRandom random = new SplittableRandom(5);
        int checked = 0;
        for (int i = 0; i < 40; i++) {
            double[] series = ControlChartGenerator.series(1, random);
            for (int k = 0; k < 200; k++) {
                double from = random.nextDouble(10, 15);
                double to = Math.min(15, from + random.nextDouble(0, 0.5));
                double inside = random.nextDouble(from, to);
                if (ControlChartBayes.amplitudes(series, inside) > 0) {
                    checked++;
                    assertTrue(ControlChartBayes.possible(series, from, to), "period " + inside + " in [" + from
                            + ", " + to + "] fits series " + i);
                }
            }
        }
        assertTrue(checked > 100, "the check saw consistent periods: " + checked);
    }

    @Test
    void everyGeneratedSeriesFitsItsOwnClassFullOrCut() {
        SplittableRandom random = new SplittableRandom(11);
        for (int label = 0; label < ControlChartGenerator.CLASSES; label++) {
            for (int i = 0; i < 40; i++) {
                double[] series = ControlChartGenerator.series(label, random);
                int length = random.nextInt(ControlChartGenerator.SHORTEST, ControlChartGenerator.LENGTH + 1);
                assertTrue(bayes.likelihoods(series)[label] > 0, "class " + label + ", series " + i);
                assertTrue(bayes.likelihoods(Arrays.copyOf(series, length))[label] > 0,
                        "class " + label + ", series " + i + " cut to " + length);
            }
        }
    }

    @Test
    void theFullLengthTestSetIsClassifiedAlmostPerfectly() {
        ControlChartBayes.Score score = bayes.score(ControlChartGenerator.generate(ControlChartGenerator.SEED).test());
        assertEquals(150, score.series());
        assertEquals(0, score.unexplained());
        assertTrue(score.accuracy() >= 0.99, "accuracy " + score.accuracy());
    }

    @Test
    void onTheVariableLengthTestSetEveryShiftCutBeforeItBeginsIsLost() {
        TrainTestSplit full = ControlChartGenerator.generate(ControlChartGenerator.SEED);
        TrainTestSplit cut = ControlChartGenerator.generateVariableLength(ControlChartGenerator.SEED);
        Replay replay = Replay.of(ControlChartGenerator.SEED);
        assertEquals(full, new TrainTestSplit(replay.train(), replay.test()), "the replay draws what the generator did");

        List<Integer> beforeShift = new ArrayList<>();
        for (int i = 0; i < replay.test().size(); i++) {
            if (replay.testShiftSteps()[i] > cut.test().get(i).length()) {
                beforeShift.add(i);
            }
        }
        assertEquals(List.of(9, 26, 36, 66, 82, 95, 99), beforeShift);

        // from the series alone: six certainly, one (95) only possibly, started after the cut
        List<Integer> certain = ControlChartBayes.cutBeforeShift(full.test(), cut.test());
        List<Integer> possible = ControlChartBayes.maybeCutBeforeShift(full.test(), cut.test());
        assertTrue(beforeShift.containsAll(certain), certain.toString());
        List<Integer> either = new ArrayList<>(certain);
        either.addAll(possible);
        assertTrue(either.containsAll(beforeShift), either.toString());

        // each looks normal (likelihood 1), and a shift fits less of its prior, so normal wins
        for (int i : beforeShift) {
            ControlChartBayes.Decision decision = bayes.decide(cut.test().get(i).values());
            assertEquals(1, decision.likelihoods()[0], "series " + i);
            assertEquals(0, decision.credit(cut.test().get(i).label()), "series " + i);
        }
        ControlChartBayes.Score score = bayes.score(cut.test());
        assertEquals(0, score.unexplained());
        double bound = 1 - (double) beforeShift.size() / score.series();
        assertTrue(score.accuracy() <= bound + 1e-12, score.accuracy() + " above " + bound);
        assertTrue(score.accuracy() > 0.9, "the rest is told apart: " + score.accuracy());
    }

    @Test
    void freshCutSeriesStayBelowTheBoundOfShiftsCutBeforeTheyBegin() {
        // t3 > L for L = 30..39: 10 + 9 + ... + 1 = 55 of the 21·31 pairs
        assertEquals(55.0 / (21 * 31), ControlChartBayes.cutBeforeShiftProbability(), 1e-15);
        ControlChartBayes.Expectation expected = bayes.expected(60, 3);
        assertEquals(360, expected.variable().series());
        assertEquals(0, expected.full().unexplained() + expected.variable().unexplained());
        // an estimate from 360 series: within about three of its standard deviations (0.009)
        assertTrue(expected.variable().accuracy() <= ControlChartBayes.variableLengthBound() + 0.03,
                expected.variable().accuracy() + " against " + ControlChartBayes.variableLengthBound());
        assertTrue(expected.full().accuracy() >= expected.variable().accuracy());
        // whatever Bayes loses on cut series it calls normal, or a tie
        double[][] confusion = expected.variable().confusion();
        for (int label = 0; label < ControlChartGenerator.CLASSES; label++) {
            for (int decided = 1; decided < ControlChartGenerator.CLASSES; decided++) {
                if (decided != label) {
                    assertEquals(0, confusion[label][decided], label + " called " + decided);
                }
            }
        }
    }

    @Test
    void tiesShareTheirCreditAndTheIntervalHoldsTheAccuracy() {
        ControlChartBayes.Decision tie = new ControlChartBayes.Decision(new double[] {1, 0, 0, 0, 1, 0}, new int[] {0, 4});
        assertEquals(0.5, tie.credit(4));
        assertEquals(0, tie.credit(1));
        ControlChartBayes.Score score = new ControlChartBayes.Score(new double[][] {{9, 1}, {1.5, 8.5}}, 20, 1, 0);
        assertEquals(17.5 / 20, score.accuracy(), 1e-15);
        double[] interval = score.interval();
        assertTrue(interval[0] < score.accuracy() && score.accuracy() < interval[1], Arrays.toString(interval));
        // Wilson's interval for 17.5 of 20
        assertEquals(0.6687, interval[0], 1e-4);
        assertEquals(0.9604, interval[1], 1e-4);
    }

    private static double[] constant(int length, double value) {
        double[] series = new double[length];
        Arrays.fill(series, value);
        return series;
    }

    /**
     * The generator's draws done again in the order its Javadoc gives, keeping each shift series'
     * t3 (drawn here, where the generator keeps it to itself); every other series is drawn by the
     * generator itself from the same stream.
     */
    private record Replay(List<LabelledSequence> train, List<LabelledSequence> test, int[] testShiftSteps) {

        static Replay of(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            List<LabelledSequence> train = new ArrayList<>();
            List<LabelledSequence> test = new ArrayList<>();
            List<Integer> trainSteps = new ArrayList<>();
            List<Integer> testSteps = new ArrayList<>();
            for (int label = 0; label < ControlChartGenerator.CLASSES; label++) {
                int sign = ControlChartBayes.shiftSign(label);
                for (int i = 0; i < ControlChartGenerator.PER_CLASS; i++) {
                    double[] values;
                    int shiftStep = 0;
                    if (sign == 0) {
                        values = ControlChartGenerator.series(label, random);
                    } else {
                        double shift = random.nextDouble(7.5, 20);
                        shiftStep = random.nextInt(20, 41);
                        values = new double[ControlChartGenerator.LENGTH];
                        for (int t = 1; t <= values.length; t++) {
                            double y = 30 + random.nextDouble(-3, 3) * 2;
                            y += t >= shiftStep ? sign * shift : 0;
                            values[t - 1] = Math.round(y * 1e4) / 1e4;
                        }
                    }
                    boolean training = i < ControlChartGenerator.TRAIN_PER_CLASS;
                    (training ? train : test).add(new LabelledSequence(label, values));
                    (training ? trainSteps : testSteps).add(shiftStep);
                }
            }
            shuffle(train, trainSteps, random);
            shuffle(test, testSteps, random);
            return new Replay(train, test, testSteps.stream().mapToInt(Integer::intValue).toArray());
        }

        private static void shuffle(List<LabelledSequence> list, List<Integer> steps, SplittableRandom random) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                list.set(i, list.set(j, list.get(i)));
                steps.set(i, steps.set(j, steps.get(i)));
            }
        }
    }
}

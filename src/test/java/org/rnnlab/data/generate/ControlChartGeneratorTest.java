package org.rnnlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.datavec.GeneratedSequenceReader;
import org.rnnlab.data.files.LabelledSequence;

/** The control chart generator: deterministic, balanced, and each class shows the pattern it is named for. */
class ControlChartGeneratorTest {

    private static final TrainTestSplit SPLIT = ControlChartGenerator.generate(ControlChartGenerator.SEED);

    @Test
    void sameSeedGivesTheSameSeriesAndAnotherSeedOthers() {
        assertEquals(SPLIT, ControlChartGenerator.generate(ControlChartGenerator.SEED));
        TrainTestSplit other = ControlChartGenerator.generate(ControlChartGenerator.SEED + 1);
        assertNotEquals(SPLIT.train().get(0), other.train().get(0));
    }

    @Test
    void everyClassHas75TrainingAnd25TestSeriesInShuffledOrder() {
        assertEquals(450, SPLIT.train().size());
        assertEquals(150, SPLIT.test().size());
        for (int label = 0; label < ControlChartGenerator.CLASSES; label++) {
            assertEquals(75, count(SPLIT.train(), label), "training series of class " + label);
            assertEquals(25, count(SPLIT.test(), label), "test series of class " + label);
        }
        List<Integer> firstLabels = new ArrayList<>();
        SPLIT.train().subList(0, 20).forEach(s -> firstLabels.add(s.label()));
        assertTrue(firstLabels.stream().distinct().count() >= 4, "shuffled, not class by class: " + firstLabels);
        for (LabelledSequence sequence : SPLIT.train()) {
            assertEquals(60, sequence.length());
        }
    }

    @Test
    void valuesHaveFourDecimalsAndReadBackExactly() {
        for (LabelledSequence sequence : SPLIT.test()) {
            for (double value : sequence.values()) {
                String text = ControlChartGenerator.format(value);
                assertEquals(4, text.length() - text.indexOf('.') - 1, text);
                assertEquals(value, Double.parseDouble(text), 0.0, text);
            }
        }
    }

    @Test
    void cyclicSeriesOscillateAndNormalSeriesDoNot() {
        for (LabelledSequence sequence : SPLIT.train()) {
            double halfPeriodCorrelation = minAutocorrelation(sequence.values(), 5, 8);
            if (sequence.label() == 1) {
                assertTrue(halfPeriodCorrelation < -0.5, "a cyclic series anti-correlates half a period (5..7.5 steps)"
                        + " apart: " + halfPeriodCorrelation);
            } else if (sequence.label() == 0) {
                assertTrue(halfPeriodCorrelation > -0.5, "noise alone does not: " + halfPeriodCorrelation);
            }
        }
    }

    @Test
    void trendsSlopeAndShiftsStepTheWayTheirNamesSay() {
        for (LabelledSequence sequence : SPLIT.train()) {
            double[] y = sequence.values();
            double slope = slope(y);
            double jump = mean(y, 45, 60) - mean(y, 0, 15);
            switch (sequence.label()) {
                case 0, 1 -> assertTrue(Math.abs(slope) < 0.15, "no trend: " + slope);
                case 2 -> assertTrue(slope > 0.15, "increasing: " + slope);
                case 3 -> assertTrue(slope < -0.15, "decreasing: " + slope);
                // the shift starts by step 40, so steps 46..60 carry it and steps 1..15 do not
                case 4 -> assertTrue(jump > 4, "upward shift: " + jump);
                case 5 -> assertTrue(jump < -4, "downward shift: " + jump);
                default -> throw new AssertionError("class " + sequence.label());
            }
        }
    }

    @Test
    void normalSeriesStayWithinLevelPlusOrMinusSix() {
        double[] y = ControlChartGenerator.series(0, new SplittableRandom(5));
        for (double value : y) {
            assertTrue(value >= 24 && value <= 36, "m ± 3·s: " + value);
        }
        assertThrows(IllegalArgumentException.class, () -> ControlChartGenerator.series(6, new SplittableRandom(5)));
    }

    @Test
    void variableLengthSeriesArePrefixesOfLength30To60() {
        TrainTestSplit variable = ControlChartGenerator.generateVariableLength(ControlChartGenerator.SEED);
        assertEquals(variable, ControlChartGenerator.generateVariableLength(ControlChartGenerator.SEED));
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (int i = 0; i < SPLIT.train().size(); i++) {
            LabelledSequence cut = variable.train().get(i);
            assertEquals(SPLIT.train().get(i).prefix(cut.length()), cut, "sequence " + i);
            shortest = Math.min(shortest, cut.length());
            longest = Math.max(longest, cut.length());
        }
        assertEquals(30, shortest);
        assertEquals(60, longest);
        assertEquals(SPLIT.test().get(0).label(), variable.test().get(0).label());
    }

    private static long count(List<LabelledSequence> sequences, int label) {
        return sequences.stream().filter(s -> s.label() == label).count();
    }

    /** The lowest autocorrelation of {@code y} over lags from..to. */
    private static double minAutocorrelation(double[] y, int from, int to) {
        double mean = mean(y, 0, y.length);
        double variance = 0;
        for (double v : y) {
            variance += (v - mean) * (v - mean);
        }
        double lowest = Double.MAX_VALUE;
        for (int lag = from; lag <= to; lag++) {
            double sum = 0;
            for (int t = lag; t < y.length; t++) {
                sum += (y[t] - mean) * (y[t - lag] - mean);
            }
            lowest = Math.min(lowest, sum / variance);
        }
        return lowest;
    }

    /** Least-squares slope of y against t. */
    private static double slope(double[] y) {
        double tMean = (y.length - 1) / 2.0;
        double yMean = mean(y, 0, y.length);
        double num = 0;
        double den = 0;
        for (int t = 0; t < y.length; t++) {
            num += (t - tMean) * (y[t] - yMean);
            den += (t - tMean) * (t - tMean);
        }
        return num / den;
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int t = from; t < to; t++) {
            sum += y[t];
        }
        return sum / (to - from);
    }

    @Test
    void freshSequencesAreControlChartsOfEveryClassAndTheSameForTheSameSeed() {
        List<GeneratedSequence> full = GeneratedSequenceReader.draw(ControlChartGenerator.sequences(false), 3, 600);
        List<GeneratedSequence> cut = GeneratedSequenceReader.draw(ControlChartGenerator.sequences(true), 3, 600);
        int[] perClass = new int[ControlChartGenerator.CLASSES];
        for (int i = 0; i < full.size(); i++) {
            LabelledSequence whole = ControlChartGenerator.labelled(full.get(i));
            LabelledSequence prefix = ControlChartGenerator.labelled(cut.get(i));
            assertEquals(ControlChartGenerator.LENGTH, whole.length());
            assertTrue(prefix.length() >= ControlChartGenerator.SHORTEST && prefix.length() <= ControlChartGenerator.LENGTH,
                    "length " + prefix.length());
            // the same draws, then the length: a cut series is a prefix of the full one
            assertEquals(whole.prefix(prefix.length()), prefix);
            assertEquals(1, full.get(i).labels().length, "one label step");
            perClass[whole.label()]++;
        }
        for (int count : perClass) {
            assertTrue(count > 70 && count < 130, "classes drawn uniformly: " + java.util.Arrays.toString(perClass));
        }
        List<GeneratedSequence> again = GeneratedSequenceReader.draw(ControlChartGenerator.sequences(true), 3, 600);
        for (int i = 0; i < cut.size(); i++) {
            assertEquals(ControlChartGenerator.labelled(cut.get(i)), ControlChartGenerator.labelled(again.get(i)));
        }
        assertNotEquals(ControlChartGenerator.labelled(cut.get(0)), ControlChartGenerator.labelled(
                GeneratedSequenceReader.draw(ControlChartGenerator.sequences(true), 4, 1).get(0)));
    }
}

package org.rnnlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.datavec.GeneratedSequenceReader;
import org.rnnlab.data.datavec.SequenceIterators;

/** The long-lag generators: what their sequences hold, their statistics, and how DataVec reads them. */
class LongLagGeneratorsTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void addingSequencesMarkOneValueInEachHalfAndAddThem() {
        Random random = new Random(3);
        SequenceGenerator adding = AddingProblem.of(20);
        double sumOfTargets = 0;
        double squaredErrorOfOne = 0;
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            GeneratedSequence s = adding.draw(random);
            assertEquals(20, s.features().length);
            int first = -1;
            int second = -1;
            for (int t = 0; t < 20; t++) {
                assertTrue(s.features()[t][0] >= 0 && s.features()[t][0] < 1);
                if (s.features()[t][1] == 1) {
                    if (first < 0) {
                        first = t;
                    } else {
                        assertEquals(-1, second, "exactly two markers");
                        second = t;
                    }
                } else {
                    assertEquals(0, s.features()[t][1]);
                }
            }
            assertTrue(first >= 0 && first < 10 && second >= 10 && second < 20, first + ", " + second);
            double target = s.labels()[0][0];
            assertEquals(s.features()[first][0] + s.features()[second][0], target, 0);
            sumOfTargets += target;
            squaredErrorOfOne += (target - 1) * (target - 1);
        }
        // mean 1 and, predicting 1, MSE 1/6; standard errors about 0.003 and 0.0015
        assertEquals(1.0, sumOfTargets / draws, 0.015);
        assertEquals(AddingProblem.CHANCE_MSE, squaredErrorOfOne / draws, 0.008);
        assertThrows(IllegalArgumentException.class, () -> AddingProblem.of(7));
    }

    @Test
    void temporalOrderSequencesFollowTask6a() {
        Random random = new Random(5);
        int[] perClass = new int[TemporalOrder.CLASSES];
        for (int i = 0; i < 4000; i++) {
            GeneratedSequence s = TemporalOrder.generator().draw(random);
            String text = TemporalOrder.symbols(s);
            assertEquals(s.features().length, text.length(), "one symbol per step");
            assertTrue(text.length() >= 100 && text.length() <= 110, text);
            assertEquals('E', text.charAt(0));
            assertEquals('B', text.charAt(text.length() - 1));
            String middle = text.substring(1, text.length() - 1);
            assertTrue(middle.matches("[abcdXY]+"), middle);
            List<Integer> marks = new java.util.ArrayList<>();
            for (int t = 0; t < text.length(); t++) {
                if (text.charAt(t) == 'X' || text.charAt(t) == 'Y') {
                    marks.add(t);
                }
            }
            assertEquals(2, marks.size(), text);
            assertTrue(marks.get(0) >= 10 && marks.get(0) <= 20 && marks.get(1) >= 50 && marks.get(1) <= 60, text);
            int label = (int) s.labels()[0][0];
            int expected = (text.charAt(marks.get(0)) == 'Y' ? 2 : 0) + (text.charAt(marks.get(1)) == 'Y' ? 1 : 0);
            assertEquals(expected, label, text);
            perClass[label]++;
        }
        for (int count : perClass) {
            assertEquals(1000, count, 100, "classes are equally likely");
        }
    }

    @Test
    void embeddedReberStringsRepeatTheirSecondSymbolAndKnowWhatMayFollow() {
        Random random = new Random(11);
        int longest = 0;
        for (int i = 0; i < 2000; i++) {
            String text = EmbeddedReber.string(random);
            assertTrue(text.matches("B[TP]B(T|P)[TPSXV]*E[TP]E"), text);
            assertEquals(text.charAt(1), text.charAt(text.length() - 2), text);
            GeneratedSequence s = EmbeddedReber.sequence(text);
            assertEquals(text.length() - 1, s.features().length);
            for (int t = 0; t + 1 < text.length(); t++) {
                int next = EmbeddedReber.SYMBOLS.indexOf(text.charAt(t + 1));
                assertEquals(1, s.labels()[t][next], "the symbol that came next was possible: " + text + " at " + t);
            }
            longest = Math.max(longest, text.length());
        }
        assertTrue(longest > 20, "lengths vary: longest " + longest);
        // a string worked out by hand: inner BTXSE (0 -B-> 1 -T-> 2 -X-> 4 -S-> 6 -E->)
        assertEquals(List.of("TP", "B", "TP", "SX", "XS", "E", "P", "E"), EmbeddedReber.possibleNext("BPBTXSEPE"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedReber.possibleNext("BPBTXSETE"));
    }

    @Test
    void aReaderPairDrawsTheSameSequencesPerSeedAndNewOnesEachEpoch() {
        DataSetIterator first = SequenceIterators.generatedManyToOne(AddingProblem.of(10), 42, 6, true, 1, true, 6);
        DataSetIterator again = SequenceIterators.generatedManyToOne(AddingProblem.of(10), 42, 6, true, 1, true, 6);
        DataSet a = first.next();
        assertEquals(a.getFeatures(), again.next().getFeatures(), "same seed, same sequences");
        // the label at the last step is the sum of the marked values: features and labels are paired
        for (int i = 0; i < 6; i++) {
            double sum = 0;
            for (int t = 0; t < 10; t++) {
                sum += a.getFeatures().getDouble(i, 0, t) * a.getFeatures().getDouble(i, 1, t);
            }
            assertEquals(sum, a.getLabels().getDouble(i, 0, 9), 1e-12);
        }
        first.reset();
        assertNotEquals(a.getFeatures(), first.next().getFeatures(), "a new epoch draws new sequences");

        DataSetIterator fixed = SequenceIterators.generatedManyToOne(AddingProblem.of(10), 42, 6, false, 1, true, 6);
        DataSet b = fixed.next();
        fixed.reset();
        assertEquals(b.getFeatures(), fixed.next().getFeatures(), "a fixed set is the same every epoch");
    }

    @Test
    void reberStringsOfDifferentLengthsArePaddedAndMasked() {
        DataSetIterator data = SequenceIterators.generatedEveryStep(EmbeddedReber.generator(), 9, 32, false,
                EmbeddedReber.SYMBOLS.length(), 32);
        DataSet batch = data.next();
        List<GeneratedSequence> strings = GeneratedSequenceReader.draw(EmbeddedReber.generator(),
                GeneratedSequenceReader.epochSeed(9, 0), 32);
        assertTrue(batch.getLabelsMaskArray() != null, "lengths differ: masked");
        for (int i = 0; i < 32; i++) {
            int length = strings.get(i).features().length;
            assertEquals(length, batch.getLabelsMaskArray().getRow(i).sumNumber().intValue(), "string " + i);
        }
    }
}

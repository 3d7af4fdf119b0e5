package org.rnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed data files are exactly what the generator writes, and hold what the experiments need. */
class DataGeneratorTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);

    @Test
    void committedFilesEqualFreshGeneratorOutputByteForByte(@TempDir Path fresh) throws IOException {
        DataGenerator.writeAll(fresh);
        for (Path relative : DataFiles.all()) {
            assertArrayEquals(Files.readAllBytes(fresh.resolve(relative)), Files.readAllBytes(DATA.resolve(relative)),
                    "committed " + relative + " differs from the generator's output: rerun DataGenerator");
        }
        try (var written = Files.walk(fresh)) {
            assertEquals(DataFiles.all().size(), written.filter(Files::isRegularFile).count(),
                    "the generator writes exactly the files DataFiles lists");
        }
    }

    @Test
    void letterFilesHoldTheOriginalStringsWithTheirParityLabels() {
        List<LetterExample> train = LettersFile.read(DataFiles.e1Train(DATA));
        assertEquals(LetterStrings.TRAIN, sequences(train));
        // labels as the original experiment listed them
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1), labels(train));

        List<LetterExample> test = LettersFile.read(DataFiles.e1Test(DATA));
        assertEquals(List.of("bccb", "ccbc", "bcac", "bacb"), sequences(test));
        assertEquals(List.of(0, 0, 1, 1), labels(test));

        List<LetterExample> all = LettersFile.read(DataFiles.e1AllLength4(DATA));
        assertEquals(81, all.size());
        assertEquals(new LetterExample("aaaa", 0), all.get(0));
        assertEquals(new LetterExample("aaab", 1), all.get(1));
        assertEquals(new LetterExample("aaba", 1), all.get(3));
        assertEquals(new LetterExample("cccc", 0), all.get(80));
        assertEquals(40, all.stream().filter(e -> e.label() == 1).count(), "strings of 4 with an odd number of a's");
        for (LetterExample example : all) {
            long as = example.sequence().chars().filter(c -> c == 'a').count();
            assertEquals(as % 2, example.label(), example.sequence());
        }
    }

    @Test
    void e2FilesHoldSinOfConsecutiveIntegers() {
        double[] train = SeriesFile.read(DataFiles.e2Train(DATA));
        double[] test = SeriesFile.read(DataFiles.e2Test(DATA));
        assertEquals(300, train.length);
        assertEquals(300, test.length);
        assertEquals(0.0, train[0]);
        assertEquals(Math.sin(299), train[299], 1e-15);
        assertEquals(Math.sin(300), test[0], 1e-15);
        assertEquals(Math.sin(599), test[299], 1e-15);
    }

    @Test
    void e3WindowsSpanTenUnitsFromTheirStart() {
        for (int start : SineSeries.E3_STARTS) {
            double[] window = SeriesFile.read(DataFiles.e3Window(DATA, start));
            assertEquals(50, window.length);
            assertEquals(Math.sin(start), window[0], 1e-15);
            assertEquals(Math.sin(start + 10.0 / 49), window[1], 1e-15);
            assertEquals(Math.sin(start + 10), window[49], 1e-15);
        }
        assertEquals(12.0, SineSeries.e3Time(2, 49));
    }

    @Test
    void e3GenerationTruthIsATruePrefixFollowedByTheWindowItself() {
        for (int start : SineSeries.E3_STARTS) {
            double[] truth = SeriesFile.read(DataFiles.e3GenerationTruth(DATA, start));
            double[] window = SeriesFile.read(DataFiles.e3Window(DATA, start));
            assertEquals(SineSeries.E3_PREFIX + 50, truth.length);
            for (int k = 0; k < window.length; k++) {
                assertEquals(window[k], truth[SineSeries.E3_PREFIX + k], 0.0, "window point " + k);
            }
            assertEquals(Math.sin(start - 10.0 * SineSeries.E3_PREFIX / 49), truth[0], 1e-15);
        }
    }

    @Test
    void e4FilesGive247WindowsOfFourWithTheRightFirstWindow() {
        double[] train = SeriesFile.read(DataFiles.e4Train(DATA));
        double[] validation = SeriesFile.read(DataFiles.e4Validation(DATA));
        int window = 4;
        assertEquals(247, train.length - window);
        assertEquals(247, validation.length - window);
        for (int x = 0; x <= window; x++) {
            assertEquals(Math.sin(x / 20.0), train[x], 1e-15, "training value x = " + x);
            assertEquals(Math.sin((375 + x) / 20.0), validation[x], 1e-15, "validation value x = " + (375 + x));
        }
        // the last training target is x = 250 (i + 1 for i = 249)
        assertEquals(Math.sin(250 / 20.0), train[train.length - 1], 1e-15);
    }

    private static List<String> sequences(List<LetterExample> examples) {
        List<String> out = new ArrayList<>();
        examples.forEach(e -> out.add(e.sequence()));
        return out;
    }

    private static List<Integer> labels(List<LetterExample> examples) {
        List<Integer> out = new ArrayList<>();
        examples.forEach(e -> out.add(e.label()));
        return out;
    }
}

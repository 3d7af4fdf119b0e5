package org.rnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.files.CsvTable;
import org.rnnlab.data.files.LabelledRowsFile;
import org.rnnlab.data.files.LabelledSequence;
import org.rnnlab.data.files.LetterExample;
import org.rnnlab.data.files.LetterStrings;
import org.rnnlab.data.files.LettersFile;
import org.rnnlab.data.files.NumberedSequenceFiles;
import org.rnnlab.data.files.SequenceSetShape;
import org.rnnlab.data.files.SeriesFile;
import org.rnnlab.data.files.TextFile;
import org.rnnlab.data.generate.ControlChartGenerator;
import org.rnnlab.data.generate.PredatorPrey;
import org.rnnlab.data.generate.SineSeries;

/** The committed data files are exactly what the generator writes, and hold what the experiments need. */
class DataGeneratorTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);

    @Test
    void committedFilesEqualTheGeneratorsOutputByteForByte() throws IOException {
        Map<Path, String> generated = DataGenerator.files();
        assertSameFiles(new TreeSet<>(DataFiles.all()), generated.keySet(), "DataFiles lists", "the generator makes");
        for (Map.Entry<Path, String> file : generated.entrySet()) {
            assertArrayEquals(file.getValue().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(DATA.resolve(file.getKey())),
                    "committed " + file.getKey() + " differs from the generator's output: rerun DataGenerator");
        }
        Set<Path> folders = new TreeSet<>();
        generated.keySet().forEach(relative -> folders.add(relative.getName(0)));
        Set<Path> committed = new TreeSet<>();
        for (Path folder : folders) {
            try (var files = Files.walk(DATA.resolve(folder))) {
                files.filter(Files::isRegularFile).forEach(file -> committed.add(DATA.relativize(file)));
            }
        }
        assertSameFiles(generated.keySet(), committed, "the generator makes", "the generated folders hold");
    }

    /** Fails naming the files only one side has (the lists are long, so not the whole of both). */
    private static void assertSameFiles(Set<Path> expected, Set<Path> actual, String expectedSide, String actualSide) {
        Set<Path> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<Path> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertEquals(Set.of(), missing, "files " + expectedSide + " but " + actualSide + " not");
        assertEquals(Set.of(), extra, "files " + actualSide + " but " + expectedSide + " not");
    }

    @Test
    void writeReplacesAFileWithoutLeavingItsTemporaryName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub").resolve("series.txt");
        TextFile.write(file, "0.5\n");
        TextFile.write(file, "0.25\n");
        assertEquals("0.25\n", Files.readString(file));
        try (var written = Files.list(file.getParent())) {
            assertEquals(List.of(file), written.toList());
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

    @Test
    void controlChartFoldersHoldTheGeneratorsSeriesInTheNumberedLayout() {
        assertEquals(new SequenceSetShape(450, 1, 60, 60),
                NumberedSequenceFiles.validate(DataFiles.controlChartTrain(DATA), ControlChartGenerator.CLASSES));
        assertEquals(new SequenceSetShape(150, 1, 60, 60),
                NumberedSequenceFiles.validate(DataFiles.controlChartTest(DATA), ControlChartGenerator.CLASSES));
        SequenceSetShape variable = NumberedSequenceFiles.validate(DataFiles.controlChartVariableTrain(DATA),
                ControlChartGenerator.CLASSES);
        assertEquals(new SequenceSetShape(450, 1, 30, 60), variable);
        assertEquals(150, NumberedSequenceFiles.validate(DataFiles.controlChartVariableTest(DATA),
                ControlChartGenerator.CLASSES).sequences());

        LabelledSequence first = ControlChartGenerator.generate(ControlChartGenerator.SEED).train().get(0);
        double[] written = SeriesFile.read(NumberedSequenceFiles.featureFile(DataFiles.controlChartTrain(DATA), 0));
        assertArrayEquals(first.values(), written, 0.0);
    }

    @Test
    void controlChartRowsHoldTheNumberedFoldersSeriesRowByRow() throws IOException {
        assertSameSequences(DataFiles.controlChartTrain(DATA), DataFiles.controlChartRowsTrain(DATA), 450);
        assertSameSequences(DataFiles.controlChartTest(DATA), DataFiles.controlChartRowsTest(DATA), 150);
    }

    /** Row k of the rows file holds features/k.csv with the label of labels/k.csv, to the last bit. */
    private static void assertSameSequences(Path numbered, Path rowsFile, int count) throws IOException {
        List<LabelledSequence> rows = LabelledRowsFile.read(rowsFile, ControlChartGenerator.CLASSES);
        assertEquals(count, rows.size(), rowsFile.toString());
        for (int k = 0; k < count; k++) {
            double[] values = SeriesFile.read(NumberedSequenceFiles.featureFile(numbered, k));
            int label = Integer.parseInt(Files.readString(NumberedSequenceFiles.labelFile(numbered, k)).strip());
            assertEquals(new LabelledSequence(label, values), rows.get(k), rowsFile + " row " + k);
        }
    }

    @Test
    void predatorPreyFileIsATableOfTheGeneratorsMonths() {
        CsvTable table = CsvTable.read(DataFiles.predatorPreyMonthly(DATA));
        assertEquals(PredatorPrey.COLUMNS, table.header());
        List<PredatorPrey.Month> months = PredatorPrey.generate(PredatorPrey.SEED);
        assertEquals(PredatorPrey.MONTHS, table.rowCount());
        for (int row = 0; row < table.rowCount(); row++) {
            PredatorPrey.Month month = months.get(row);
            assertEquals(row + 1, table.value(row, "month"), "months count from 1");
            assertEquals(month.prey(), table.value(row, "prey"), 0.0, "prey, month " + (row + 1));
            assertEquals(month.predator(), table.value(row, "predator"), 0.0, "predators, month " + (row + 1));
        }
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

package org.rnnlab.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rnnlab.data.files.LabelledRowsFile;
import org.rnnlab.data.files.LabelledSequence;
import org.rnnlab.data.files.LetterStrings;
import org.rnnlab.data.files.LettersFile;
import org.rnnlab.data.files.NumberedSequenceFiles;
import org.rnnlab.data.files.SeriesFile;
import org.rnnlab.data.files.TextFile;
import org.rnnlab.data.generate.ControlChartGenerator;
import org.rnnlab.data.generate.PredatorPrey;
import org.rnnlab.data.generate.SineSeries;
import org.rnnlab.data.generate.TrainTestSplit;

/**
 * Writes every generated file under {@code data/} (the sunspot numbers and the text snapshot are
 * committed as they are; their folders say where they come from). The output is a pure function of
 * the code: exact formulas, {@link StrictMath}, seeded random streams, {@link Double#toString(double)}
 * or a fixed number of decimals, and '\n' line ends, so the committed files can be checked byte for
 * byte against a fresh run.
 */
public final class DataGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(DataGenerator.class);

    private DataGenerator() {
    }

    /** Writes the data files into {@code data/} of the working directory. */
    public static void main(String[] args) {
        writeAll(Path.of(DataFiles.DEFAULT_DATA_DIR).toAbsolutePath());
    }

    /** Writes every data file listed by {@link DataFiles#all()} into {@code dataDir}, creating folders as needed. */
    public static void writeAll(Path dataDir) {
        Map<Path, String> files = files();
        for (Map.Entry<Path, String> file : files.entrySet()) {
            TextFile.write(dataDir.resolve(file.getKey()), file.getValue());
        }
        LOG.info("wrote {} data files into {}", files.size(), dataDir);
    }

    /**
     * The text of every data file {@link DataFiles#all()} lists, by path relative to the data
     * directory: what {@link #writeAll} writes, computed in memory so a test can compare it with the
     * committed files without writing thousands of files.
     */
    public static Map<Path, String> files() {
        Map<Path, String> files = new LinkedHashMap<>();
        addLetters(files, DataFiles.E1_TRAIN, LetterStrings.TRAIN,
                "E1 letter parity: the 12 original training strings, in the original order.");
        addLetters(files, DataFiles.E1_TEST, LetterStrings.TEST,
                "E1 letter parity: the 4 original test strings.");
        addLetters(files, DataFiles.E1_ALL_LENGTH_4, LetterStrings.allStrings(LetterStrings.LENGTH),
                "E1 letter parity: all 81 strings of length 4, in lexicographic order.");

        int e2TrainLast = SineSeries.E2_TRAIN_FIRST + SineSeries.E2_LENGTH - 1;
        int e2TestLast = SineSeries.E2_TEST_FIRST + SineSeries.E2_LENGTH - 1;
        addSeries(files, DataFiles.E2_TRAIN,
                SineSeries.sinOfIntegers(SineSeries.E2_TRAIN_FIRST, SineSeries.E2_LENGTH),
                "sin(n) for n = " + SineSeries.E2_TRAIN_FIRST + ".." + e2TrainLast + ", one value per line");
        addSeries(files, DataFiles.E2_TEST,
                SineSeries.sinOfIntegers(SineSeries.E2_TEST_FIRST, SineSeries.E2_LENGTH),
                "sin(n) for n = " + SineSeries.E2_TEST_FIRST + ".." + e2TestLast + ", one value per line (held out)");

        for (int start : SineSeries.E3_STARTS) {
            addSeries(files, DataFiles.e3Window(start), SineSeries.e3Window(start),
                    "sin(t) for t_k = " + start + " + 10*k/49, k = 0..49 (50 points evenly spaced on ["
                            + start + ", " + (start + 10) + "]), one value per line");
            addSeries(files, DataFiles.e3GenerationTruth(start), SineSeries.e3GenerationTruth(start),
                    "sin(t) for t_k = " + start + " + 10*k/49, k = -" + SineSeries.E3_PREFIX + "..49: a true prefix of "
                            + SineSeries.E3_PREFIX + " points, then the window start-" + start
                            + ".txt; generation is scored on k = 1..49");
        }

        int e4TrainLast = SineSeries.E4_TRAIN_FIRST + SineSeries.E4_LENGTH - 1;
        int e4ValidationLast = SineSeries.E4_VALIDATION_FIRST + SineSeries.E4_LENGTH - 1;
        addSeries(files, DataFiles.E4_TRAIN,
                SineSeries.e4Series(SineSeries.E4_TRAIN_FIRST, SineSeries.E4_LENGTH),
                "sin(x/20) for x = " + SineSeries.E4_TRAIN_FIRST + ".." + e4TrainLast
                        + ", one value per line (windows of 4 -> next: 247 samples)");
        addSeries(files, DataFiles.E4_VALIDATION,
                SineSeries.e4Series(SineSeries.E4_VALIDATION_FIRST, SineSeries.E4_LENGTH),
                "sin(x/20) for x = " + SineSeries.E4_VALIDATION_FIRST + ".." + e4ValidationLast
                        + ", one value per line (windows of 4 -> next: 247 samples)");

        addControlChart(files, DataFiles.CONTROL_CHART, false,
                ControlChartGenerator.generate(ControlChartGenerator.SEED));
        addControlChart(files, DataFiles.CONTROL_CHART_VARIABLE, true,
                ControlChartGenerator.generateVariableLength(ControlChartGenerator.SEED));
        addControlChartRows(files, ControlChartGenerator.generate(ControlChartGenerator.SEED));

        files.put(DataFiles.PREDATOR_PREY_MONTHLY.resolveSibling(DataFiles.README), PredatorPrey.readme(DataGenerator.class.getName()));
        files.put(DataFiles.PREDATOR_PREY_MONTHLY, PredatorPrey.csv(PredatorPrey.generate(PredatorPrey.SEED)));
        return files;
    }

    private static void addLetters(Map<Path, String> files, Path relative, List<String> strings, String description) {
        files.put(relative, LettersFile.format(List.of(description,
                "label 1 when the number of a's is odd; one-hot a = [0,0,1], b = [0,1,0], c = [1,0,0]"),
                LetterStrings.labelled(strings)));
    }

    private static void addSeries(Map<Path, String> files, Path relative, double[] values, String description) {
        files.put(relative, SeriesFile.format(List.of(description), values));
    }

    /** A control chart folder: its README, then train/ and test/ in the numbered-files layout. */
    private static void addControlChart(Map<Path, String> files, Path relative, boolean variableLength,
                                        TrainTestSplit split) {
        files.put(relative.resolve(DataFiles.README), ControlChartGenerator.readme(variableLength,
                DataGenerator.class.getName()));
        addNumbered(files, relative.resolve(DataFiles.TRAIN), split.train());
        addNumbered(files, relative.resolve(DataFiles.TEST), split.test());
    }

    /** The fixed-length control chart series again, one labelled-rows file per set, and a README. */
    private static void addControlChartRows(Map<Path, String> files, TrainTestSplit split) {
        Path folder = DataFiles.CONTROL_CHART_ROWS;
        files.put(folder.resolve(DataFiles.README), ControlChartGenerator.rowsReadme(DataGenerator.class.getName()));
        files.put(folder.resolve(DataFiles.TRAIN_ROWS), LabelledRowsFile.format(
                ControlChartGenerator.rowsComments("training", split.train().size()), split.train(),
                ControlChartGenerator.DECIMALS));
        files.put(folder.resolve(DataFiles.TEST_ROWS), LabelledRowsFile.format(
                ControlChartGenerator.rowsComments("test", split.test().size()), split.test(),
                ControlChartGenerator.DECIMALS));
    }

    /** Feature files first, then label files, as {@link NumberedSequenceFiles#files} lists them. */
    private static void addNumbered(Map<Path, String> files, Path dir, List<LabelledSequence> sequences) {
        for (int i = 0; i < sequences.size(); i++) {
            StringBuilder steps = new StringBuilder();
            for (double value : sequences.get(i).values()) {
                steps.append(ControlChartGenerator.format(value)).append('\n');
            }
            files.put(NumberedSequenceFiles.featureFile(dir, i), steps.toString());
        }
        for (int i = 0; i < sequences.size(); i++) {
            files.put(NumberedSequenceFiles.labelFile(dir, i), sequences.get(i).label() + "\n");
        }
    }
}

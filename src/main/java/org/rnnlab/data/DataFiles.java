package org.rnnlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.NumberedSequenceFiles;
import org.rnnlab.data.generate.ControlChartGenerator;
import org.rnnlab.data.generate.SineSeries;

/**
 * Where every data file lives, relative to the data directory (the project's {@code data/}).
 * The methods taking a data directory resolve a relative path against it.
 */
public final class DataFiles {

    /** System property that overrides the data directory. */
    public static final String DATA_DIR_PROPERTY = "rnnlab.data";
    /** The data directory relative to the project root. */
    public static final String DEFAULT_DATA_DIR = "data";
    /**
     * The largest file any rnnlab reader accepts, 50 MiB: readers hold a whole file in memory (and
     * check it whole before training starts), so a larger one is refused with a message rather than
     * read until the heap runs out.
     */

    /** E1: the 12 original training strings. */
    public static final Path E1_TRAIN = Path.of("e1-letters", "train.csv");
    /** E1: the 4 original test strings. */
    public static final Path E1_TEST = Path.of("e1-letters", "test.csv");
    /** E1: all 81 strings of length 4. */
    public static final Path E1_ALL_LENGTH_4 = Path.of("e1-letters", "all-length4.csv");
    /** E2: sin(n), n = 0..299. */
    public static final Path E2_TRAIN = Path.of("e2-sine", "train.txt");
    /** E2: sin(n), n = 300..599, held out. */
    public static final Path E2_TEST = Path.of("e2-sine", "test.txt");
    /** E4: sin(x/20), x = 0..250. */
    public static final Path E4_TRAIN = Path.of("e4-sine", "train.txt");
    /** E4: sin(x/20), x = 375..625. */
    public static final Path E4_VALIDATION = Path.of("e4-sine", "validation.txt");
    /** Control chart series of 60 steps: {@code train/} and {@code test/} sequence folders and a README. */
    public static final Path CONTROL_CHART = Path.of("control-chart");
    /** The same control chart series cut to lengths 30..60. */
    public static final Path CONTROL_CHART_VARIABLE = Path.of("control-chart-variable");
    /** The control chart series of {@link #CONTROL_CHART} in the labelled-rows layout: train.csv, test.csv, a README. */
    public static final Path CONTROL_CHART_ROWS = Path.of("control-chart-rows");
    /** A noisy predator-prey series, header {@code month,prey,predator}, one row per month. */
    public static final Path PREDATOR_PREY_MONTHLY = Path.of("predator-prey", "monthly.csv");
    /** The training part of a folder split into training and test. */
    public static final String TRAIN = "train";
    /** The test part of a folder split into training and test. */
    public static final String TEST = "test";
    /** The training file of a folder in the labelled-rows layout. */
    public static final String TRAIN_ROWS = "train.csv";
    /** The test file of a folder in the labelled-rows layout. */
    public static final String TEST_ROWS = "test.csv";
    /** What a generated folder holds and how it was made. */
    public static final String README = "README.md";
    /** A snapshot of rnnlab's own documentation as plain text, the demo corpus for character-level models. */
    public static final Path TEXT_CORPUS = Path.of("text", "rnnlab-docs.txt");
    /** Yearly sunspot numbers 1700-2008, header {@code year,sunspots} (not generated: see its PROVENANCE.md). */
    public static final Path SUNSPOTS_YEARLY = Path.of("sunspots", "yearly.csv");

    private DataFiles() {
    }

    /** E3: the window of 50 values starting at {@code start} (relative path). */
    public static Path e3Window(int start) {
        return Path.of("e3-sine", "start-" + start + ".txt");
    }

    /** E3: the generation truth at {@code start}: a true prefix, then the window (relative path). */
    public static Path e3GenerationTruth(int start) {
        return Path.of("e3-sine", "generation-start-" + start + ".txt");
    }

    /** E3: the generation truth at {@code start}, resolved against {@code dataDir}. */
    public static Path e3GenerationTruth(Path dataDir, int start) {
        return dataDir.resolve(e3GenerationTruth(start));
    }

    /** E3: the windows of every start in {@link SineSeries#E3_STARTS}, in that order (relative paths). */
    public static List<Path> e3Windows() {
        List<Path> windows = new ArrayList<>();
        for (int start : SineSeries.E3_STARTS) {
            windows.add(e3Window(start));
        }
        return windows;
    }

    /** Every data file the generator writes (relative paths). */
    public static List<Path> all() {
        List<Path> files = new ArrayList<>(List.of(E1_TRAIN, E1_TEST, E1_ALL_LENGTH_4, E2_TRAIN, E2_TEST));
        files.addAll(e3Windows());
        for (int start : SineSeries.E3_STARTS) {
            files.add(e3GenerationTruth(start));
        }
        files.addAll(List.of(E4_TRAIN, E4_VALIDATION));
        int train = ControlChartGenerator.CLASSES * ControlChartGenerator.TRAIN_PER_CLASS;
        int test = ControlChartGenerator.CLASSES * ControlChartGenerator.PER_CLASS - train;
        for (Path folder : List.of(CONTROL_CHART, CONTROL_CHART_VARIABLE)) {
            files.add(folder.resolve(README));
            files.addAll(NumberedSequenceFiles.files(folder.resolve(TRAIN), train));
            files.addAll(NumberedSequenceFiles.files(folder.resolve(TEST), test));
        }
        files.addAll(List.of(CONTROL_CHART_ROWS.resolve(README), CONTROL_CHART_ROWS.resolve(TRAIN_ROWS),
                CONTROL_CHART_ROWS.resolve(TEST_ROWS)));
        files.addAll(List.of(PREDATOR_PREY_MONTHLY.resolveSibling(README), PREDATOR_PREY_MONTHLY));
        return files;
    }

    public static Path e1Train(Path dataDir) {
        return dataDir.resolve(E1_TRAIN);
    }

    public static Path e1Test(Path dataDir) {
        return dataDir.resolve(E1_TEST);
    }

    public static Path e1AllLength4(Path dataDir) {
        return dataDir.resolve(E1_ALL_LENGTH_4);
    }

    public static Path e2Train(Path dataDir) {
        return dataDir.resolve(E2_TRAIN);
    }

    public static Path e2Test(Path dataDir) {
        return dataDir.resolve(E2_TEST);
    }

    public static Path e3Window(Path dataDir, int start) {
        return dataDir.resolve(e3Window(start));
    }

    /** E3: the window files of every start, resolved against {@code dataDir}. */
    public static List<Path> e3Windows(Path dataDir) {
        List<Path> windows = new ArrayList<>();
        for (Path window : e3Windows()) {
            windows.add(dataDir.resolve(window));
        }
        return windows;
    }

    public static Path e4Train(Path dataDir) {
        return dataDir.resolve(E4_TRAIN);
    }

    public static Path e4Validation(Path dataDir) {
        return dataDir.resolve(E4_VALIDATION);
    }

    /** The control chart training sequences (fixed length), a numbered-files folder. */
    public static Path controlChartTrain(Path dataDir) {
        return dataDir.resolve(CONTROL_CHART).resolve(TRAIN);
    }

    /** The control chart test sequences (fixed length). */
    public static Path controlChartTest(Path dataDir) {
        return dataDir.resolve(CONTROL_CHART).resolve(TEST);
    }

    /** The control chart training sequences, lengths 30..60. */
    public static Path controlChartVariableTrain(Path dataDir) {
        return dataDir.resolve(CONTROL_CHART_VARIABLE).resolve(TRAIN);
    }

    /** The control chart test sequences, lengths 30..60. */
    public static Path controlChartVariableTest(Path dataDir) {
        return dataDir.resolve(CONTROL_CHART_VARIABLE).resolve(TEST);
    }

    /** The control chart training series in the labelled-rows layout. */
    public static Path controlChartRowsTrain(Path dataDir) {
        return dataDir.resolve(CONTROL_CHART_ROWS).resolve(TRAIN_ROWS);
    }

    /** The control chart test series in the labelled-rows layout. */
    public static Path controlChartRowsTest(Path dataDir) {
        return dataDir.resolve(CONTROL_CHART_ROWS).resolve(TEST_ROWS);
    }

    public static Path predatorPreyMonthly(Path dataDir) {
        return dataDir.resolve(PREDATOR_PREY_MONTHLY);
    }

    public static Path textCorpus(Path dataDir) {
        return dataDir.resolve(TEXT_CORPUS);
    }

    public static Path sunspotsYearly(Path dataDir) {
        return dataDir.resolve(SUNSPOTS_YEARLY);
    }

    /**
     * The data directory: the system property {@value #DATA_DIR_PROPERTY} if set, else
     * {@value #DEFAULT_DATA_DIR} in the working directory; relative paths resolve against the
     * working directory.
     *
     * @throws DataFileException if that directory does not exist
     */
    public static Path dataDir() {
        String configured = System.getProperty(DATA_DIR_PROPERTY);
        Path dir = Path.of(configured != null ? configured : DEFAULT_DATA_DIR).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            String hint = configured != null
                    ? "set by -D" + DATA_DIR_PROPERTY + "=" + configured
                    : "run from the project root, or set -D" + DATA_DIR_PROPERTY + "=<data directory>";
            throw DataFileException.directoryNotFound(dir, hint);
        }
        return dir;
    }
}

package org.rnnlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every file under {@code data/}. The output is a pure function of the code: exact
 * formulas, {@link StrictMath}, {@link Double#toString(double)} and '\n' line ends, so the committed
 * files can be checked byte for byte against a fresh run.
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
        writeLetters(dataDir, DataFiles.E1_TRAIN, LetterStrings.TRAIN,
                "E1 letter parity: the 12 original training strings, in the original order.");
        writeLetters(dataDir, DataFiles.E1_TEST, LetterStrings.TEST,
                "E1 letter parity: the 4 original test strings.");
        writeLetters(dataDir, DataFiles.E1_ALL_LENGTH_4, LetterStrings.allStrings(LetterStrings.LENGTH),
                "E1 letter parity: all 81 strings of length 4, in lexicographic order.");

        int e2TrainLast = SineSeries.E2_TRAIN_FIRST + SineSeries.E2_LENGTH - 1;
        int e2TestLast = SineSeries.E2_TEST_FIRST + SineSeries.E2_LENGTH - 1;
        writeSeries(dataDir, DataFiles.E2_TRAIN,
                SineSeries.sinOfIntegers(SineSeries.E2_TRAIN_FIRST, SineSeries.E2_LENGTH),
                "sin(n) for n = " + SineSeries.E2_TRAIN_FIRST + ".." + e2TrainLast + ", one value per line");
        writeSeries(dataDir, DataFiles.E2_TEST,
                SineSeries.sinOfIntegers(SineSeries.E2_TEST_FIRST, SineSeries.E2_LENGTH),
                "sin(n) for n = " + SineSeries.E2_TEST_FIRST + ".." + e2TestLast + ", one value per line (held out)");

        for (int start : SineSeries.E3_STARTS) {
            writeSeries(dataDir, DataFiles.e3Window(start), SineSeries.e3Window(start),
                    "sin(t) for t_k = " + start + " + 10*k/49, k = 0..49 (50 points evenly spaced on ["
                            + start + ", " + (start + 10) + "]), one value per line");
            writeSeries(dataDir, DataFiles.e3GenerationTruth(start), SineSeries.e3GenerationTruth(start),
                    "sin(t) for t_k = " + start + " + 10*k/49, k = -" + SineSeries.E3_PREFIX + "..49: a true prefix of "
                            + SineSeries.E3_PREFIX + " points, then the window start-" + start
                            + ".txt; generation is scored on k = 1..49");
        }

        int e4TrainLast = SineSeries.E4_TRAIN_FIRST + SineSeries.E4_LENGTH - 1;
        int e4ValidationLast = SineSeries.E4_VALIDATION_FIRST + SineSeries.E4_LENGTH - 1;
        writeSeries(dataDir, DataFiles.E4_TRAIN,
                SineSeries.e4Series(SineSeries.E4_TRAIN_FIRST, SineSeries.E4_LENGTH),
                "sin(x/20) for x = " + SineSeries.E4_TRAIN_FIRST + ".." + e4TrainLast
                        + ", one value per line (windows of 4 -> next: 247 samples)");
        writeSeries(dataDir, DataFiles.E4_VALIDATION,
                SineSeries.e4Series(SineSeries.E4_VALIDATION_FIRST, SineSeries.E4_LENGTH),
                "sin(x/20) for x = " + SineSeries.E4_VALIDATION_FIRST + ".." + e4ValidationLast
                        + ", one value per line (windows of 4 -> next: 247 samples)");
    }

    private static void writeLetters(Path dataDir, Path relative, List<String> strings, String description) {
        List<LetterExample> examples = LetterStrings.labelled(strings);
        String text = LettersFile.format(List.of(description,
                "label 1 when the number of a's is odd; one-hot a = [0,0,1], b = [0,1,0], c = [1,0,0]"), examples);
        write(dataDir.resolve(relative), text);
        LOG.info("wrote {} ({} strings)", dataDir.resolve(relative), examples.size());
    }

    private static void writeSeries(Path dataDir, Path relative, double[] values, String description) {
        write(dataDir.resolve(relative), SeriesFile.format(List.of(description), values));
        LOG.info("wrote {} ({} values)", dataDir.resolve(relative), values.length);
    }

    /** Writes through a temporary file and a move, so an interrupted run leaves no half-written data file. */
    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write data file " + file, e);
        }
    }
}

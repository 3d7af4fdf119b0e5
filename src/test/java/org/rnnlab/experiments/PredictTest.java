package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.FinalMetrics;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.testing.SettingsCopies;

/**
 * Predict through its entry logic on tiny runs trained here: the saved network of every kind and
 * both implementations reproduces its run's reported final metrics exactly; predictions files have
 * one row per input; bad options and inputs that do not fit the model end with a one-line message.
 */
class PredictTest {

    /** Reference settings shrunk to seconds of training, by kind. */
    private static final Map<String, Map<String, String>> TINY = Map.of(
            "e1-letter-parity-simplernn", Map.of("hidden", "3", "epochs", "3"),
            "e2-sine-window-simplernn", Map.of("hidden", "4", "epochs", "2", "window", "6"),
            "sunspots-lstm", Map.of("hidden", "3", "epochs", "3", "stop.patience", "0"),
            "e3-sine-warmup-simplernn", Map.of("hidden", "3", "epochs", "3", "generation.steps", "5"),
            "control-chart-lstm", Map.of("hidden", "4", "epochs", "2"),
            "char-model-lstm", Map.of("hidden", "6", "epochs", "2", "windows.per.epoch", "8", "sample.length", "10"));

    /** Shared by the tests, so each tiny run trains once. */
    @TempDir
    static Path dir;

    private static final Map<String, Path> TRAINED = new HashMap<>();

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    /** A finished run folder of {@code reference} (shrunk) trained by {@code implementation}, trained once. */
    private static synchronized Path train(String reference, Implementation implementation) throws IOException {
        String key = reference + " " + implementation;
        if (!TRAINED.containsKey(key)) {
            TRAINED.put(key, trainNew(reference, implementation));
        }
        return TRAINED.get(key);
    }

    private static Path trainNew(String reference, Implementation implementation) throws IOException {
        Path settingsDir = Files.createDirectories(dir.resolve("settings-" + implementation.key()));
        ExperimentSettings settings = SettingsCopies.load(reference, settingsDir, TINY.get(reference));
        return Trainer.run(settings, implementation.create(settings), dir.resolve("runs")).folder();
    }

    private CapturedRun predict(String... args) {
        return CapturedRun.of(Predict::run, dir.resolve("runs"), args);
    }


    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "e1-letter-parity-simplernn, DL4J", "e1-letter-parity-simplernn, SCRATCH",
        "e2-sine-window-simplernn, DL4J", "e2-sine-window-simplernn, SCRATCH",
        "sunspots-lstm, DL4J", "sunspots-lstm, SCRATCH",
        "e3-sine-warmup-simplernn, DL4J", "e3-sine-warmup-simplernn, SCRATCH",
        "control-chart-lstm, DL4J", "control-chart-lstm, SCRATCH",
        "char-model-lstm, DL4J", "char-model-lstm, SCRATCH"})
    void evaluateReproducesTheRunsReportedMetricsExactly(String reference, Implementation implementation)
            throws IOException {
        Path folder = train(reference, implementation);
        CapturedRun outcome = predict(folder.toString(), "--evaluate");
        assertEquals(0, outcome.status(), outcome.err() + outcome.out());
        assertTrue(outcome.out().contains(implementation.key()), outcome.out());
        assertFalse(outcome.out().contains(" NO"), outcome.out());
        int metrics = Files.readAllLines(folder.resolve("final-metrics.csv")).size() - 1;
        assertTrue(metrics >= 2, "metrics reported: " + metrics);
        assertEquals(metrics, outcome.out().lines().filter(line -> line.strip().endsWith("yes")).count(), outcome.out());
    }

    @Test
    void theSettingsCopyInTheRunFolderIsTheTextRead() throws IOException {
        Path folder = train("e1-letter-parity-simplernn", Implementation.SCRATCH);
        assertEquals(Files.readString(dir.resolve("settings-scratch/e1-letter-parity-simplernn.properties")),
                Files.readString(folder.resolve(Trainer.SETTINGS)));
    }

    @Test
    void predictionsOfEachKindHaveOneRowPerInput() throws IOException {
        Path letters = train("e1-letter-parity-simplernn", Implementation.DL4J);
        CapturedRun parity = predict(letters.toString(), "--input", "data/e1-letters/test.csv");
        assertEquals(0, parity.status(), parity.err());
        List<String> rows = Files.readAllLines(letters.resolve("predictions-test.csv"));
        assertEquals(List.of("sequence", "probability", "label"), List.of(rows.get(0).split(",")));
        assertEquals(1 + 4, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("bccb,"), rows.get(1));

        Path window = train("e2-sine-window-simplernn", Implementation.SCRATCH);
        Path series = dir.resolve("series.txt");
        Files.writeString(series, "0.1\n0.2\n0.3\n0.4\n0.5\n0.6\n0.7\n0.8\n");
        Path out = dir.resolve("window.csv");
        CapturedRun windows = predict(window.toString(), "--input", series.toString(), "--output", out.toString());
        assertEquals(0, windows.status(), windows.err());
        assertTrue(windows.out().contains(out.toString()), windows.out());
        List<String> forecasts = Files.readAllLines(out);
        assertEquals("window_end,forecast", forecasts.get(0));
        assertEquals(List.of("5", "6", "7"), forecasts.subList(1, 4).stream().map(r -> r.split(",")[0]).toList());

        Path sunspots = train("sunspots-lstm", Implementation.SCRATCH);
        Path table = dir.resolve("recent.csv");
        Files.writeString(table, "year,sunspots\n" + yearly(1990, 14));
        CapturedRun forecast = predict(sunspots.toString(), "--input", table.toString());
        assertEquals(0, forecast.status(), forecast.err());
        List<String> lines = Files.readAllLines(sunspots.resolve("predictions-recent.csv"));
        assertEquals(List.of("year,sunspots+1", "2002", "2003", ""),
                List.of(lines.get(0), lines.get(1).split(",")[0], lines.get(2).split(",")[0],
                        lines.get(3).split(",")[0]));
        assertEquals(4, lines.size());
    }

    /**
     * The forecast kind's predictions on its own data file, scaled back with the saved normaliser,
     * give the run's reported test RMSE over the test span's years.
     */
    @Test
    void forecastPredictionsOnTheRunsDataGiveItsReportedTestRmse() throws IOException {
        Path folder = train("sunspots-lstm", Implementation.DL4J);
        Path out = dir.resolve("sunspots.csv");
        CapturedRun outcome = predict(folder.toString(), "--input", "data/sunspots/yearly.csv", "--output", out.toString());
        assertEquals(0, outcome.status(), outcome.err());
        Map<Integer, Double> actual = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("data/sunspots/yearly.csv")).subList(1, 310)) {
            String[] cells = line.split(",");
            actual.put(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]));
        }
        double sum = 0;
        int n = 0;
        for (String line : Files.readAllLines(out).subList(1, Files.readAllLines(out).size())) {
            String[] cells = line.split(",");
            if (!cells[0].isEmpty() && Integer.parseInt(cells[0]) >= 1921 && Integer.parseInt(cells[0]) <= 1955) {
                double error = Double.parseDouble(cells[1]) - actual.get(Integer.parseInt(cells[0]));
                sum += error * error;
                n++;
            }
        }
        assertEquals(35, n);
        double reported = FinalMetrics.read(folder.resolve(FinalMetrics.FILE)).get("test_rmse");
        assertEquals(reported, Math.sqrt(sum / n), 1e-9 * reported);
    }

    /**
     * {@code --evaluate} in a process of its own, as a user runs it after training: nothing but
     * Predict sets ND4J up there, and the scratch run's forecast metrics still come out exactly.
     */
    @Test
    void evaluateInAFreshProcessReproducesTheMetrics() throws Exception {
        Path folder = train("sunspots-lstm", Implementation.SCRATCH);
        Path stdout = dir.resolve("child-out.txt");
        Path stderr = dir.resolve("child-err.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                Predict.class.getName(), folder.toString(), "--evaluate")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            assertTrue(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the child did not end");
        } finally {
            child.destroyForcibly();
        }
        String out = Files.readString(stdout);
        assertEquals(0, child.exitValue(), Files.readString(stderr) + out);
        assertFalse(out.contains(" NO"), out);
    }

    @Test
    void damagedFilesAndFoldersThatAreNotRunsAreNamed() throws IOException {
        Path trained = train("sunspots-lstm", Implementation.DL4J);
        Path copy = Files.createDirectories(dir.resolve("damaged").resolve(trained.getFileName()));
        try (java.util.stream.Stream<Path> files = Files.list(trained)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path model = copy.resolve("model.zip");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(predict(copy.toString(), "--evaluate"), model.toString(), "cut short");

        Files.copy(trained.resolve("model.zip"), model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path normalizer = copy.resolve("normalizer.bin");
        Files.write(normalizer, java.util.Arrays.copyOf(Files.readAllBytes(normalizer), 20));
        Path table = dir.resolve("recent.csv");
        Files.writeString(table, "year,sunspots\n" + yearly(1990, 14));
        assertMessage(predict(copy.toString(), "--input", table.toString()), normalizer.toString(), "cut short");

        Path notARun = Files.createDirectories(dir.resolve("just-a-folder"));
        assertMessage(predict(notARun.toString(), "--evaluate"), "just-a-folder", "is not a run folder");
    }

    private static String yearly(int from, int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append(from + i).append(',').append(50 + 40 * Math.sin(i)).append('\n');
        }
        return rows.toString();
    }

    @Test
    void inputsThatDoNotFitTheModelSayWhatItExpects() throws IOException {
        Path letters = train("e1-letter-parity-simplernn", Implementation.SCRATCH);
        Path bad = dir.resolve("bad-letters.csv");
        Files.writeString(bad, "sequence,label\nabxa,0\n");
        assertMessage(predict(letters.toString(), "--input", bad.toString()), "bad-letters.csv", "'x'");

        Path window = train("e2-sine-window-simplernn", Implementation.SCRATCH);
        Path shortSeries = dir.resolve("short.txt");
        Files.writeString(shortSeries, "0.1\n0.2\n");
        assertMessage(predict(window.toString(), "--input", shortSeries.toString()), "short.txt",
                "windows of 6 values");

        Path sunspots = train("sunspots-lstm", Implementation.DL4J);
        Path columns = dir.resolve("columns.csv");
        Files.writeString(columns, "year,spots\n1990,1\n");
        assertMessage(predict(sunspots.toString(), "--input", columns.toString()), "columns.csv", "sunspots");

        assertMessage(predict(sunspots.toString(), "--input", "/dev/zero"), "/dev/zero", "is not a regular file");

        Path chart = train("control-chart-lstm", Implementation.SCRATCH);
        Path twoColumns = Files.createDirectories(dir.resolve("two-columns"));
        Files.createDirectories(twoColumns.resolve("features"));
        Files.createDirectories(twoColumns.resolve("labels"));
        Files.writeString(twoColumns.resolve("features/0.csv"), "1,2\n3,4\n5,6\n");
        Files.writeString(twoColumns.resolve("labels/0.csv"), "0\n");
        assertMessage(predict(chart.toString(), "--input", twoColumns.toString()), "two-columns", "2 value(s) per step",
                "reads 1 per step");
        assertMessage(predict(chart.toString(), "--input", shortSeries.toString()), "short.txt", "not a folder");
        assertMessage(predict(chart.toString(), "--sample", "10"), "does not sample text");

        Path text = train("char-model-lstm", Implementation.DL4J);
        assertMessage(predict(text.toString(), "--sample", "10", "--prompt", "caf\u00e9\u263A"), "prompt's character",
                "U+263A", "not one the network knows");
        assertRefused(predict(text.toString(), "--sample", "0"), "--sample takes a number of characters");
        assertRefused(predict(text.toString(), "--sample", "2000000000"), "--sample takes a number of characters",
                "1..100000");
        assertRefused(predict(text.toString(), "--sample", "5", "--temperature", "-1"), "--temperature takes");
        assertMessage(predict(text.toString(), "--input", shortSeries.toString()), "char-model",
                "does not predict from files yet");
    }

    /**
     * The classification kind's predictions on its own test set give the run's reported test accuracy,
     * every digit; each row's probabilities sum to 1.
     */
    @Test
    void classificationPredictionsOnTheTestSetGiveTheReportedAccuracy() throws IOException {
        Path folder = train("control-chart-lstm", Implementation.DL4J);
        CapturedRun outcome = predict(folder.toString(), "--input", "data/control-chart/test");
        assertEquals(0, outcome.status(), outcome.err());
        List<String> rows = Files.readAllLines(folder.resolve("predictions-test.csv"));
        assertEquals("sequence,steps,label,name,p0,p1,p2,p3,p4,p5", rows.get(0));
        assertEquals(151, rows.size());
        int right = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            int actual = Integer.parseInt(Files.readString(Path.of("data/control-chart/test/labels/" + cells[0] + ".csv"))
                    .strip());
            right += Integer.parseInt(cells[2]) == actual ? 1 : 0;
            double sum = 0;
            for (int k = 4; k < cells.length; k++) {
                sum += Double.parseDouble(cells[k]);
            }
            assertEquals(1.0, sum, 1e-12, row);
        }
        double reported = FinalMetrics.read(folder.resolve(FinalMetrics.FILE)).get("test_accuracy");
        assertEquals(reported, right / 150.0, 0.0);
    }

    /** The same seed gives the same text; another seed, at a temperature above 0, other text. */
    @Test
    void samplesAreRepeatableBySeed() throws IOException {
        Path folder = train("char-model-lstm", Implementation.SCRATCH);
        Path first = dir.resolve("first.txt");
        CapturedRun one = predict(folder.toString(), "--sample", "60", "--prompt", "The\snetwork", "--seed", "7",
                "--temperature", "1", "--output", first.toString());
        assertEquals(0, one.status(), one.err());
        CapturedRun again = predict(folder.toString(), "--sample", "60", "--prompt", "The\snetwork", "--seed", "7",
                "--temperature", "1");
        assertEquals(0, again.status(), again.err());
        String text = Files.readString(first);
        assertTrue(text.startsWith("The network"), text);
        assertEquals("The network".length() + 60, text.codePointCount(0, text.length()));
        assertEquals(text, Files.readString(folder.resolve("sample-7.txt")));
        assertTrue(one.out().startsWith(text), one.out());
        CapturedRun other = predict(folder.toString(), "--sample", "60", "--prompt", "The\snetwork", "--seed", "8",
                "--temperature", "1");
        assertEquals(0, other.status(), other.err());
        assertNotEquals(text, Files.readString(folder.resolve("sample-8.txt")));
    }

    @Test
    void generationContinuesASeriesFile() throws IOException {
        Path folder = train("e3-sine-warmup-simplernn", Implementation.DL4J);
        Path series = dir.resolve("warm.txt");
        Files.writeString(series, "0.0\n0.1\n0.2\n0.3\n");
        CapturedRun outcome = predict(folder.toString(), "--input", series.toString());
        assertEquals(0, outcome.status(), outcome.err());
        List<String> rows = Files.readAllLines(folder.resolve("predictions-warm.csv"));
        assertEquals("step,generated", rows.get(0));
        assertEquals(List.of("4", "5", "6", "7", "8"), rows.subList(1, rows.size()).stream()
                .map(r -> r.split(",")[0]).toList());
    }

    @Test
    void badArgumentsGiveTheUsageAndBadFoldersAOneLineMessage() throws IOException {
        assertRefused(predict(), "no RUN_FOLDER given");
        assertRefused(predict(dir.toString(), "--frobnicate"), "unknown option '--frobnicate'");
        assertRefused(predict(dir.toString()), "none of --input, --evaluate and --sample");
        assertRefused(predict(dir.toString(), "--evaluate", "--sample", "3"), "give one of");
        assertRefused(predict(dir.toString(), "--input", dir.toString(), "--seed", "3"), "go with --sample");
        assertRefused(predict(dir.toString(), "--input"), "--input needs a value");
        assertRefused(predict(dir.toString(), "--input", "--evaluate"), "--input needs a value");
        assertRefused(predict(dir.toString(), "--input", dir.resolve("x.csv").toString()), "input", "x.csv",
                "not found");
        assertRefused(predict(dir.toString(), dir.toString(), "--evaluate"), "2 RUN_FOLDER arguments given");
        assertRefused(predict(dir.toString(), "--sample", "5", "--prompt", "a\\q"), "has a backslash that starts no");
        assertRefused(predict(dir.resolve("nowhere").toString(), "--evaluate"), "not found", "nowhere");
        assertRefused(predict(dir.toString(), "--ui"), "Predict does not take --ui", "AllExperiments");
        Path incomplete = Files.createDirectories(dir.resolve("runs/x-20260101-000000.incomplete"));
        assertMessage(predict(incomplete.toString(), "--evaluate"), "did not finish", ".incomplete");
    }

    /** Bad arguments: status 2, the message on the first line of standard error, then the usage text. */
    private static void assertRefused(CapturedRun outcome, String... parts) {
        assertEquals(Experiments.BAD_ARGUMENTS, outcome.status(), outcome.err());
        String first = outcome.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("rnnlab predict: "), outcome.err());
        for (String part : parts) {
            assertTrue(first.contains(part), "lacks '" + part + "': " + first);
        }
        assertTrue(outcome.err().endsWith(Predict.USAGE.text()), outcome.err());
        assertEquals("", outcome.out());
    }

    private static void assertMessage(CapturedRun outcome, String... parts) {
        assertEquals(1, outcome.status(), outcome.err());
        assertTrue(outcome.err().startsWith("rnnlab predict: "), outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        for (String part : parts) {
            assertTrue(outcome.err().contains(part), "lacks '" + part + "': " + outcome.err());
        }
    }
}

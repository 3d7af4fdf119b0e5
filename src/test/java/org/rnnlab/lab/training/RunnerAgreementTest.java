package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.report.ResultsTable;
import org.rnnlab.lab.tasks.Task;
import org.rnnlab.lab.tasks.TaskKind;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.spec.CellType;
import org.rnnlab.testing.SettingsCopies;

/**
 * DL4J and the scratch network trained through {@link ExperimentRunner}, the path every runnable class
 * takes, for every task kind and every cell: the two rows are the same computation. Each case is a
 * reference settings file made small (a few units, a few minibatches) and trained for several epochs
 * with the per-epoch state its kind has: interleaved shares of a text and samples after every epoch
 * (char-model, with truncated BPTT), new random draws every epoch (adding, temporal order, the sine
 * draws of E3), early stopping on a held-out loss (series-window and series-forecast, at a learning
 * rate high enough that it stops), masks of sequences of different lengths (sequence-classify, with
 * its generated test set, and embedded Reber). Final parameters, every final metric but the timings, every epoch's metrics and
 * the samples of the two runs agree to 1e-9.
 */
class RunnerAgreementTest {

    /** Largest difference allowed: absolute below 1, relative above (losses and bits are of order 1). */
    static final double TOLERANCE = 1e-9;

    /** Relative difference allowed between float rows, and between a float row and the double one. */
    static final double FLOAT_TOLERANCE = 1e-4;

    /** Per task kind: the reference settings file it starts from and what makes it small. */
    private static final Map<String, Case> CASES = Map.of(
            "letter-parity", new Case("e1-letter-parity-lstm", Map.of("hidden", "3", "epochs", "4")),
            "series-window", new Case("e4-sine-slow-lstm", Map.of("hidden", "3", "epochs", "12", "batch", "64",
                    "stop.patience", "2", "learning.rate", "0.2")),
            "series-forecast", new Case("sunspots-lstm", Map.of("hidden", "3", "epochs", "12",
                    "stop.patience", "2", "learning.rate", "0.2")),
            "sequence-classify", new Case("control-chart-variable-lstm", Map.of("layers", "1", "hidden", "3",
                    "epochs", "3", "batch", "150", "test.generated.series", "60")),
            "sine-generation", new Case("e3-sine-warmup-lstm", Map.of("hidden", "3", "epochs", "4",
                    "windows.per.sequence", "2", "sequences.per.epoch", "2", "batch", "1", "generation.steps", "5")),
            "char-model", new Case("char-model-lstm", Map.of("data.text", "text/small.txt", "hidden", "3",
                    "epochs", "4", "window", "12", "windows.per.epoch", "6", "batch", "3", "tbptt", "5",
                    "sample.every", "1", "sample.length", "12", "sample.prompt", "the")),
            "adding", new Case("adding-t100-lstm", Map.of("hidden", "3", "epochs", "3", "length", "12",
                    "epoch.sequences", "12", "test.sequences", "8", "batch", "4")),
            "temporal-order", new Case("temporal-order-lstm", Map.of("hidden", "3", "epochs", "3",
                    "epoch.sequences", "6", "test.sequences", "4", "batch", "3")),
            "embedded-reber", new Case("embedded-reber-lstm", Map.of("hidden", "3", "epochs", "3",
                    "train.strings", "12", "test.strings", "6", "batch", "4")));

    /** Cases beyond one per kind: a kind's option that gives it per-epoch state it otherwise lacks. */
    private static final Map<String, Case> VARIANTS = Map.of(
            "sequence-classify, training series drawn every epoch", new Case("control-chart-variable-generated-lstm",
                    Map.of("layers", "1", "hidden", "3", "epochs", "3", "batch", "10", "train.generated.series", "30",
                            "test.generated.series", "60")));

    private static final Pattern SAMPLE = Pattern.compile("(?m)^#+ Sample after epoch (\\d+).*$");

    @TempDir
    static Path dataDir;

    @TempDir
    Path dir;

    private record Case(String reference, Map<String, String> changes) {
    }

    @BeforeAll
    static void smallData() throws IOException {
        Backend.configure();
        // the char-model case reads the start of the demo corpus: a small text keeps evaluation cheap
        String text = Files.readString(DataFiles.dataDir().resolve("text/rnnlab-docs.txt"), StandardCharsets.UTF_8);
        Path small = Files.createDirectories(dataDir.resolve("text")).resolve("small.txt");
        Files.writeString(small, text.substring(0, 3000), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void parallelDefault() {
        System.clearProperty(ExperimentRunner.PARALLEL_PROPERTY);
    }

    static Stream<Arguments> everyKindAndCell() {
        List<Arguments> cases = new ArrayList<>();
        for (TaskKind<?> kind : TaskKinds.ALL) {
            for (CellType cell : CellType.values()) {
                cases.add(Arguments.of(kind.name(), cell));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> everyVariantAndCell() {
        List<Arguments> cases = new ArrayList<>();
        for (String variant : VARIANTS.keySet()) {
            for (CellType cell : CellType.values()) {
                cases.add(Arguments.of(variant, cell));
            }
        }
        return cases.stream();
    }

    @Test
    void everyTaskKindHasACase() {
        Set<String> kinds = new HashSet<>();
        TaskKinds.ALL.forEach(kind -> kinds.add(kind.name()));
        assertEquals(kinds, CASES.keySet(), "a task kind without a runner agreement case");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyKindAndCell")
    void dl4jAndScratchRowsAgree(String kind, CellType cell) throws IOException {
        Case c = CASES.get(kind);
        if (c == null) {
            fail("no case for task kind " + kind);
        }
        agree(kind, c, cell);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyVariantAndCell")
    void dl4jAndScratchRowsAgreeOnVariants(String variant, CellType cell) throws IOException {
        Case c = VARIANTS.get(variant);
        agree(TaskKinds.load(SettingsCopies.reference(c.reference()), DataFiles.dataDir()).task().kind(), c, cell);
    }

    /**
     * With {@code precision = float} the two rows are one computation in float: its losses (and bits
     * per character, mean squared errors) agree to
     * {@value #FLOAT_TOLERANCE} relative, and both stay as close to the double run of the same file.
     * The bound is FloatAgreementTest's, where 200 float updates of DL4J and the scratch network
     * stayed within 4e-5 of each other (relative to the distance the parameters moved): the runs
     * here are shorter, and a loss is less sensitive than the parameters behind it.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("floatKindsAndCells")
    void floatRowsAgreeWithEachOtherAndWithDouble(String kind, CellType cell) throws IOException {
        Case c = CASES.get(kind);
        List<ResultRow> single = train(kind, c, cell, Map.of("precision", "float"), dir.resolve("float")).table().rows();
        List<ResultRow> exact = train(kind, c, cell, Map.of(), dir.resolve("double")).table().rows();
        assertEquals(2, single.size(), single.toString());
        List<String> losses = single.get(0).metrics().keySet().stream().filter(m -> m.contains("loss") || m.endsWith("_bpc") || m.endsWith("_mse")).toList();
        assertFalse(losses.isEmpty(), single.get(0).metrics().toString());
        for (String metric : losses) {
            double dl4j = single.get(0).metrics().get(metric);
            double scratch = single.get(1).metrics().get(metric);
            double reference = exact.get(0).metrics().get(metric);
            String where = metric + ": DL4J float " + dl4j + ", scratch float " + scratch + ", double " + reference;
            assertTrue(Math.abs(dl4j - scratch) <= FLOAT_TOLERANCE * Math.abs(reference), where);
            assertTrue(Math.abs(scratch - reference) <= FLOAT_TOLERANCE * Math.abs(reference), where);
        }
        double parameters = single.get(1).metrics().get("param_diff_vs_dl4j");
        assertTrue(parameters > TOLERANCE && parameters <= FLOAT_TOLERANCE,
                "float rows' parameters differ by " + parameters + ": more than double rounding, within float's");
    }

    static Stream<Arguments> floatKindsAndCells() {
        List<Arguments> cases = new ArrayList<>();
        for (String kind : List.of("series-window", "char-model", "adding")) {
            for (CellType cell : CellType.values()) {
                cases.add(Arguments.of(kind, cell));
            }
        }
        return cases.stream();
    }

    /** Trains the case's file, with the cell and {@code more} changes, through the runner. */
    private ExperimentRunner.Results train(String kind, Case c, CellType cell, Map<String, String> more, Path into)
            throws IOException {
        Map<String, String> changes = new HashMap<>(c.changes());
        changes.put("cell", cell.key());
        changes.putAll(more);
        Path settingsDir = Files.createDirectories(into.resolve("settings"));
        Path file = SettingsCopies.edit(SettingsCopies.reference(c.reference()), settingsDir, changes);
        Path data = kind.equals("char-model") ? dataDir : DataFiles.dataDir();
        Path runs = into.resolve("runs");
        return ExperimentRunner.run(ExperimentRunner.prepare(List.of(file), data), runs,
                ExperimentRunner.resultsFile(runs), new StopRequest());
    }

    private void agree(String kind, Case c, CellType cell) throws IOException {
        Map<String, String> changes = new HashMap<>(c.changes());
        changes.put("cell", cell.key());
        // to the last digits is a comparison in double, whatever precision the reference file trains in
        changes.put("precision", "double");
        Path settingsDir = Files.createDirectories(dir.resolve("settings"));
        Path file = SettingsCopies.edit(SettingsCopies.reference(c.reference()), settingsDir, changes);
        Path data = kind.equals("char-model") ? dataDir : DataFiles.dataDir();
        Path runs = dir.resolve("runs");

        List<PreparedExperiment> prepared = ExperimentRunner.prepare(List.of(file), data);
        Task task = prepared.get(0).newTask();
        Set<String> timings = new HashSet<>(task.speedMetrics(1, 1).keySet());
        timings.add(Trainer.MS_PER_EPOCH);
        ResultsTable table = ExperimentRunner.run(prepared, runs, ExperimentRunner.resultsFile(runs),
                new StopRequest()).table();

        List<ResultRow> rows = table.rows();
        assertEquals(2, rows.size(), rows.toString());
        ResultRow dl4j = rows.get(0);
        ResultRow scratch = rows.get(1);
        assertEquals(List.of(Dl4jNetwork.IMPLEMENTATION, ScratchTrainable.IMPLEMENTATION),
                List.of(dl4j.implementation(), scratch.implementation()));
        assertTrue(dl4j.isOk() && scratch.isOk(), dl4j.status() + " / " + scratch.status());

        double parameters = scratch.metrics().get("param_diff_vs_dl4j");
        assertTrue(parameters <= TOLERANCE, "final parameters differ by " + parameters);
        for (Map.Entry<String, Double> metric : dl4j.metrics().entrySet()) {
            if (!timings.contains(metric.getKey())) {
                assertClose(metric.getKey(), metric.getValue(), scratch.metrics().get(metric.getKey()));
            }
        }

        Path dl4jFolder = runFolder(runs, Dl4jNetwork.IMPLEMENTATION);
        Path scratchFolder = runFolder(runs, ScratchTrainable.IMPLEMENTATION);
        MetricsLog dl4jLog = MetricsLog.read(dl4jFolder.resolve("metrics.csv"));
        MetricsLog scratchLog = MetricsLog.read(scratchFolder.resolve("metrics.csv"));
        assertEquals(dl4jLog.columns(), scratchLog.columns());
        assertTrue(dl4jLog.size() >= 3, "at least 3 epochs logged, got " + dl4jLog.size());
        assertEquals(dl4jLog.size(), scratchLog.size(), "epochs logged");
        for (String column : dl4jLog.columns()) {
            double[] a = dl4jLog.column(column);
            double[] b = scratchLog.column(column);
            for (int i = 0; i < a.length; i++) {
                assertClose(column + " at row " + (i + 1) + " of metrics.csv", a[i], b[i]);
            }
        }

        if (kind.equals("sequence-classify")) {
            assertTrue(dl4j.metrics().containsKey("fresh_test_accuracy"), dl4j.metrics().toString());
        }
        if (task.stopPatience() > 0) {
            String summary = Files.readString(dl4jFolder.resolve("summary.md"), StandardCharsets.UTF_8);
            assertTrue(summary.contains("training stopped at epoch"), "early stopping took place: " + summary);
        }

        List<String> dl4jSamples = samples(dl4jFolder);
        assertEquals(dl4jSamples, samples(scratchFolder), "the text samples of the two runs");
        if (kind.equals("char-model")) {
            assertEquals(List.of("1", "2", "3", "4"), dl4jSamples.stream().map(s -> s.split("\n", 2)[0]).toList(),
                    "one sample after each epoch, each once");
        }
    }

    private static void assertClose(String what, double expected, double actual) {
        double allowed = TOLERANCE * Math.max(1, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= allowed,
                what + ": DL4J " + expected + ", scratch " + actual + " (allowed " + allowed + ")");
    }

    private static Path runFolder(Path runs, String implementation) throws IOException {
        try (Stream<Path> folders = Files.list(runs)) {
            List<Path> found = folders.filter(f -> f.getFileName().toString().contains("-" + implementation + "-"))
                    .toList();
            assertEquals(1, found.size(), "one " + implementation + " run folder in " + runs + ": " + found);
            return found.get(0);
        }
    }

    /** Each sample of a run's summary: its epoch, a line break, and its fenced text. */
    private static List<String> samples(Path folder) throws IOException {
        String summary = Files.readString(folder.resolve("summary.md"), StandardCharsets.UTF_8);
        List<String> samples = new ArrayList<>();
        Matcher heading = SAMPLE.matcher(summary);
        while (heading.find()) {
            int open = summary.indexOf('`', heading.end());
            int fenceEnd = open;
            while (summary.charAt(fenceEnd) == '`') {
                fenceEnd++;
            }
            String fence = summary.substring(open, fenceEnd);
            int bodyStart = summary.indexOf('\n', fenceEnd) + 1;
            int close = summary.indexOf("\n" + fence + "\n", bodyStart - 1);
            assertTrue(close >= 0, "an unclosed sample in " + folder);
            samples.add(heading.group(1) + "\n" + summary.substring(bodyStart, close));
        }
        return samples;
    }
}

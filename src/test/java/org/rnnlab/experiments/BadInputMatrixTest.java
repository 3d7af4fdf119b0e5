package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.testing.SettingsCopies;

/**
 * Bad input of every kind, through the entry logic of the runnable classes as a user meets it: one
 * case per row, each asserting the exit status, the parts the message must name, that no stack trace
 * is shown, and what is left on disk. Each case has a workspace of its own: a copy of data/, its own
 * settings files and run folder root.
 */
class BadInputMatrixTest {

    /** A series of 2,000 values: more than any window here needs, read in moments. */
    private static final String LONG_SERIES = series(2000);

    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    /** What a case expects to find under the run folder root afterwards. */
    enum Leftover {
        /** Nothing trained: no run folder, no results file. */
        NOTHING,
        /** Runs that diverged: incomplete folders with FAILED.txt, and the results file. */
        FAILED_FOLDERS,
        /** The run folder root is a file that must be left as it was. */
        ROOT_FILE_UNTOUCHED,
        /** The one run folder the case made, left as it was: nothing renamed, no note, no results file. */
        FINISHED_FOLDER
    }

    /** Builds a case's files in its workspace and returns the arguments. */
    interface Setup {
        String[] prepare(Workspace w) throws IOException;
    }

    record Case(Setup setup, Entry entry, int status, List<String> parts, Leftover leftover) {
    }

    /** Which runnable class's entry logic a case goes through. */
    enum Entry {
        MAIN_JOB, STUDY, BENCHMARK
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void badInputEndsWithAClearMessageAndExitStatus(Case c) throws IOException {
        Workspace w = new Workspace(dir);
        String[] args = c.setup().prepare(w);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Invocation io = new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), w::dataDir, w.runs(), new StopRequest());
        int status = switch (c.entry()) {
            case MAIN_JOB -> AllExperiments.run(args, io);
            case STUDY -> LetterParityStudy.run(args, io);
            case BENCHMARK -> Benchmark.run(args, io);
        };
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(c.status(), status, stderr);
        for (String part : c.parts()) {
            assertTrue(stderr.contains(part), "message lacks '" + part + "':\n" + stderr);
        }
        assertTrue(stderr.startsWith("rnnlab"), stderr);
        Usage usage = switch (c.entry()) {
            case MAIN_JOB -> AllExperiments.USAGE;
            case STUDY -> LetterParityStudy.USAGE;
            case BENCHMARK -> Benchmark.USAGE;
        };
        assertEquals(c.status() == Experiments.BAD_ARGUMENTS, stderr.endsWith(usage.text()),
                "the usage text follows bad arguments, and only them:\n" + stderr);
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception in thread"), stderr);
        assertFalse(stderr.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r'),
                "control characters reach the terminal: " + stderr);
        switch (c.leftover()) {
            case NOTHING -> assertEquals(List.of(), w.runsContent(), "nothing may be written when nothing trained");
            case FAILED_FOLDERS -> {
                List<String> content = w.runsContent();
                assertTrue(content.stream().anyMatch(name -> name.startsWith("results-")), content.toString());
                for (String name : content) {
                    if (name.endsWith(".incomplete")) {
                        assertTrue(Files.exists(w.runs().resolve(name).resolve("FAILED.txt")), name);
                        assertTrue(Files.exists(w.runs().resolve(name).resolve("metrics.csv")), name);
                    }
                }
                assertTrue(content.stream().anyMatch(name -> name.endsWith(".incomplete")), content.toString());
            }
            case ROOT_FILE_UNTOUCHED -> assertEquals("not a folder\n", Files.readString(w.root().resolve("runs")));
            case FINISHED_FOLDER -> {
                List<String> content = w.runsContent();
                assertEquals(1, content.size(), content.toString());
                try (Stream<Path> files = Files.list(w.runs().resolve(content.get(0)))) {
                    assertTrue(files.allMatch(f -> f.getFileName().toString().equals("settings.properties")),
                            "the folder is left as it was");
                }
            }
        }
    }

    static Stream<Named<Case>> cases() {
        List<Named<Case>> cases = new ArrayList<>();
        String e4 = "e4-sine-slow-simplernn";
        String e2 = "e2-sine-window-simplernn";
        String e1 = "e1-letter-parity-simplernn";
        String e3 = "e3-sine-warmup-simplernn";

        // settings values
        value(cases, e4, "hidden", "x", "key 'hidden'", "positive integer");
        value(cases, e4, "hidden", "0", "key 'hidden'", "positive integer");
        value(cases, e4, "hidden", "-3", "key 'hidden'", "'-3'");
        value(cases, e4, "layers", "1.5", "key 'layers'", "positive integer");
        value(cases, e4, "layers", "99999999999", "key 'layers'", "positive integer");
        value(cases, e4, "batch", "0", "key 'batch'", "positive integer");
        value(cases, e4, "epochs", "ten", "key 'epochs'", "positive integer");
        value(cases, e4, "tbptt", "-1", "key 'tbptt'", "integer >= 0");
        value(cases, e4, "learning.rate", "0", "key 'learning.rate'", "positive number");
        value(cases, e4, "learning.rate", "NaN", "key 'learning.rate'", "positive number");
        value(cases, e4, "learning.rate", "Infinity", "key 'learning.rate'", "positive number");
        value(cases, e4, "seed", "1.5", "key 'seed'", "an integer");
        value(cases, e4, "checkpoint.every", "-1", "key 'checkpoint.every'", "integer >= 0");
        value(cases, e4, "checkpoint.every", "2.5", "key 'checkpoint.every'", "integer >= 0");
        value(cases, e4, "forget.bias", "3", "key 'forget.bias'", "cell = lstm with bias = true",
                "cell = simplernn");
        value(cases, "e4-sine-slow-lstm", "forget.bias", "high", "key 'forget.bias'", "a finite number");
        refused(cases, "--resume without a folder", w -> new String[] {"--resume"}, "--resume needs a value",
                "--resume RUN_FOLDER");
        refused(cases, "--resume with a settings file too", w -> new String[] {"--resume",
                w.runs().getParent().toString(), w.settings(e4, Map.of())},
                "--resume takes one run folder and goes alone");
        refused(cases, "--resume of a folder that is not there",
                w -> new String[] {"--resume", w.runs().resolve("gone.incomplete").toString()}, "gone.incomplete",
                "not found");
        add(cases, "--resume of a finished run", w -> {
            Path finished = java.nio.file.Files.createDirectories(w.runs().resolve("e4-sine-slow-simplernn-dl4j-1"));
            return new String[] {"--resume", finished.toString()};
        }, Leftover.FINISHED_FOLDER, "finished run", "only an interrupted run can be resumed");
        add(cases, "--resume of a run without a checkpoint", w -> {
            Path stopped = java.nio.file.Files.createDirectories(
                    w.runs().resolve("e4-sine-slow-simplernn-dl4j-1.incomplete"));
            java.nio.file.Files.copy(Path.of(w.settings("e4-sine-slow-simplernn", Map.of())),
                    stopped.resolve("settings.properties"));
            return new String[] {"--resume", stopped.toString()};
        }, Leftover.FINISHED_FOLDER, "no complete checkpoint", "checkpoint.every");
        value(cases, "char-model-lstm", "sample.length", "2000000000", "key 'sample.length'", "1..100000");
        value(cases, e3, "generation.steps", "2000000000", "key 'generation.steps'", "1..100000");
        value(cases, e3, "sequences.per.epoch", "2000000000", "key 'sequences.per.epoch'", "1..100000");
        value(cases, "adding-t100-lstm", "test.sequences", "2000000000", "key 'test.sequences'", "at most",
                "held in memory", "-Xmx");
        value(cases, "temporal-order-lstm", "epoch.sequences", "2000000000", "key 'epoch.sequences'", "at most");
        value(cases, "embedded-reber-lstm", "train.strings", "2000000000", "key 'train.strings'", "at most");
        value(cases, "sunspots-lstm", "columns.input", "sunspots, sunspots", "key 'columns.input'",
                "'sunspots' is named twice");
        add(cases, "a named pipe as the data file", w -> {
            Path fifo = w.dataDir().resolve("sunspots/pipe.csv");
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
            try {
                assertEquals(0, mkfifo.waitFor(), "mkfifo");
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return new String[] {w.settings("sunspots-lstm", Map.of("data.file", "sunspots/pipe.csv"))};
        }, "key 'data.file'", "pipe.csv", "is not a regular file");
        value(cases, e4, "implementations", "torch", "key 'implementations'", "dl4j, scratch or both");
        value(cases, e4, "implementations", "dl4j, dl4j", "key 'implementations'", "each once");
        value(cases, e4, "implementations", "dl4j,", "key 'implementations'", "'dl4j,'");
        refused(cases, "--implementations= with an unknown name",
                w -> new String[] {w.settings(e4, Map.of()), "--implementations=pytorch"},
                "'pytorch' is not a list of implementations", "dl4j, scratch or both");
        refused(cases, "--implementations= twice",
                w -> new String[] {w.settings(e4, Map.of()), "--implementations=dl4j", "--implementations=scratch"},
                "--implementations= is given 2 times");
        value(cases, e4, "cell", "elman", "key 'cell'", "simplernn | lstm | gru");
        value(cases, e4, "bias", "yes", "key 'bias'", "true or false");
        value(cases, e4, "init", "normal 0 -1", "key 'init'", "STD > 0");
        value(cases, e4, "init", "uniform 1 0", "key 'init'", "LOWER < UPPER");
        value(cases, e4, "init", "gaussian", "key 'init'", "xavier");
        value(cases, e4, "clip", "elementwise 0", "key 'clip'", "T > 0");
        value(cases, e4, "clip", "l3 1", "key 'clip'", "'l2 T'");
        value(cases, e4, "updater", "rmsprop", "key 'updater'", "sgd | adam");
        value(cases, e4, "output.activation", "softmax", "key 'output.activation'", "at least 2 output units");
        value(cases, e4, "loss", "xent", "key 'loss'", "output.activation = sigmoid");
        value(cases, e4, "experiment", "sine-windw", "key 'experiment'", "series-window");
        value(cases, e4, "window", "0", "key 'window'", "positive integer");
        value(cases, e4, "heldout.name", "train", "key 'heldout.name'", "test or validation");
        value(cases, e2, "stop.patience", "3", "key 'stop.patience'", "a test set must not decide");
        value(cases, e4, "hidden", "1\u0007\u001b[2J", "key 'hidden'", "\\u0007", "\\u001B");
        value(cases, e4, "hidden", "9".repeat(500), "key 'hidden'", "more characters)");
        value(cases, e3, "generation.steps", "0", "key 'generation.steps'", "positive integer");
        value(cases, e3, "windows.per.sequence", "-1", "key 'windows.per.sequence'", "positive integer");
        value(cases, e3, "data.generation", "e3-sine/generation-start-0.txt, e3-sine/generation-start-1.txt",
                "key 'data.generation'", "one file per window");
        value(cases, e3, "generation.warmup", "1000", "generation.warmup = 1000", "true values before the window");
        add(cases, "unknown key with a typo", w -> w.args(w.settingsWithLines(e4, List.of("hiden = 5"))),
                "unknown key 'hiden'", "did you mean 'hidden'");
        add(cases, "missing key", w -> w.args(w.settingsWithout(e4, "epochs")), "missing key 'epochs'", "positive integer");

        // settings file syntax and encoding
        add(cases, "line without '='", w -> w.args(w.settingsWithLines(e4, List.of("hidden 5"))), "is not a setting",
                "expected 'key = value'");
        add(cases, "repeated key", w -> w.args(w.settingsWithLines(e4, List.of("seed = 2"))), "key 'seed'",
                "already set on line");
        add(cases, "key missing before '='", w -> w.args(w.settingsWithLines(e4, List.of("= 5"))),
                "missing key before '='");
        value(cases, e4, "hidden", "", "key 'hidden'", "positive integer");
        add(cases, "settings file not UTF-8", w -> w.args(w.rawSettings("latin1.properties",
                "hidden = caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))), "is not UTF-8", "save it as UTF-8");
        refused(cases, "settings file missing", w -> w.args(w.root().resolve("settings/none.properties").toString()),
                "none.properties not found");
        refused(cases, "settings file missing after a good one", w -> w.args(w.settings(e4, Map.of()),
                w.root().resolve("settings/none.properties").toString()), "none.properties not found");
        refused(cases, "settings file is a directory", w -> w.args(Files.createDirectories(
                w.root().resolve("settings/folder.properties")).toString()), "folder.properties", "is a directory");
        add(cases, "empty settings file", w -> w.args(w.rawSettings("empty.properties", new byte[0])),
                "missing key 'experiment'");
        add(cases, "settings file far too large", w -> w.args(w.rawSettings("huge.properties",
                ("# " + "x".repeat(100) + "\n").repeat(11_000).getBytes(StandardCharsets.UTF_8))), "huge.properties",
                "at most 1048576 bytes");
        add(cases, "NUL byte in a value", w -> w.args(w.settings(e4, Map.of("hidden", "1\u0000"))), "key 'hidden'",
                "'1\\u0000'");

        // data files
        data(cases, e4, "data.train", "bad.txt", "0.1\n0.2\nzero\n0.4\n", "key 'data.train'", "line 3",
                "'zero'", "not a number");
        data(cases, e4, "data.train", "nan.txt", "0.1\nNaN\n0.3\n", "key 'data.train'", "line 2", "'NaN'", "finite");
        data(cases, e4, "data.heldout", "inf.txt", "0.1\n-Infinity\n", "key 'data.heldout'", "'-Infinity'", "finite");
        data(cases, e4, "data.train", "overflow.txt", "0.1\n1e999\n", "key 'data.train'", "'1e999'", "finite");
        data(cases, e4, "data.train", "empty.txt", "# only a comment\n\n", "key 'data.train'", "holds no values");
        data(cases, e4, "data.train", "ragged.txt", "0.1\n0.2\n0.3,0.4\n", "key 'data.train'", "line 3 has 2 values");
        data(cases, e4, "data.train", "short.txt", "0.1\n0.2\n0.3\n", "key 'data.train'", "too few for one window");
        data(cases, e4, "data.train", "latin1.txt", "0.5\n\u00b5\n", "key 'data.train'", "not UTF-8");
        add(cases, "data file missing", w -> w.args(w.settings(e4, Map.of("data.heldout", "e4-sine/nope.txt"))),
                "key 'data.heldout'", "e4-sine/nope.txt", "not found");
        add(cases, "every missing data file of one settings file", w -> w.args(w.settings(e4,
                Map.of("data.train", "a.txt", "data.heldout", "b.txt"))), "2 problems", "key 'data.train'",
                "key 'data.heldout'", "nothing was trained");
        add(cases, "data path is a directory", w -> w.args(w.settings(e4, Map.of("data.train", "e4-sine"))),
                "key 'data.train'", "is a directory, expected a file");
        add(cases, "data file past the line limit", w -> {
            w.data("many.txt", "0.5\n".repeat(100_001));
            return w.args(w.settings(e4, Map.of("data.train", "many.txt")));
        }, "key 'data.train'", "more than 100000 lines", "-Drnnlab.data.maxLines");
        data(cases, e1, "data.train", "x.csv", "sequence,label\nabxc,1\n", "key 'data.train'", "the letter 'x'",
                "alphabet");
        data(cases, e1, "data.test", "label.csv", "sequence,label\nabca,2\n", "key 'data.test'", "label '2'",
                "expected 0 or 1");
        data(cases, e1, "data.train", "noheader.csv", "abca,1\n", "key 'data.train'", "header 'sequence,label'");
        data(cases, e1, "data.wide", "ragged.csv", "sequence,label\nabca,1,0\n", "key 'data.wide'", "has 3 values");
        data(cases, e1, "data.train", "empty.csv", "", "key 'data.train'", "is empty");
        add(cases, "generation file does not end with its window", w -> {
            w.data("e3-sine/generation-start-1.txt", series(w.values("e3-sine/generation-start-1.txt")));
            return w.args(w.settings(e3, Map.of()));
        }, "key 'data.generation'", "generation-start-1.txt", "does not end with the window");
        add(cases, "a window file of one value", w -> {
            w.data("one.txt", "0.5\n");
            return w.args(w.settings(e3, Map.of("data.windows", "one.txt, e3-sine/start-1.txt, e3-sine/start-2.txt")));
        }, "key 'data.windows'", "'one.txt'", "at least 2");
        add(cases, "missing data directory", w -> {
            w.moveDataAway();
            return w.args(w.settings(e4, Map.of()));
        }, "data directory", "not found");

        // series-forecast: a header CSV, named columns, spans
        String sun = "sunspots-lstm";
        value(cases, sun, "columns.target", "sunspot", "key 'columns.target'", "'sunspot'", "did you mean 'sunspots'");
        value(cases, sun, "split.test", "1921-2100", "key 'split.test'", "1921..2100", "outside the data");
        value(cases, sun, "split.train", "1920-1700", "key 'split.train'", "FROM-TO");
        value(cases, sun, "split.train", "1700-1705", "key 'split.train'", "needs 13 rows");
        value(cases, sun, "split.column", "decade", "key 'split.column'", "no column 'decade'");
        value(cases, sun, "normalise", "zscore", "key 'normalise'", "standardize | minmax | none");
        add(cases, "series-forecast: patience without validation", w -> w.args(w.settings(sun,
                Map.of("split.validation", "none", "stop.patience", "5"))), "key 'stop.patience'",
                "needs a validation span");
        data(cases, sun, "data.file", "table.csv", "year,sunspots\n1700,5\n1701,eleven\n", "key 'data.file'",
                "line 3", "'eleven'", "not a number");
        data(cases, sun, "data.file", "noheader.csv", "1700,5\n1701,11\n", "key 'data.file'", "a header naming the columns");

        // several files: every problem is reported, and nothing trains though the first files are good
        add(cases, "problems in two settings files", w -> w.args(w.settings(e4, Map.of("hidden", "x")),
                w.settings(e1, Map.of("data.test", "e1-letters/none.csv"))), "2 problems", "key 'hidden'",
                "key 'data.test'", "nothing was trained");
        add(cases, "good files before a bad one train nothing", w -> {
            w.data("bad.txt", "0.1\nabc\n");
            return w.args(w.settings(e4, Map.of()), w.settings("e4-sine-slow-lstm", Map.of()),
                    w.settings(e2, Map.of("data.heldout", "bad.txt")));
        }, "key 'data.heldout'", "'abc'");

        // paths outside data/
        value(cases, e4, "data.train", "../experiments/e2-sine-window-lstm.properties", "key 'data.train'",
                "'..' may not lead out");
        value(cases, e4, "data.train", "/etc/passwd", "key 'data.train'", "absolute paths are not read");
        add(cases, "symbolic link out of data/", w -> {
            Files.createSymbolicLink(w.dataDir().resolve("outside.txt"), Path.of("/etc/hostname"));
            return w.args(w.settings(e4, Map.of("data.train", "outside.txt")));
        }, "key 'data.train'", "symbolic link");

        // sizes
        value(cases, e4, "layers", "1000000000", "key 'layers'", "parameters", "at most layers = ");
        value(cases, e4, "hidden", "100000000", "key 'hidden'", "parameters", "at most hidden = ");
        value(cases, e4, "batch", "2000000000", "key 'batch'", "Java heap", "at most batch = ");
        add(cases, "a window too long to train at once", w -> w.args(w.settings(e4, Map.of("window", "100000000",
                "batch", "1"))), "key 'tbptt'", "100000000 steps");

        // unwritable output
        add(cases, "run folder root is a file", w -> {
            Files.writeString(w.runs(), "not a folder\n");
            return w.args(w.settings(e4, Map.of()));
        }, Leftover.ROOT_FILE_UNTOUCHED, "cannot write run folders", "a file of that name is in the way");
        add(cases, "run folder root under a file", w -> {
            Files.writeString(w.runs(), "not a folder\n");
            w.runsUnder("nested");
            return w.args(w.settings(e4, Map.of()));
        }, Leftover.ROOT_FILE_UNTOUCHED, "cannot write run folders", "not a directory");

        // arguments
        refused(cases, "unknown option", w -> w.args("--epochs", "3"), "unknown option '--epochs'",
                "SETTINGS_FILE...");
        refused(cases, "a system property after the class", w -> w.args("-Drnnlab.debug=true"),
                "unknown option '-Drnnlab.debug=true'", "goes before the class name");
        refused(cases, "empty argument", w -> w.args(""), "empty argument");
        refused(cases, "NUL in an argument", w -> w.args("bad\u0000name.properties"), "bad\\u0000name");
        cases.add(Named.of("study: --seeds 0", new Case(w -> w.args("--seeds", "0"), Entry.STUDY, 2,
                List.of("--seeds needs a whole number of at least 1"), Leftover.NOTHING)));
        cases.add(Named.of("study: unknown option", new Case(w -> w.args("--bogus"), Entry.STUDY, 2,
                List.of("unknown option '--bogus'"), Leftover.NOTHING)));
        cases.add(Named.of("study: --resume", new Case(w -> w.args("--resume", w.runs().toString()), Entry.STUDY, 2,
                List.of("LetterParityStudy does not take --resume", "AllExperiments"), Leftover.NOTHING)));
        cases.add(Named.of("study: a settings file of another kind", new Case(w -> w.args(w.settings(e4, Map.of())),
                Entry.STUDY, 1, List.of("'series-window' experiment", "letter-parity"), Leftover.NOTHING)));
        cases.add(Named.of("study: a hidden size that cannot fit", new Case(w -> w.args("--hidden", "100000000"),
                Entry.STUDY, 1, List.of("--hidden 100000000: ", "parameters", "at most hidden = "), Leftover.NOTHING)));
        cases.add(Named.of("benchmark: unknown option", new Case(w -> w.args("--fast"), Entry.BENCHMARK, 2,
                List.of("rnnlab benchmark: unknown option '--fast'"), Leftover.NOTHING)));
        cases.add(Named.of("benchmark: an empty filter", new Case(w -> w.args("--only=,"), Entry.BENCHMARK, 2,
                List.of("'--only=,' names no case"), Leftover.NOTHING)));

        // divergence: exit status 3, the message on standard error, the folders say why
        cases.add(Named.of("diverging training", new Case(w -> w.args(w.settings(e2, Map.of("updater", "sgd",
                "learning.rate", "1e300", "init", "normal 0 1", "hidden", "8", "epochs", "3"))), Entry.MAIN_JOB, 3,
                List.of("training diverged at epoch 1", "lower learning.rate"), Leftover.FAILED_FOLDERS)));
        return cases.stream();
    }

    private static void value(List<Named<Case>> cases, String reference, String key, String value, String... parts) {
        String shown = value.length() > 40 ? value.substring(0, 20) + "... (" + value.length() + " characters)" : value;
        add(cases, reference + ": " + key + " = '" + shown.replaceAll("\\p{Cntrl}", "?") + "'",
                w -> w.args(w.settings(reference, Map.of(key, value))), parts);
    }

    private static void data(List<Named<Case>> cases, String reference, String key, String file, String content,
                             String... parts) {
        add(cases, reference + ": " + key + " holding " + file, w -> {
            w.data(file, content);
            return w.args(w.settings(reference, Map.of(key, file)));
        }, parts);
    }

    /** A case of bad arguments: status 2, the message and the usage text on standard error. */
    private static void refused(List<Named<Case>> cases, String name, Setup setup, String... parts) {
        cases.add(Named.of(name, new Case(setup, Entry.MAIN_JOB, Experiments.BAD_ARGUMENTS, List.of(parts),
                Leftover.NOTHING)));
    }

    private static void add(List<Named<Case>> cases, String name, Setup setup, String... parts) {
        add(cases, name, setup, Leftover.NOTHING, parts);
    }

    private static void add(List<Named<Case>> cases, String name, Setup setup, Leftover leftover, String... parts) {
        cases.add(Named.of(name, new Case(setup, Entry.MAIN_JOB, 1, List.of(parts), leftover)));
    }

    /** sin(k/7) for k = 0..n-1, one value per line. */
    private static String series(int n) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < n; k++) {
            text.append(Math.sin(k / 7.0)).append('\n');
        }
        return text.toString();
    }

    /** One case's files: data/ copied from the project, settings/, and the run folder root. */
    static final class Workspace {
        private static final java.util.Set<String> LARGE_SETS = java.util.Set.of("control-chart",
                "control-chart-variable", "text");
        private final Path root;
        private Path data;
        private Path runs;

        Workspace(Path root) throws IOException {
            this.root = root;
            this.data = root.resolve("data");
            this.runs = root.resolve("runs");
            Path source = DataFiles.dataDir();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(file -> !isLargeSet(source, file)).toList()) {
                    Path copy = data.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            Files.createDirectories(root.resolve("settings"));
        }

        /**
         * The thousands of small files of the classification sets and the text corpus are not copied:
         * no case reads them, and copying them for every case would take most of the test's time.
         */
        private static boolean isLargeSet(Path source, Path file) {
            Path relative = source.relativize(file);
            return relative.getNameCount() > 0 && LARGE_SETS.contains(relative.getName(0).toString());
        }

        Path root() {
            return root;
        }

        /** The data directory as the program looks it up (through the system property it reads). */
        Path dataDir() {
            String previous = System.getProperty(DataFiles.DATA_DIR_PROPERTY);
            System.setProperty(DataFiles.DATA_DIR_PROPERTY, data.toString());
            try {
                return DataFiles.dataDir();
            } finally {
                if (previous == null) {
                    System.clearProperty(DataFiles.DATA_DIR_PROPERTY);
                } else {
                    System.setProperty(DataFiles.DATA_DIR_PROPERTY, previous);
                }
            }
        }

        Path runs() {
            return runs;
        }

        void runsUnder(String child) {
            runs = runs.resolve(child);
        }

        void moveDataAway() {
            data = root.resolve("no-data-here");
        }

        String[] args(String... args) {
            return args;
        }

        /** A copy of a reference settings file with some values changed, under settings/. */
        String settings(String reference, Map<String, String> changes) throws IOException {
            return SettingsCopies.edit(SettingsCopies.reference(reference), root.resolve("settings"),
                    new HashMap<>(changes)).toString();
        }

        /** A copy of a reference settings file with lines added at its end. */
        String settingsWithLines(String reference, List<String> lines) throws IOException {
            Path copy = Path.of(settings(reference, Map.of()));
            Files.write(copy, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return copy.toString();
        }

        /** A copy of a reference settings file without one key's line. */
        String settingsWithout(String reference, String key) throws IOException {
            Path copy = Path.of(settings(reference, Map.of()));
            List<String> kept = Files.readAllLines(copy).stream()
                    .filter(line -> !line.strip().startsWith(key + " ") && !line.strip().startsWith(key + "="))
                    .toList();
            Files.write(copy, kept, StandardCharsets.UTF_8);
            return copy.toString();
        }

        String rawSettings(String name, byte[] bytes) throws IOException {
            return Files.write(root.resolve("settings").resolve(name), bytes).toString();
        }

        /** Writes a data file under the workspace's data/ (Latin-1 when it must not be UTF-8). */
        void data(String relative, String content) throws IOException {
            Path file = data.resolve(relative);
            Files.createDirectories(file.getParent());
            boolean latin1 = relative.startsWith("latin1");
            Files.write(file, content.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }

        /** The number of values (lines that are not comments) of a data file. */
        int values(String relative) throws IOException {
            return (int) Files.readAllLines(data.resolve(relative)).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).count();
        }

        /** The names under the run folder root, sorted; empty if it does not exist. */
        List<String> runsContent() throws IOException {
            if (!Files.isDirectory(runs)) {
                return List.of();
            }
            try (Stream<Path> entries = Files.list(runs)) {
                return entries.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }
}

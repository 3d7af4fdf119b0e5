package org.rnnlab.lab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnlab.lab.settings.SettingsFileTest.assertMentions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.lab.tasks.LetterParityTask;
import org.rnnlab.lab.tasks.SeriesWindowTask;
import org.rnnlab.lab.tasks.SineGenerationTask;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.Precision;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;

/**
 * Settings files of each kind of experiment: valid ones give the right specs, and each bad file is
 * a valid one with a single line changed, so every test shows exactly what is wrong.
 */
class ExperimentSettingsTest {

    private static final String LETTER_PARITY = """
            # E1: parity of the number of a's
            experiment = letter-parity
            cell = simplernn
            layers = 1
            hidden = 8
            bias = true
            init = normal 0 0.1
            output.activation = sigmoid
            loss = xent
            updater = adam
            learning.rate = 0.01
            clip = none
            batch = 16
            epochs = 30
            tbptt = 0
            seed = 42
            checkpoint.every = 0
            engine = local

            data.train = e1-letters/train.csv   # strings with their labels
            data.test = e1-letters/test.csv
            data.wide = e1-letters/all-length4.csv
            """;

    private static final String SINE_WINDOW = """
            experiment = series-window
            cell = lstm
            layers = 2
            hidden = 16
            bias = false
            init = uniform -0.08 0.08
            output.activation = identity
            loss = mse
            updater = sgd
            learning.rate = 0.05
            clip = elementwise 1.5
            batch = 32
            epochs = 100
            tbptt = 0
            seed = 7
            checkpoint.every = 0
            engine = local
            data.train = e4-sine/train.txt
            data.heldout = e4-sine/validation.txt
            heldout.name = validation
            window = 10
            stop.patience = 3
            """;

    private static final String SINE_GENERATION = """
            experiment = sine-generation
            cell = lstm
            layers = 1
            hidden = 20
            bias = true
            init = xavier
            output.activation = identity
            loss = mse
            updater = adam
            learning.rate = 0.003
            clip = l2 5
            batch = 1
            epochs = 50
            tbptt = 25
            seed = -3
            checkpoint.every = 0
            engine = local
            data.windows = e3-sine/start-0.txt, e3-sine/start-1.txt,e3-sine/start-2.txt
            data.generation = e3-sine/generation-start-0.txt, e3-sine/generation-start-1.txt, e3-sine/generation-start-2.txt
            windows.per.sequence = 4
            sequences.per.epoch = 8
            generation.warmup = 0
            generation.steps = 100
            """;

    private static final String INIT_ALLOWED =
            "'normal MEAN STD', 'uniform LOWER UPPER' or 'xavier' (STD > 0, LOWER < UPPER)";
    private static final String CLIP_ALLOWED = "'none', 'elementwise T' or 'l2 T' with T > 0";

    @TempDir
    Path dir;

    private Path dataDir() {
        return dir.resolve("data");
    }

    // ---- valid files -------------------------------------------------------------------------

    @Test
    void testLetterParityFile() {
        Path file = write(LETTER_PARITY);

        ExperimentSettings settings = TaskKinds.load(file, dataDir());

        assertEquals("settings-under-test", settings.name());
        assertEquals(file, settings.source());
        assertEquals(new NetworkSpec(CellType.SIMPLE_RNN, 3, 8, 1, 1, OutputMode.LAST_STEP, OutputActivation.SIGMOID,
                LossKind.XENT, true, WeightInitSpec.normal(0, 0.1)), settings.network());
        assertEquals(new TrainingSpec(UpdaterKind.ADAM, 0.01, ClipSpec.none(), 16, 30, 0, 42), settings.training());
        assertEquals(new LetterParityTask.Settings(dataDir().resolve("e1-letters/train.csv"),
                dataDir().resolve("e1-letters/test.csv"), dataDir().resolve("e1-letters/all-length4.csv")),
                settings.task());
        assertEquals("normal 0 0.1", settings.written().get("init"));
        assertEquals("e1-letters/train.csv", settings.written().get("data.train"));
        assertEquals(20, settings.written().size());
        assertEquals(0, settings.checkpointEvery());
    }

    @Test
    void testSineWindowFile() {
        ExperimentSettings settings = TaskKinds.load(write(SINE_WINDOW), dataDir());

        assertEquals(new NetworkSpec(CellType.LSTM, 1, 16, 2, 1, OutputMode.LAST_STEP, OutputActivation.IDENTITY,
                LossKind.MSE, false, WeightInitSpec.uniform(-0.08, 0.08)), settings.network());
        assertEquals(new TrainingSpec(UpdaterKind.SGD, 0.05, new ClipSpec(ClipSpec.Kind.ELEMENTWISE, 1.5), 32, 100,
                0, 7), settings.training());
        assertEquals(new SeriesWindowTask.Settings(dataDir().resolve("e4-sine/train.txt"),
                dataDir().resolve("e4-sine/validation.txt"), "validation", 10, 3), settings.task());
    }

    @Test
    void testSineGenerationFile() {
        ExperimentSettings settings = TaskKinds.load(write(SINE_GENERATION), dataDir());

        assertEquals(new NetworkSpec(CellType.LSTM, 1, 20, 1, 1, OutputMode.EVERY_STEP, OutputActivation.IDENTITY,
                LossKind.MSE, true, WeightInitSpec.xavier()), settings.network());
        assertEquals(new TrainingSpec(UpdaterKind.ADAM, 0.003, new ClipSpec(ClipSpec.Kind.L2_PER_LAYER, 5), 1, 50,
                25, -3), settings.training());
        Path data = dataDir();
        assertEquals(new SineGenerationTask.Settings(
                List.of(data.resolve("e3-sine/start-0.txt"), data.resolve("e3-sine/start-1.txt"),
                        data.resolve("e3-sine/start-2.txt")),
                List.of(data.resolve("e3-sine/generation-start-0.txt"),
                        data.resolve("e3-sine/generation-start-1.txt"),
                        data.resolve("e3-sine/generation-start-2.txt")),
                4, 8, 0, 100), settings.task());
    }

    @Test
    void testChoicesAndBooleansIgnoreCase() {
        String text = with(with(LETTER_PARITY, "cell", "LSTM"), "bias", "False");

        ExperimentSettings settings = TaskKinds.load(write(text), dataDir());

        assertEquals(CellType.LSTM, settings.network().cell());
        assertFalse(settings.network().bias());
    }

    @Test
    void testPrecisionIsDoubleUnlessTheFileSaysFloat() {
        assertEquals(Precision.DOUBLE, TaskKinds.load(write(LETTER_PARITY), dataDir()).network().precision());

        ExperimentSettings single = TaskKinds.load(write(LETTER_PARITY + "precision = float\n"), dataDir());

        assertEquals(Precision.FLOAT, single.network().precision());
        assertEquals(Precision.DOUBLE,
                TaskKinds.load(write(LETTER_PARITY + "precision = double\n"), dataDir()).network().precision());
    }

    @Test
    void testUnknownPrecisionNamesTheChoices() {
        String text = LETTER_PARITY + "precision = half\n";
        Path file = write(text);

        String message = failure(file);

        assertMentions(message, file.toString(), "line " + lineOf(text, "precision"), "precision", "half",
                "double | float");
    }

    // ---- keys --------------------------------------------------------------------------------

    @Test
    void testMistypedKeyGetsSuggestion() {
        String text = LETTER_PARITY.replace("hidden = 8", "hiden = 8");
        Path file = write(text);

        String message = failure(file);

        assertMentions(message, file.toString(), "line " + lineOf(text, "hiden"), "unknown key 'hiden'",
                "did you mean 'hidden'?", "allowed keys: experiment, cell,", "data.wide");
    }

    @Test
    void testKeyOfAnotherExperimentIsUnknown() {
        String text = LETTER_PARITY + "window = 10\n";
        Path file = write(text);

        String message = failure(file);

        assertMentions(message, file.toString(), "line " + lineOf(text, "window"), "unknown key 'window'",
                "for experiment 'letter-parity'", "allowed keys:");
        assertFalse(message.contains("did you mean"), message);
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource(textBlock = """
            hidden,             a positive integer
            init,               "'normal MEAN STD', 'uniform LOWER UPPER' or 'xavier'"
            data.wide,          a letters file under data/
            experiment,         one of
            """, quoteCharacter = '"')
    void testMissingKeyIsNamed(String key, String allowed) {
        Path file = write(without(LETTER_PARITY, key));

        assertMentions(failure(file), file.toString(), "missing key '" + key + "'", "expected " + allowed);
    }

    @Test
    void testDuplicateKeyNamesBothLines() {
        String text = LETTER_PARITY + "hidden = 16\n";
        Path file = write(text);

        assertMentions(failure(file), file.toString(), "line " + text.lines().count(), "key 'hidden'",
                "already set on line " + lineOf(LETTER_PARITY, "hidden"));
    }

    @Test
    void testLineWithoutEqualsIsRejected() {
        String text = LETTER_PARITY.replace("hidden = 8", "hidden 8");
        Path file = write(text);

        assertMentions(failure(file), file.toString(), "line " + lineOf(LETTER_PARITY, "hidden"), "'hidden 8'",
                "expected 'key = value'");
    }

    @Test
    void testMissingSettingsFileIsNamed() {
        Path missing = dir.resolve("e9-nothing.properties");

        SettingsException e = assertThrows(SettingsException.class, () -> TaskKinds.load(missing, dataDir()));

        assertMentions(e.getMessage(), "settings file " + missing, "not found");
    }

    // ---- values ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{1} = ''{2}''")
    @CsvSource(textBlock = """
            letter-parity,   hidden,               ten,  a positive integer
            letter-parity,   hidden,               -3,   a positive integer
            letter-parity,   hidden,               0,    a positive integer
            letter-parity,   layers,               1.5,  a positive integer
            letter-parity,   batch,                '',   a positive integer
            letter-parity,   tbptt,                -1,   an integer >= 0
            letter-parity,   seed,                 1e3,  an integer
            series-window,     window,               0,    a positive integer
            series-window,     stop.patience,        -1,   an integer >= 0
            sine-generation, generation.warmup,    -2,   an integer >= 0
            sine-generation, windows.per.sequence, four, a positive integer
            """)
    void testBadIntegerIsRejected(String experiment, String key, String value, String allowed) {
        assertRejected(with(base(experiment), key, value), key, value, allowed);
    }

    @ParameterizedTest(name = "learning.rate = ''{0}''")
    @ValueSource(strings = {"fast", "0", "-0.01", "NaN", "Infinity", "0.1.2"})
    void testBadNumberIsRejected(String value) {
        assertRejected(with(LETTER_PARITY, "learning.rate", value), "learning.rate", value, "a positive number");
    }

    @ParameterizedTest(name = "bias = ''{0}''")
    @CsvSource(textBlock = """
            yes
            1
            ''
            """)
    void testBadBooleanIsRejected(String value) {
        assertRejected(with(LETTER_PARITY, "bias", value), "bias", value, "true or false");
    }

    @ParameterizedTest(name = "{1} = ''{2}''")
    @CsvSource(textBlock = """
            letter-parity, cell,              elman,       one of simplernn | lstm | gru
            letter-parity, output.activation, tanh,        one of identity | sigmoid | softmax
            letter-parity, loss,              hinge,       one of mse | xent | mcxent
            letter-parity, updater,           rmsprop,     one of sgd | adam
            letter-parity, experiment,        letter-odds, series-window | sine-generation
            series-window,   heldout.name,      train,       test or validation
            """)
    void testBadChoiceIsRejected(String experiment, String key, String value, String allowed) {
        assertRejected(with(base(experiment), key, value), key, value, allowed);
    }

    @ParameterizedTest(name = "init = ''{0}''")
    @ValueSource(strings = {"normal 0 0", "normal 0 -1", "normal 0", "normal zero 1", "uniform 0.1 0.1",
            "uniform 1 -1", "gaussian 0 1", "xavier 2"})
    void testBadInitIsRejected(String value) {
        assertRejected(with(LETTER_PARITY, "init", value), "init", value, INIT_ALLOWED);
    }

    @ParameterizedTest(name = "clip = ''{0}''")
    @ValueSource(strings = {"elementwise 0", "l2 -1", "l2", "l2 Infinity", "none 5", "norm 1", "elementwise x"})
    void testBadClipIsRejected(String value) {
        assertRejected(with(LETTER_PARITY, "clip", value), "clip", value, CLIP_ALLOWED);
    }

    // ---- combinations ------------------------------------------------------------------------

    @Test
    void testSoftmaxNeedsMoreThanOneOutput() {
        assertRejected(with(LETTER_PARITY, "output.activation", "softmax"), "output.activation", "softmax",
                "identity or sigmoid", "softmax needs at least 2 output units", "has 1");
    }

    @Test
    void testXentNeedsSigmoid() {
        assertRejected(with(LETTER_PARITY, "output.activation", "identity"), "loss", "xent",
                "xent only with output.activation = sigmoid");
    }

    @Test
    void testMcxentNeedsSoftmax() {
        assertRejected(with(SINE_WINDOW, "loss", "mcxent"), "loss", "mcxent",
                "mcxent only with output.activation = softmax");
    }

    @Test
    void testTestSetMustNotStopTraining() {
        assertRejected(with(SINE_WINDOW, "heldout.name", "test"), "stop.patience", "3",
                "0 when heldout.name = test");
    }

    @Test
    void testGenerationTruthNeedsOneFilePerWindow() {
        String truth = "e3-sine/generation-start-0.txt, e3-sine/generation-start-1.txt";

        assertRejected(with(SINE_GENERATION, "data.generation", truth), "data.generation", truth,
                "one file per window in data.windows (3)");
    }

    @Test
    void testEmptyItemInWindowListIsRejected() {
        String windows = "e3-sine/start-0.txt,,e3-sine/start-2.txt";

        assertRejected(with(SINE_GENERATION, "data.windows", windows), "data.windows", windows,
                "a comma-separated list of files under the data directory");
    }

    @Test
    void testFormerNameSineWindowReadsAsSeriesWindow() {
        ExperimentSettings settings = TaskKinds.load(write(with(SINE_WINDOW, "experiment", "sine-window")), dataDir());

        assertEquals("series-window", settings.task().kind());
        assertEquals(TaskKinds.load(write(SINE_WINDOW), dataDir()).task(), settings.task());
    }

    // ---- data paths stay inside the data directory ------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/passwd", "e1-letters/../../outside.csv", "/etc/passwd"})
    void testDataPathOutsideTheDataDirectoryIsRefused(String path) {
        String message = failure(write(with(LETTER_PARITY, "data.train", path)));

        assertMentions(message, "key 'data.train'", "data directory");
    }

    @Test
    void testSymbolicLinkOutOfTheDataDirectoryIsRefused() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.csv"), "secret-first-line\n");
        Files.createDirectories(dataDir().resolve("e1-letters"));
        Files.createSymbolicLink(dataDir().resolve("e1-letters/link.csv"), outside);

        String message = failure(write(with(LETTER_PARITY, "data.train", "e1-letters/link.csv")));

        assertMentions(message, "key 'data.train'", "symbolic link");
        assertFalse(message.contains("secret-first-line"), message);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** Loading {@code text} fails, naming the file, the line and value of {@code key}, and what is allowed. */
    private void assertRejected(String text, String key, String value, String... allowed) {
        Path file = write(text);

        String message = failure(file);

        assertMentions(message, file.toString(), "line " + lineOf(text, key),
                "key '" + key + "' has value '" + value + "'");
        assertMentions(message, allowed);
    }

    private String failure(Path file) {
        return assertThrows(SettingsException.class, () -> TaskKinds.load(file, dataDir())).getMessage();
    }

    private Path write(String text) {
        Path file = dir.resolve("settings-under-test.properties");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write test settings " + file, e);
        }
        return file;
    }

    private static String base(String experiment) {
        return switch (experiment) {
            case "letter-parity" -> LETTER_PARITY;
            case "series-window" -> SINE_WINDOW;
            case "sine-generation" -> SINE_GENERATION;
            default -> throw new IllegalArgumentException("no base text for " + experiment);
        };
    }

    /** {@code text} with the line setting {@code key} replaced by {@code key = value}. */
    private static String with(String text, String key, String value) {
        lineOf(text, key);
        return text.lines()
                .map(line -> isSetting(line, key) ? key + " = " + value : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** {@code text} without the line setting {@code key}. */
    private static String without(String text, String key) {
        lineOf(text, key);
        return text.lines()
                .filter(line -> !isSetting(line, key))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** The 1-based line setting {@code key}; fails the test when the text has none. */
    private static int lineOf(String text, String key) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (isSetting(lines.get(i), key)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("test text has no line setting '" + key + "'");
    }

    private static boolean isSetting(String line, String key) {
        return line.startsWith(key + " =");
    }
}

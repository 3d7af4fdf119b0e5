package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.files.Snippet;
import org.rnnlab.data.files.TextCharacters;
import org.rnnlab.data.files.TextFile;
import org.rnnlab.data.files.TextStatistics;
import org.rnnlab.data.files.Vocabulary;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.EscapedText;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SequenceShape;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.settings.TaskSettings;
import org.rnnlab.lab.settings.ValueReader;
import org.rnnlab.spec.OutputMode;

/**
 * A character-level language model: at every step of a window of text, a softmax over the
 * vocabulary predicts the next character (many-to-many, cross-entropy at every step).
 *
 * <p>The vocabulary is every character of the whole text file, read when the settings are read:
 * the network's input and output width is its size, and a prompt can be checked against it before
 * any training. Built from the whole file rather than the training part, a character that only the
 * validation part holds still has an output, which training pushes towards probability 0 and
 * validation pays for.
 *
 * <p>Training reads the first part of the text (all but {@code validation.fraction}) as
 * non-overlapping windows of {@code window} characters through DataVec, at most
 * {@code windows.per.epoch} of them per epoch (see {@link #trainingData}). Validation
 * bits per character is the mean of −log2 p(next character) over the validation part's windows,
 * each read from a cleared state (so the first steps of a window predict with little context);
 * beside it stand the unigram entropy of the validation part (what the best model without context
 * would score on it) and the same bits per character on about as many training windows, spread
 * over the training part. Every {@code sample.every} epochs, and after the last, the model writes {@code sample.length}
 * characters after the prompt, drawn at {@code sample.temperature} with a random generator seeded
 * from {@code seed} and the epoch: the same network gives the same text.
 *
 * <p>The class joins the parts to the {@link Task} contract: {@link TextShares} deals the training
 * windows into the epochs' shares and reads them, {@link TextSampler} draws text from the network,
 * {@link TextSamples} keeps a training's samples, and {@link EscapedText} reads the prompt as written.
 */
public final class CharModelTask implements Task {

    /**
     * Most characters a sample may have: each is one step of the network, taken after every
     * {@code sample.every} epochs; 100,000 steps of a small network take seconds, of a large one minutes.
     */
    public static final int MAX_SAMPLE_LENGTH = 100_000;

    /** What a sample's length may be, for messages. */
    public static final String SAMPLE_LENGTH_BOUND = "an integer in 1.." + MAX_SAMPLE_LENGTH
            + " (each character is one step of the network)";

    /** The kind: {@code experiment = char-model}. */
    public static final TaskKind<Settings> KIND = new TaskKind<>("char-model", Settings.class, List.of(
            new SettingKey("data.text", "a UTF-8 text file under data/",
                    "the text: its first part trains, its last part validates; its characters are the vocabulary"),
            new SettingKey("validation.fraction", "a number between 0 and 1 (exclusive), e.g. 0.1",
                    "the last part of the text held out for validation"),
            new SettingKey("window", "a positive integer", "characters per training sequence; windows do not overlap"),
            new SettingKey("windows.per.epoch", "an integer >= 0 (0: all)",
                    "training windows per epoch at most; epochs take interleaved shares of the text in turn"),
            new SettingKey("sample.every", "a positive integer",
                    "epochs between text samples (and one after the last)"),
            new SettingKey("sample.length", "an integer in 1.." + MAX_SAMPLE_LENGTH, "characters generated per sample"),
            new SettingKey("sample.prompt", "characters of the text; \\n newline, \\s space, \\t tab, \\\\, \\uXXXX",
                    "fed to the network before it generates"),
            new SettingKey("sample.temperature", "a number >= 0 (0: always the most likely character)",
                    "divides the log-probabilities before drawing: below 1 safer, above 1 more varied"))) {

        @Override
        public Settings read(ValueReader in, Path dataDir) {
            requireCharacterOutput(in);
            Path file = in.dataPath("data.text", dataDir);
            double fraction = fraction(in);
            int window = in.positiveInt("window");
            int windowsPerEpoch = in.nonNegativeInt("windows.per.epoch");
            int sampleEvery = in.positiveInt("sample.every");
            int sampleLength = in.positiveInt("sample.length");
            if (sampleLength > MAX_SAMPLE_LENGTH) {
                throw in.bad("sample.length", SAMPLE_LENGTH_BOUND);
            }
            String prompt = prompt(in);
            double temperature = temperature(in);
            TextCharacters text = readText(in, file);
            int[] characters = text.codePoints();
            Vocabulary vocabulary = Vocabulary.of(characters, 0, characters.length);
            if (vocabulary.size() < 2) {
                throw in.bad("data.text", "a text of at least two different characters (a model of one character"
                        + " has nothing to predict); " + file + " has " + vocabulary.size());
            }
            checkLength(in, file, characters.length, fraction, window);
            checkPrompt(in, prompt, vocabulary, file);
            return new Settings(text, fraction, window, windowsPerEpoch, sampleEvery, sampleLength, prompt,
                    temperature, vocabulary);
        }

        @Override
        protected Sampler createSampler(Settings settings, ExperimentSettings experiment, Path runFolder) {
            Path file = runFolder.resolve(VOCABULARY_FILE);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("run folder " + runFolder + " has no " + VOCABULARY_FILE
                        + ", the characters its network reads and writes (a run saves it when it finishes)");
            }
            Vocabulary vocabulary = Vocabulary.read(file);
            if (!vocabulary.equals(settings.vocabulary())) {
                throw new IllegalArgumentException(settings.text().file() + " no longer has the characters " + file
                        + " lists (the text changed since the run); the network knows only those");
            }
            return new TextSampler(settings, vocabulary);
        }

        @Override
        protected Task create(Settings settings, ExperimentSettings experiment) {
            try {
                return new CharModelTask(settings, experiment.training().seed());
            } catch (DataFileException e) {
                throw new SettingsException(experiment.source() + ": key 'data.text' ("
                        + experiment.written().get("data.text") + "): " + e.getMessage(), e);
            }
        }
    };

    /**
     * A character model on one text.
     *
     * @param text               the UTF-8 text file's characters, read once when the settings are read
     * @param validationFraction the last part of the text held out (0 < f < 1)
     * @param window             characters per training window (T)
     * @param windowsPerEpoch    training windows per epoch at most, 0 for all (see {@link CharModelTask#trainingData})
     * @param sampleEvery        epochs between samples
     * @param sampleLength       characters per sample
     * @param prompt             what each sample starts from (escapes resolved)
     * @param temperature        sampling temperature, 0 for the most likely character
     * @param vocabulary         every character of the text
     */
    public record Settings(TextCharacters text, double validationFraction, int window, int windowsPerEpoch, int sampleEvery,
                           int sampleLength, String prompt, double temperature, Vocabulary vocabulary)
            implements TaskSettings {

        @Override
        public String kind() {
            return KIND.name();
        }

        @Override
        public SequenceShape shape() {
            return new SequenceShape(vocabulary.size(), vocabulary.size(), OutputMode.EVERY_STEP, window);
        }

        @Override
        public List<Path> dataFiles() {
            return List.of(text.file());
        }
    }

    /** The vocabulary's file in a run folder, beside the model that needs it. */
    public static final String VOCABULARY_FILE = "vocabulary.txt";

    /** Probabilities are clipped here before the log, as DL4J's MCXENT clips them. */
    static final double SMALLEST_PROBABILITY = 1e-10;

    private static final int EVALUATION_BATCH = 128;
    private static final long KEPT_BYTES = 64L << 20;
    private static final int LISTED_CHARACTERS = 160;

    private final Settings settings;
    private final long seed;
    /** The training windows, one share of them per epoch in turn. */
    private final TextShares shares;
    private final double unigramBits;
    private final DataSetIterator validationSet;
    private final DataSetIterator trainingSample;
    private final TextSamples samples;
    /** The last epoch trained, 0 before the first: it picks the next share and the final sample. */
    private int lastEpoch;

    /**
     * Works on the text the settings read: the file is not read again.
     *
     * @param seed seeds the samples' random draws
     * @throws DataFileException if the text holds characters outside the vocabulary or is too short
     *                           for one window in each part
     */
    public CharModelTask(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.samples = new TextSamples(settings, seed);
        int[] text = settings.text().codePoints();
        int window = settings.window();
        int validationStart = TextFile.validationStart(text.length, settings.validationFraction());
        this.shares = new TextShares(settings.text(), settings.vocabulary(), window, validationStart,
                settings.windowsPerEpoch());
        this.unigramBits = TextStatistics.unigramEntropyBits(text, validationStart, text.length);
        int trainingWindows = TextShares.windows(0, validationStart, window, window);
        int validationWindows = TextShares.windows(validationStart, text.length, window, window);
        // Every k-th training window, about as many as validation has: a subset of what training reads.
        int spread = window * Math.max(1, trainingWindows / validationWindows);
        this.validationSet = keptIfSmall(SequenceIterators.textWindows(settings.text(), settings.vocabulary(),
                window, window, validationStart, text.length, EVALUATION_BATCH), validationWindows);
        this.trainingSample = keptIfSmall(SequenceIterators.textWindows(settings.text(), settings.vocabulary(), window,
                spread, 0, validationStart, EVALUATION_BATCH), TextShares.windows(0, validationStart, window, spread));
    }

    /** The data and evaluation sets of {@code task}, shared, with no training state: see {@link #fresh}. */
    private CharModelTask(CharModelTask task) {
        this.settings = task.settings;
        this.seed = task.seed;
        this.samples = new TextSamples(task.settings, task.seed);
        this.shares = task.shares;
        this.unigramBits = task.unigramBits;
        this.validationSet = task.validationSet;
        this.trainingSample = task.trainingSample;
    }

    /**
     * A task on the same text that has trained no epoch yet: the next training starts on share 0 and
     * draws its own samples.
     */
    @Override
    public Task fresh() {
        return new CharModelTask(this);
    }

    /**
     * The evaluation windows read through DataVec once and kept, when their one-hot arrays take at
     * most {@value #KEPT_BYTES} bytes: reading them costs several times the forward pass of a small
     * network. Larger sets are read anew at each evaluation.
     */
    private DataSetIterator keptIfSmall(DataSetIterator windows, int count) {
        long bytes = 2L * Double.BYTES * settings.vocabulary().size() * settings.window() * count;
        if (bytes > KEPT_BYTES) {
            return windows;
        }
        List<DataSet> batches = new ArrayList<>();
        while (windows.hasNext()) {
            batches.add(windows.next());
        }
        return new ExistingDataSetIterator(batches);
    }

    /**
     * The training part's non-overlapping windows, one share of them per epoch in turn, the share of
     * the epoch after the last that {@link #epochEnded} reported (see {@link TextShares}).
     */
    @Override
    public DataSetIterator trainingData(int batch) {
        return shares.byEpoch(batch, () -> lastEpoch);
    }

    /**
     * Always false: epochs take different shares, and even with one share a text in one-hot form
     * takes 2·V·8 bytes per character (a 1 MB text of 100 different characters, 1.6 GB), so DataVec
     * reads every epoch's windows anew.
     */
    @Override
    public boolean sameDataEveryEpoch() {
        return false;
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("train_bpc", "validation_bpc");
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        return new double[] {bitsPerCharacter(model, trainingSample), bitsPerCharacter(model, validationSet)};
    }

    @Override
    public void epochEnded(int epoch, SequenceModel model, String label) {
        lastEpoch = epoch;
        if (epoch % settings.sampleEvery() == 0) {
            samples.draw(epoch, model, label);
        }
    }

    /** The samples so far ({@link TextSamples#state()}). */
    @Override
    public String checkpointState() {
        return samples.state();
    }

    /** Takes back the samples; nothing to replay, as each epoch's share is a function of the epoch. */
    @Override
    public void resume(int epochsDone, String state, DataSetIterator data) {
        samples.restore(state);
        lastEpoch = epochsDone;
    }

    @Override
    public Map<String, Double> speedMetrics(int epochs, double fitSeconds) {
        long characters = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            characters += shares.charactersInEpoch(epoch);
        }
        return Map.of("train_chars_per_s", characters / fitSeconds);
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        if (lastEpoch > 0 && !samples.lastIsAfter(lastEpoch)) {
            samples.draw(lastEpoch, model, label);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_bpc", bitsPerCharacter(model, trainingSample));
        metrics.put("validation_bpc", bitsPerCharacter(model, validationSet));
        metrics.put("unigram_bpc", unigramBits);

        folder.writeText(VOCABULARY_FILE, settings.vocabulary().format());
        double[] epochs = log.column(MetricsLog.EPOCH);
        double[] baseline = new double[epochs.length];
        Arrays.fill(baseline, unigramBits);
        folder.write("bpc.png", file -> new LinePlot()
                .title(label + ": bits per character")
                .xAxisTitle("epoch").yAxisTitle("bits per character")
                .line("training windows", epochs, log.column("train_bpc"))
                .line("validation", epochs, log.column("validation_bpc"))
                .line("unigram entropy of validation (no context)", epochs, baseline)
                .save(file));
        Map<String, String> plots = Map.of("Bits per character per epoch, against the no-context baseline", "bpc.png");
        return new Evaluation(metrics, plots, samples.texts());
    }

    /**
     * Mean bits per character of a model over every window of {@code windows}: −log2 of the
     * probability it gave each next character, averaged over all steps of all windows.
     */
    static double bitsPerCharacter(SequenceModel model, DataSetIterator windows) {
        double nats = 0;
        long characters = 0;
        windows.reset();
        while (windows.hasNext()) {
            DataSet batch = windows.next();
            INDArray labels = batch.getLabels();
            nats += crossEntropyNats(model.output(batch.getFeatures(), null), labels);
            characters += labels.size(0) * labels.size(2);
        }
        return nats / characters / Math.log(2);
    }

    /**
     * Bits per character of one minibatch: the mean over examples and steps of −log2 p, p the
     * probability {@code probabilities} [mb, V, T] gives the character {@code labels} [mb, V, T]
     * marks (one-hot), clipped below at {@value #SMALLEST_PROBABILITY}.
     */
    static double bitsPerCharacter(INDArray probabilities, INDArray labels) {
        return crossEntropyNats(probabilities, labels) / (labels.size(0) * labels.size(2)) / Math.log(2);
    }

    /** Σ over examples and steps of −ln p(labelled character). */
    private static double crossEntropyNats(INDArray probabilities, INDArray labels) {
        INDArray picked = probabilities.mul(labels).sum(1);
        return -Transforms.log(Transforms.max(picked, SMALLEST_PROBABILITY, false), false).sumNumber().doubleValue();
    }

    // ---- reading and checking the settings ----

    /** Output and loss of a character model: a probability per character, cross-entropy. */
    private static void requireCharacterOutput(ValueReader in) {
        if (!in.text("output.activation", "softmax").toLowerCase(Locale.ROOT).equals("softmax")) {
            throw in.bad("output.activation",
                    "softmax for a char-model: its output is a probability for each character");
        }
        if (!in.text("loss", "mcxent").toLowerCase(Locale.ROOT).equals("mcxent")) {
            throw in.bad("loss", "mcxent for a char-model: the cross-entropy of the next character");
        }
    }

    private static double fraction(ValueReader in) {
        String expected = "a number between 0 and 1 (exclusive), e.g. 0.1 for the last tenth";
        double value = ValueReader.parseDouble(in.text("validation.fraction", expected));
        if (!(value > 0 && value < 1)) {
            throw in.bad("validation.fraction", expected);
        }
        return value;
    }

    private static double temperature(ValueReader in) {
        String expected = "a number >= 0, e.g. 0.8 (0: always the most likely character)";
        double value = ValueReader.parseDouble(in.text("sample.temperature", expected));
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw in.bad("sample.temperature", expected);
        }
        return value;
    }

    /** The prompt with its escapes resolved ({@link EscapedText}). */
    private static String prompt(ValueReader in) {
        String expected = "text, with the escapes " + EscapedText.EXPLAINED;
        return EscapedText.unescape(in.text("sample.prompt", expected))
                .orElseThrow(() -> in.bad("sample.prompt", expected));
    }

    private static TextCharacters readText(ValueReader in, Path file) {
        try {
            return TextCharacters.read(file);
        } catch (DataFileException e) {
            throw new SettingsException(in.bad("data.text", "a readable UTF-8 text file").getMessage() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Each part of the text must hold one window and the character after it. */
    private static void checkLength(ValueReader in, Path file, int length, double fraction, int window) {
        int validationStart = TextFile.validationStart(length, fraction);
        int validation = length - validationStart;
        if (Math.min(validationStart, validation) < window + 1) {
            boolean trainingShorter = validationStart < validation;
            throw in.bad("data.text", String.format(Locale.ROOT, "a text whose training part (the first %d characters)"
                    + " and validation part (the last %d, validation.fraction = %s) each hold at least window + 1 = %d"
                    + " characters (one window and the character after it); %s has %d characters, so its %s part"
                    + " holds only %d: use a longer text, a smaller window or another validation.fraction",
                    validationStart, validation, fraction, window + 1, file, length,
                    trainingShorter ? "training" : "validation", Math.min(validationStart, validation)));
        }
    }

    /** Every prompt character must be one the network has an input for. */
    private static void checkPrompt(ValueReader in, String prompt, Vocabulary vocabulary, Path file) {
        int[] codePoints = prompt.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            if (!vocabulary.contains(codePoints[i])) {
                throw in.bad("sample.prompt", "characters that occur in data.text: the prompt's character "
                        + describe(codePoints[i]) + " (character " + (i + 1) + " of the prompt) does not occur in "
                        + file + ", whose " + vocabulary.size() + " characters are " + listed(vocabulary));
            }
        }
    }

    private static String describe(int codePoint) {
        return "'" + Snippet.of(new String(Character.toChars(codePoint))) + "' ("
                + String.format("U+%04X", codePoint) + ")";
    }

    private static String listed(Vocabulary vocabulary) {
        StringBuilder list = new StringBuilder("'");
        int shown = Math.min(vocabulary.size(), LISTED_CHARACTERS);
        for (int i = 0; i < shown; i++) {
            list.append(Snippet.of(vocabulary.character(i)));
        }
        list.append('\'');
        if (shown < vocabulary.size()) {
            list.append(" and ").append(vocabulary.size() - shown).append(" more");
        }
        return list.toString();
    }
}

package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rnnlab.data.DataFileException;
import org.rnnlab.data.SequenceIterators;
import org.rnnlab.data.Snippet;
import org.rnnlab.data.TextCharacters;
import org.rnnlab.data.TextFile;
import org.rnnlab.data.TextStatistics;
import org.rnnlab.data.Vocabulary;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SequenceShape;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.settings.TaskSettings;
import org.rnnlab.lab.settings.ValueReader;
import org.rnnlab.spec.OutputMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(CharModelTask.class);

    private final Settings settings;
    private final long seed;
    private final int validationStart;
    /** Shares the training windows are dealt into, one share per epoch in turn. */
    private final int shares;
    private final double unigramBits;
    private final DataSetIterator validationSet;
    private final DataSetIterator trainingSample;
    private final List<Sample> samples = new ArrayList<>();
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
        int[] text = settings.text().codePoints();
        int window = settings.window();
        this.validationStart = TextFile.validationStart(text.length, settings.validationFraction());
        int trainingWindows = windows(0, validationStart, window);
        int perEpoch = settings.windowsPerEpoch() == 0 ? trainingWindows : settings.windowsPerEpoch();
        this.shares = (trainingWindows + perEpoch - 1) / perEpoch;
        this.unigramBits = TextStatistics.unigramEntropyBits(text, validationStart, text.length);
        int validationWindows = windows(validationStart, text.length, window);
        // Every k-th training window, about as many as validation has: a subset of what training reads.
        int spread = window * Math.max(1, trainingWindows / validationWindows);
        this.validationSet = keptIfSmall(SequenceIterators.textWindows(settings.text(), settings.vocabulary(),
                window, window, validationStart, text.length, EVALUATION_BATCH), validationWindows);
        this.trainingSample = keptIfSmall(SequenceIterators.textWindows(settings.text(), settings.vocabulary(), window,
                spread, 0, validationStart, EVALUATION_BATCH), windows(0, validationStart, spread));
    }

    /** The data and evaluation sets of {@code task}, shared, with no training state: see {@link #fresh}. */
    private CharModelTask(CharModelTask task) {
        this.settings = task.settings;
        this.seed = task.seed;
        this.validationStart = task.validationStart;
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

    /** Windows (of {@code window} characters and the one after) starting every {@code stride} in [from, to). */
    private int windows(int from, int to, int stride) {
        return (to - from - settings.window() - 1) / stride + 1;
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
     * The training part's non-overlapping windows, dealt into {@code shares} interleaved shares: share
     * s holds windows s, s + shares, s + 2·shares, ... (counted from the start of the text), and epoch
     * e trains on share e mod shares. So each minibatch holds windows from all over the text, and
     * every {@code shares} epochs cover each window once. With {@code windows.per.epoch = 0} there is
     * one share: every epoch reads all windows in text order.
     */
    @Override
    public DataSetIterator trainingData(int batch) {
        return new ShareByEpoch(batch);
    }

    /** The DataVec iterator over share {@code share} (0..shares-1) of the training windows. */
    private DataSetIterator share(int share, int batch) {
        int window = settings.window();
        return SequenceIterators.textWindows(settings.text(), settings.vocabulary(), window, window * shares,
                share * window, validationStart, batch);
    }

    /** Characters trained on in epoch {@code epoch} (from 0): the windows of its share times the window. */
    private long charactersInEpoch(int epoch) {
        int window = settings.window();
        return (long) windows((epoch % shares) * window, validationStart, window * shares) * window;
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
            addSample(epoch, model, label);
        }
    }

    /** The samples so far, one property per sample ({@code sample.EPOCH = text}). */
    @Override
    public String checkpointState() {
        Properties state = new Properties();
        samples.forEach(sample -> state.setProperty("sample." + sample.epoch(), sample.text()));
        StringWriter text = new StringWriter();
        try {
            state.store(text, "text samples by epoch");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Takes back the samples; nothing to replay, as each epoch's share is a function of the epoch. */
    @Override
    public void resume(int epochsDone, String state, DataSetIterator data) {
        Properties saved = new Properties();
        try {
            saved.load(new StringReader(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        samples.clear();
        saved.stringPropertyNames().stream()
                .map(key -> new Sample(Integer.parseInt(key.substring("sample.".length())), saved.getProperty(key)))
                .sorted(Comparator.comparingInt(Sample::epoch))
                .forEach(samples::add);
        lastEpoch = epochsDone;
    }

    @Override
    public Map<String, Double> speedMetrics(int epochs, double fitSeconds) {
        long characters = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            characters += charactersInEpoch(epoch);
        }
        return Map.of("train_chars_per_s", characters / fitSeconds);
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        if (lastEpoch > 0 && (samples.isEmpty() || samples.get(samples.size() - 1).epoch() != lastEpoch)) {
            addSample(lastEpoch, model, label);
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

        Map<String, String> texts = new LinkedHashMap<>();
        for (Sample sample : samples) {
            texts.put(String.format(Locale.ROOT, "Sample after epoch %d (temperature %s, prompt '%s')", sample.epoch(),
                    settings.temperature(), Snippet.of(settings.prompt())), settings.prompt() + sample.text());
        }
        return new Evaluation(metrics, plots, texts);
    }

    private void addSample(int epoch, SequenceModel model, String label) {
        String text = sample(model, settings.vocabulary(), settings.prompt(), settings.sampleLength(),
                settings.temperature(), sampleRandom(seed, epoch));
        samples.add(new Sample(epoch, text));
        LOG.info("{}: sample after epoch {}:{}{}{}", label, epoch, System.lineSeparator(), settings.prompt(), text);
    }

    /**
     * The training iterator: {@link #reset()} (the trainer resets before every epoch) starts the share
     * of the coming epoch, the one after the last that {@link #epochEnded} reported, read through its
     * own DataVec iterator.
     */
    private final class ShareByEpoch implements DataSetIterator {
        private final int batch;
        private DataSetIterator current;
        private DataSetPreProcessor preProcessor;

        ShareByEpoch(int batch) {
            this.batch = batch;
        }

        @Override
        public void reset() {
            current = share(lastEpoch % shares, batch);
            current.setPreProcessor(preProcessor);
        }

        private DataSetIterator current() {
            if (current == null) {
                reset();
            }
            return current;
        }

        @Override
        public boolean hasNext() {
            return current().hasNext();
        }

        @Override
        public DataSet next() {
            return current().next();
        }

        @Override
        public DataSet next(int num) {
            return current().next(num);
        }

        @Override
        public int inputColumns() {
            return settings.vocabulary().size();
        }

        @Override
        public int totalOutcomes() {
            return settings.vocabulary().size();
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
            if (current != null) {
                current.setPreProcessor(preProcessor);
            }
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public List<String> getLabels() {
            return null;
        }
    }

    /** A text sample and the epoch after which it was drawn. */
    private record Sample(int epoch, String text) {
    }

    /** The random draws of the sample after {@code epoch}: a function of the seed and the epoch only. */
    static SplittableRandom sampleRandom(long seed, int epoch) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
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

    /** Samples from a saved run, with the vocabulary its folder keeps. */
    private record TextSampler(Settings settings, Vocabulary vocabulary) implements Sampler {

        @Override
        public String defaultPrompt() {
            return settings.prompt();
        }

        @Override
        public double defaultTemperature() {
            return settings.temperature();
        }

        @Override
        public String sample(SequenceModel model, String prompt, int length, double temperature, long seed) {
            if (prompt.isEmpty()) {
                throw new IllegalArgumentException("the prompt is empty; the network needs at least one character to"
                        + " start from");
            }
            prompt.codePoints().filter(c -> !vocabulary.contains(c)).findFirst().ifPresent(c -> {
                throw new IllegalArgumentException("the prompt's character '" + Snippet.of(new String(Character.toChars(c)))
                        + "' (U+" + String.format("%04X", c) + ") is not one the network knows; its " + vocabulary.size()
                        + " characters are those of " + settings.text().file().getFileName() + ": "
                        + Snippet.of(vocabulary.decode(java.util.stream.IntStream.range(0, vocabulary.size()).toArray())));
            });
            if (length < 1 || !(temperature >= 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("a sample needs a length of at least 1 and a temperature >= 0; got "
                        + length + " and " + temperature);
            }
            return CharModelTask.sample(model, vocabulary, prompt, length, temperature, new SplittableRandom(seed));
        }
    }

    /**
     * {@code length} characters generated after {@code prompt}: the prompt is fed one character at a
     * time from a cleared state, then each drawn character is fed back. The state is cleared again
     * afterwards, so training goes on unaffected.
     */
    static String sample(SequenceModel model, Vocabulary vocabulary, String prompt, int length, double temperature,
                         SplittableRandom random) {
        int size = vocabulary.size();
        model.clearState();
        INDArray output = null;
        int[] promptCharacters = prompt.codePoints().toArray();
        for (int index : vocabulary.encode(promptCharacters, 0, promptCharacters.length)) {
            output = model.timeStep(oneHot(index, size));
        }
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < length; k++) {
            int next = draw(output.toDoubleVector(), temperature, random);
            text.appendCodePoint(vocabulary.codePoint(next));
            if (k + 1 < length) {
                output = model.timeStep(oneHot(next, size));
            }
        }
        model.clearState();
        return text.toString();
    }

    /**
     * An index drawn with probability proportional to p_i^(1/temperature) (the softmax of the
     * log-probabilities divided by the temperature); temperature 0 takes the most likely index (the
     * first of equals) without a draw.
     */
    static int draw(double[] probabilities, double temperature, SplittableRandom random) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double top = Math.log(Math.max(probabilities[best], SMALLEST_PROBABILITY));
        double[] cumulative = new double[probabilities.length];
        double total = 0;
        for (int i = 0; i < probabilities.length; i++) {
            total += Math.exp((Math.log(Math.max(probabilities[i], SMALLEST_PROBABILITY)) - top) / temperature);
            cumulative[i] = total;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return best;
    }

    private static INDArray oneHot(int index, int size) {
        INDArray input = Nd4j.zeros(1, size);
        input.putScalar(0, index, 1.0);
        return input;
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

    /** The prompt with its escapes resolved. */
    private static String prompt(ValueReader in) {
        String expected = "text, with the escapes \\n (newline), \\s (space), \\t (tab), \\\\ (backslash) and \\uXXXX"
                + " (a character by its hex code, e.g. \\u0023 for '#', which would start a comment)";
        String value = in.text("sample.prompt", expected);
        String unescaped = unescape(value);
        if (unescaped == null) {
            throw in.bad("sample.prompt", expected);
        }
        return unescaped;
    }

    /** {@code value} with \n, \s, \t, \\ and \\uXXXX resolved; null when a backslash starts none of them. */
    public static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= value.length()) {
                return null;
            }
            char escape = value.charAt(++i);
            switch (escape) {
                case 'n' -> out.append('\n');
                case 's' -> out.append(' ');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (i + 4 >= value.length()) {
                        return null;
                    }
                    String hex = value.substring(i + 1, i + 5);
                    if (!hex.matches("[0-9A-Fa-f]{4}")) {
                        return null;
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return out.toString();
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

package org.rnnlab.lab.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.rnnlab.data.files.Snippet;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.Precision;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One experiment as its settings file describes it: the network, its training and its data.
 * Both the DL4J network and the scratch network are built from this record, so every
 * hyperparameter has one source.
 *
 * @param name     the file name without extension; names the run folder
 * @param source   the settings file
 * @param network  the architecture
 * @param training optimiser and schedule
 * @param task     data and evaluation
 * @param checkpointEvery epochs between two checkpoints, 0 for none (a stop still writes one)
 * @param written  every key and value as written in the file, for the run summary
 * @param text     the settings file's text exactly as read, or null for settings changed in code
 * @param spark    how it trains on Spark ({@code engine = spark}), or null for this machine alone
 */
public record ExperimentSettings(String name, Path source, NetworkSpec network, TrainingSpec training,
                                 TaskSettings task, int checkpointEvery, Map<String, String> written, String text,
                                 SparkSettings spark) {

    /** The optional key of the training statistics' reporting interval, and its default (DL4J's). */
    public static final String STATS_EVERY = "stats.every";
    public static final int DEFAULT_STATS_EVERY = 10;

    /** The optional key naming the implementations that train, and their names. */
    public static final String IMPLEMENTATIONS = "implementations";
    public static final List<String> IMPLEMENTATION_NAMES = List.of("dl4j", "scratch");

    /** The optional key of the floating-point type both implementations train in. */
    public static final String PRECISION = "precision";

    /** The values of the {@code engine} key. */
    public static final String ENGINE_LOCAL = "local";
    public static final String ENGINE_SPARK = "spark";

    /** Keys every experiment has, whatever its kind. */
    public static final List<SettingKey> COMMON_KEYS = List.of(
            new SettingKey("experiment", "the name of a task kind", "which data and evaluation"),
            new SettingKey("cell", ValueReader.choices(CellType.values(), CellType::key),
                    "recurrent cell of every hidden layer (gru: rnnlab's own DL4J layer, PyTorch's nn.GRU "
                            + "equations)"),
            new SettingKey("layers", "a positive integer", "stacked recurrent layers"),
            new SettingKey("hidden", "a positive integer", "units in each recurrent layer"),
            new SettingKey("bias", "true or false", "without biases, DL4J's bias vectors are kept at zero"),
            new SettingKey("init", "'normal MEAN STD', 'uniform LOWER UPPER' or 'xavier'",
                    "weight initialisation (biases, a GRU's two included, start at 0, but an LSTM's forget gate at "
                            + "forget.bias)"),
            new SettingKey("output.activation", ValueReader.choices(OutputActivation.values(), OutputActivation::key),
                    "activation of the output layer"),
            new SettingKey("loss", ValueReader.choices(LossKind.values(), LossKind::key),
                    "loss (xent needs sigmoid, mcxent softmax)"),
            new SettingKey("updater", ValueReader.choices(UpdaterKind.values(), UpdaterKind::key),
                    "optimiser (Adam with ND4J's defaults 0.9, 0.999, 1e-8)"),
            new SettingKey("learning.rate", "a positive number", "step size of the optimiser"),
            new SettingKey("clip", "'none', 'elementwise T' or 'l2 T'", "gradient clipping per layer (T > 0)"),
            new SettingKey("batch", "a positive integer", "minibatch size"),
            new SettingKey("epochs", "a positive integer", "number of epochs"),
            new SettingKey("tbptt", "an integer >= 0", "truncated BPTT length (0: full BPTT)"),
            new SettingKey("seed", "an integer", "weight init and random data draws"),
            new SettingKey("checkpoint.every", "an integer >= 0",
                    "epochs between checkpoints a stopped or crashed run resumes from (0: none but at a stop)"),
            new SettingKey("engine", ENGINE_LOCAL + " | " + ENGINE_SPARK,
                    "DL4J trains on this machine, or also on Apache Spark (then the spark.* keys are required; a local "
                            + "file has none of them)"));

    /**
     * Keys a settings file may leave out, each with the value it then takes. {@code forget.bias} is the
     * initial bias of an LSTM's forget gate (with biases): DL4J's 1 unless set.
     */
    public static final List<SettingKey> OPTIONAL_KEYS = List.of(
            SettingKey.optional("forget.bias", "a finite number; only with cell = lstm and bias = true",
                    SettingKey.number(NetworkSpec.DEFAULT_FORGET_BIAS),
                    "initial bias of every LSTM forget gate: higher keeps the cell state longer at first"),
            SettingKey.optional(STATS_EVERY, "an integer >= 0", Integer.toString(DEFAULT_STATS_EVERY),
                    "updates between two reports to the run's training UI file ui-stats.dl4j (0: no file)"),
            SettingKey.optional(IMPLEMENTATIONS, "dl4j, scratch or both, comma-separated (with engine = spark, "
                            + "dl4j among them)", String.join(", ", IMPLEMENTATION_NAMES),
                    "which implementations train: both give the comparison columns; one trains once, from DL4J's "
                            + "initial parameters all the same"),
            SettingKey.optional(PRECISION, ValueReader.choices(Precision.values(), Precision::key),
                    Precision.DOUBLE.key(),
                    "floating-point type of both implementations: float is a speed option (DL4J's network and "
                            + "data in FLOAT, the scratch network's parameters, activations and gradients in float); "
                            + "double is what every comparison to the last digits uses"));

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentSettings.class);

    public ExperimentSettings {
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpointEvery must not be negative, got " + checkpointEvery);
        }
        written = Collections.unmodifiableMap(new LinkedHashMap<>(written));
    }

    /** Settings made in code (e.g. a variant of a file's): no file text, {@link #fileText()} renders the keys. */
    public ExperimentSettings(String name, Path source, NetworkSpec network, TrainingSpec training,
                              TaskSettings task, int checkpointEvery, Map<String, String> written) {
        this(name, source, network, training, task, checkpointEvery, written, null, null);
    }

    /** Settings of a file that trains on this machine alone. */
    public ExperimentSettings(String name, Path source, NetworkSpec network, TrainingSpec training,
                              TaskSettings task, int checkpointEvery, Map<String, String> written, String text) {
        this(name, source, network, training, task, checkpointEvery, written, text, null);
    }

    /**
     * Updates between two reports of training statistics ({@value #STATS_EVERY}), 0 for none: the
     * value written (checked when the file was read), else {@value #DEFAULT_STATS_EVERY}.
     */
    public int statsEvery() {
        String value = written.get(STATS_EVERY);
        return value == null ? DEFAULT_STATS_EVERY : Integer.parseInt(value.trim());
    }

    /**
     * The implementations that train ({@value #IMPLEMENTATIONS}), in {@link #IMPLEMENTATION_NAMES}
     * order: the value written (checked when the file was read), else both.
     */
    public List<String> implementations() {
        String value = written.get(IMPLEMENTATIONS);
        return value == null ? IMPLEMENTATION_NAMES : parseImplementations(value).orElseThrow();
    }

    /** Whether {@code implementation} (one of {@link #IMPLEMENTATION_NAMES}) trains. */
    public boolean trains(String implementation) {
        return implementations().contains(implementation);
    }

    /**
     * These settings training only {@code implementations} (e.g. from a command-line override);
     * the file's text stays as read.
     *
     * @throws IllegalArgumentException when the list is not one or both of {@link #IMPLEMENTATION_NAMES},
     *                                  or leaves out DL4J from a Spark experiment
     */
    public ExperimentSettings withImplementations(String implementations) {
        List<String> parsed = parseImplementations(implementations).orElseThrow(() -> new IllegalArgumentException(
                "'" + implementations + "' is not a list of implementations; expected dl4j, scratch or both"));
        if (onSpark() && !parsed.contains("dl4j")) {
            throw new IllegalArgumentException(source + " has engine = spark, which trains DL4J on Spark too: its "
                    + "implementations must include dl4j");
        }
        Map<String, String> changed = new LinkedHashMap<>(written);
        changed.put(IMPLEMENTATIONS, String.join(", ", parsed));
        return new ExperimentSettings(name, source, network, training, task, checkpointEvery, changed, text, spark);
    }

    /**
     * These settings under the experiment name and settings file they were first read as: a run
     * folder keeps the settings text as settings.properties, and a run resumed or reopened from it
     * keeps its own name.
     */
    public ExperimentSettings as(String originalName, Path originalSource) {
        return new ExperimentSettings(originalName, originalSource, network, training, task, checkpointEvery,
                written, text, spark);
    }

    /** dl4j and/or scratch, comma-separated, each once, in their usual order; empty if the text is not that. */
    public static Optional<List<String>> parseImplementations(String text) {
        Set<String> named = new HashSet<>();
        for (String part : text.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (!IMPLEMENTATION_NAMES.contains(name) || !named.add(name)) {
                return Optional.empty();
            }
        }
        return Optional.of(IMPLEMENTATION_NAMES.stream().filter(named::contains).toList());
    }

    /** Whether the file asks for a Spark run beside the single-machine ones. */
    public boolean onSpark() {
        return spark != null;
    }

    /**
     * A settings file that rebuilds this experiment: the text read, or, for settings changed in code,
     * one {@code key = value} line per key.
     */
    public String fileText() {
        if (text != null) {
            return text;
        }
        StringBuilder lines = new StringBuilder("# " + name + ", changed in code from " + source + "\n");
        written.forEach((key, value) -> lines.append(key).append(" = ").append(value).append('\n'));
        return lines.toString();
    }

    /**
     * Reads and validates a settings file of one of the given task kinds. Data paths in it are
     * relative to {@code dataDir}.
     *
     * @throws SettingsException naming the file, key, value and what is allowed
     */
    public static ExperimentSettings load(Path file, Path dataDir, List<? extends TaskSettingsReader> kinds) {
        SettingsFile settings = SettingsFile.read(file);
        return from(settings, dataDir, kinds);
    }

    /** Validates already tokenised settings. */
    public static ExperimentSettings from(SettingsFile file, Path dataDir, List<? extends TaskSettingsReader> kinds) {
        ValueReader in = new ValueReader(file);
        TaskSettingsReader kind = kind(in, kinds);
        boolean onSpark = engine(in);
        Map<String, SettingKey> allowed = new LinkedHashMap<>();
        Map<String, SettingKey> optional = new LinkedHashMap<>();
        for (SettingKey key : keysOf(kind, onSpark)) {
            (key.required() ? allowed : optional).put(key.name(), key);
        }
        for (SettingsFile.Entry entry : file.entries().values()) {
            if (!allowed.containsKey(entry.key()) && !optional.containsKey(entry.key())) {
                throw new SettingsException(file.path() + " line " + entry.line() + ": unknown key '"
                        + Snippet.of(entry.key()) + "' for experiment '" + kind.name() + "'"
                        + suggestion(entry.key(), union(allowed.keySet(), optional.keySet()))
                        + (entry.key().startsWith("spark.") && !onSpark ? " (spark.* keys go with engine = spark)" : "")
                        + "; allowed keys: " + String.join(", ", allowed.keySet()) + " and, optionally, "
                        + String.join(", ", optional.keySet()));
            }
        }
        for (SettingKey key : allowed.values()) {
            if (!in.has(key.name())) {
                in.text(key.name(), key.allowed());
            }
        }

        TaskSettings task = kind.read(in, dataDir);
        SequenceShape shape = task.shape();
        OutputActivation activation = in.choice("output.activation", OutputActivation.values(), OutputActivation::key);
        LossKind loss = in.choice("loss", LossKind.values(), LossKind::key);
        checkLossFitsActivation(in, loss, activation, shape.nOut());

        CellType cell = in.choice("cell", CellType.values(), CellType::key);
        boolean bias = in.bool("bias");
        NetworkSpec network = new NetworkSpec(cell, shape.nIn(), in.positiveInt("hidden"),
                in.positiveInt("layers"), shape.nOut(), shape.outputMode(), activation, loss, bias, init(in),
                forgetBias(in, cell, bias), precision(in));
        TrainingSpec training = new TrainingSpec(
                in.choice("updater", UpdaterKind.values(), UpdaterKind::key), in.positiveDouble("learning.rate"),
                clip(in), in.positiveInt("batch"), in.positiveInt("epochs"), in.nonNegativeInt("tbptt"),
                in.anyLong("seed"));
        MemoryEstimate.check(in, network, training, shape.sequenceLength());
        if (in.has(STATS_EVERY)) {
            in.nonNegativeInt(STATS_EVERY);
        }
        if (in.has(IMPLEMENTATIONS)) {
            String expected = "dl4j, scratch or both, comma-separated, each once";
            List<String> implementations = parseImplementations(in.text(IMPLEMENTATIONS, expected))
                    .orElseThrow(() -> in.bad(IMPLEMENTATIONS, expected));
            if (onSpark && !implementations.contains("dl4j")) {
                throw in.bad(IMPLEMENTATIONS, "a list with dl4j in it: engine = spark trains DL4J on Spark too");
            }
        }

        Map<String, String> written = new LinkedHashMap<>();
        file.entries().values().forEach(e -> written.put(e.key(), e.value()));
        return new ExperimentSettings(baseName(file.path()), file.path(), network, training, task,
                in.nonNegativeInt("checkpoint.every"), written,
                file.text(), onSpark ? SparkSettings.read(in) : null);
    }

    /**
     * Every key a file of {@code kind} may have, required ones and those with a default: the common
     * keys, the Spark keys when {@code onSpark}, and the kind's own. The unknown-key check accepts
     * these and no others.
     */
    private static List<SettingKey> keysOf(TaskSettingsReader kind, boolean onSpark) {
        List<SettingKey> keys = new ArrayList<>(COMMON_KEYS);
        keys.addAll(kind.keys());
        if (onSpark) {
            keys.addAll(SparkSettings.KEYS);
        }
        keys.addAll(OPTIONAL_KEYS);
        keys.addAll(kind.optionalKeys());
        return List.copyOf(keys);
    }

    /** The {@value #PRECISION} key's value, double when the file leaves it out. */
    private static Precision precision(ValueReader in) {
        return in.has(PRECISION) ? in.choice(PRECISION, Precision.values(), Precision::key) : Precision.DOUBLE;
    }

    /** Whether the engine key says spark; a missing or unknown engine stops here. */
    private static boolean engine(ValueReader in) {
        String allowed = ENGINE_LOCAL + " | " + ENGINE_SPARK;
        String engine = in.text("engine", allowed).trim();
        if (engine.equals(ENGINE_SPARK)) {
            return true;
        }
        if (engine.equals(ENGINE_LOCAL)) {
            return false;
        }
        throw in.bad("engine", allowed);
    }

    /** The kind named by the experiment key; a former name is read as its kind, with a note. */
    private static TaskSettingsReader kind(ValueReader in, List<? extends TaskSettingsReader> kinds) {
        String allowed = "one of " + kinds.stream().map(TaskSettingsReader::name).sorted()
                .collect(Collectors.joining(" | "));
        String name = in.text("experiment", allowed);
        for (TaskSettingsReader kind : kinds) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        for (TaskSettingsReader kind : kinds) {
            if (kind.formerNames().contains(name)) {
                LOG.warn("{}: experiment '{}' is now called '{}'; read as that", in.file().path(), name, kind.name());
                return kind;
            }
        }
        throw in.bad("experiment", allowed);
    }

    private static void checkLossFitsActivation(ValueReader in, LossKind loss, OutputActivation activation, int nOut) {
        if (activation == OutputActivation.SOFTMAX && nOut < 2) {
            throw in.bad("output.activation", "identity or sigmoid: softmax needs at least 2 output units and this "
                    + "experiment has " + nOut);
        }
        OutputActivation required = loss.requiredActivation();
        if (required != null && required != activation) {
            throw in.bad("loss", "mse, or " + loss.key() + " only with output.activation = " + required.key());
        }
    }

    /** The optional forget-gate bias: only a cell with a forget gate (the LSTM) and biases has one. */
    private static double forgetBias(ValueReader in, CellType cell, boolean bias) {
        if (!in.has("forget.bias")) {
            return NetworkSpec.DEFAULT_FORGET_BIAS;
        }
        String cells = Arrays.stream(CellType.values()).filter(c -> c.forgetGateBlock().isPresent())
                .map(CellType::key).collect(Collectors.joining(" or "));
        String expected = "a finite number, for cell = " + cells + " with bias = true";
        double value = ValueReader.parseDouble(in.text("forget.bias", expected));
        if (!Double.isFinite(value) || cell.forgetGateBlock().isEmpty() || !bias) {
            throw in.bad("forget.bias", expected + " (this network has cell = " + cell.key() + ", bias = " + bias + ")");
        }
        return value;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static WeightInitSpec init(ValueReader in) {
        String expected = "'normal MEAN STD', 'uniform LOWER UPPER' or 'xavier'";
        String[] words = in.words("init", expected);
        String family = words[0].toLowerCase(Locale.ROOT);
        if (family.equals("xavier") && words.length == 1) {
            return WeightInitSpec.xavier();
        }
        if ((family.equals("normal") || family.equals("uniform")) && words.length == 3) {
            double a = ValueReader.parseDouble(words[1]);
            double b = ValueReader.parseDouble(words[2]);
            if (family.equals("normal") && Double.isFinite(a) && b > 0 && Double.isFinite(b)) {
                return WeightInitSpec.normal(a, b);
            }
            if (family.equals("uniform") && Double.isFinite(a) && Double.isFinite(b) && a < b) {
                return WeightInitSpec.uniform(a, b);
            }
        }
        throw in.bad("init", expected + " (STD > 0, LOWER < UPPER)");
    }

    private static ClipSpec clip(ValueReader in) {
        String expected = "'none', 'elementwise T' or 'l2 T' with T > 0";
        String[] words = in.words("clip", expected);
        String kind = words[0].toLowerCase(Locale.ROOT);
        if (kind.equals("none") && words.length == 1) {
            return ClipSpec.none();
        }
        if (words.length == 2) {
            double threshold = ValueReader.parseDouble(words[1]);
            if (threshold > 0 && Double.isFinite(threshold)) {
                if (kind.equals("elementwise")) {
                    return new ClipSpec(ClipSpec.Kind.ELEMENTWISE, threshold);
                }
                if (kind.equals("l2")) {
                    return new ClipSpec(ClipSpec.Kind.L2_PER_LAYER, threshold);
                }
            }
        }
        throw in.bad("clip", expected);
    }




    /** A nearby allowed key for a likely typo, or nothing. */
    private static String suggestion(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 2 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String baseName(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}

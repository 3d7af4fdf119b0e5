package org.rnnlab.lab.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;

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
 * @param written  every key and value as written in the file, for the run summary
 */
public record ExperimentSettings(String name, Path source, NetworkSpec network, TrainingSpec training,
                                 TaskSettings task, Map<String, String> written) {

    /** Keys every experiment has. */
    public static final List<String> COMMON_KEYS = List.of(
            "experiment", "cell", "layers", "hidden", "bias", "init", "output.activation", "loss",
            "updater", "learning.rate", "clip", "batch", "epochs", "tbptt", "seed");

    /** Keys of each kind of experiment, beyond the common ones. */
    public static final Map<String, List<String>> TASK_KEYS = Map.of(
            TaskSettings.LetterParity.KIND, List.of("data.train", "data.test", "data.wide"),
            TaskSettings.SineWindow.KIND, List.of("data.train", "data.heldout", "heldout.name", "window",
                    "stop.patience"),
            TaskSettings.SineGeneration.KIND, List.of("data.windows", "data.generation", "windows.per.sequence",
                    "sequences.per.epoch", "generation.warmup", "generation.steps"));

    public ExperimentSettings {
        written = Collections.unmodifiableMap(new LinkedHashMap<>(written));
    }

    /**
     * Reads and validates a settings file. Data paths in it are relative to {@code dataDir}.
     *
     * @throws SettingsException naming the file, key, value and what is allowed
     */
    public static ExperimentSettings load(Path file, Path dataDir) {
        SettingsFile settings = SettingsFile.read(file);
        return from(settings, dataDir);
    }

    /** Validates already tokenised settings. */
    public static ExperimentSettings from(SettingsFile file, Path dataDir) {
        ValueReader in = new ValueReader(file);
        String kind = in.text("experiment", "one of " + String.join(" | ", TASK_KEYS.keySet().stream().sorted().toList()));
        List<String> taskKeys = TASK_KEYS.get(kind);
        if (taskKeys == null) {
            throw in.bad("experiment", "one of " + String.join(" | ", TASK_KEYS.keySet().stream().sorted().toList()));
        }
        Set<String> allowed = new LinkedHashSet<>(COMMON_KEYS);
        allowed.addAll(taskKeys);
        for (SettingsFile.Entry entry : file.entries().values()) {
            if (!allowed.contains(entry.key())) {
                throw new SettingsException(file.path() + " line " + entry.line() + ": unknown key '" + entry.key()
                        + "' for experiment '" + kind + "'" + suggestion(entry.key(), allowed)
                        + "; allowed keys: " + String.join(", ", allowed));
            }
        }
        for (String key : allowed) {
            if (!in.has(key)) {
                in.text(key, describe(key));
            }
        }

        TaskSettings task = switch (kind) {
            case TaskSettings.LetterParity.KIND -> new TaskSettings.LetterParity(
                    dataPath(in, dataDir, "data.train"), dataPath(in, dataDir, "data.test"),
                    dataPath(in, dataDir, "data.wide"));
            case TaskSettings.SineWindow.KIND -> new TaskSettings.SineWindow(
                    dataPath(in, dataDir, "data.train"), dataPath(in, dataDir, "data.heldout"),
                    heldoutName(in), in.positiveInt("window"), stopPatience(in));
            case TaskSettings.SineGeneration.KIND -> sineGeneration(in, dataDir);
            default -> throw new IllegalStateException("kind checked above: " + kind);
        };
        OutputMode outputMode = task instanceof TaskSettings.SineGeneration ? OutputMode.EVERY_STEP : OutputMode.LAST_STEP;

        OutputActivation activation = in.choice("output.activation", OutputActivation.values(), OutputActivation::key);
        LossKind loss = in.choice("loss", LossKind.values(), LossKind::key);
        checkLossFitsActivation(in, loss, activation, task.nOut());

        NetworkSpec network = new NetworkSpec(
                in.choice("cell", CellType.values(), CellType::key), task.nIn(), in.positiveInt("hidden"),
                in.positiveInt("layers"), task.nOut(), outputMode, activation, loss, in.bool("bias"), init(in));
        TrainingSpec training = new TrainingSpec(
                in.choice("updater", UpdaterKind.values(), UpdaterKind::key), in.positiveDouble("learning.rate"),
                clip(in), in.positiveInt("batch"), in.positiveInt("epochs"), in.nonNegativeInt("tbptt"),
                in.anyLong("seed"));

        Map<String, String> written = new LinkedHashMap<>();
        file.entries().values().forEach(e -> written.put(e.key(), e.value()));
        return new ExperimentSettings(baseName(file.path()), file.path(), network, training, task, written);
    }

    private static TaskSettings.SineGeneration sineGeneration(ValueReader in, Path dataDir) {
        List<Path> windows = dataPaths(in, dataDir, "data.windows");
        List<Path> truth = dataPaths(in, dataDir, "data.generation");
        if (truth.size() != windows.size()) {
            throw in.bad("data.generation", "one file per window in data.windows (" + windows.size() + ")");
        }
        return new TaskSettings.SineGeneration(windows, truth, in.positiveInt("windows.per.sequence"),
                in.positiveInt("sequences.per.epoch"), in.nonNegativeInt("generation.warmup"),
                in.positiveInt("generation.steps"));
    }

    private static int stopPatience(ValueReader in) {
        int patience = in.nonNegativeInt("stop.patience");
        if (patience > 0 && !in.text("heldout.name", "test or validation").equalsIgnoreCase("validation")) {
            throw in.bad("stop.patience", "0 when heldout.name = test: a test set must not decide when training stops");
        }
        return patience;
    }

    private static String heldoutName(ValueReader in) {
        String name = in.text("heldout.name", "test or validation").toLowerCase(Locale.ROOT);
        if (!name.equals("test") && !name.equals("validation")) {
            throw in.bad("heldout.name", "test or validation");
        }
        return name;
    }

    private static void checkLossFitsActivation(ValueReader in, LossKind loss, OutputActivation activation, int nOut) {
        if (activation == OutputActivation.SOFTMAX && nOut < 2) {
            throw in.bad("output.activation", "identity or sigmoid: softmax needs at least 2 output units and this "
                    + "experiment has " + nOut);
        }
        if (loss == LossKind.XENT && activation != OutputActivation.SIGMOID) {
            throw in.bad("loss", "mse, or xent only with output.activation = sigmoid");
        }
        if (loss == LossKind.MCXENT && activation != OutputActivation.SOFTMAX) {
            throw in.bad("loss", "mse, or mcxent only with output.activation = softmax");
        }
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

    private static Path dataPath(ValueReader in, Path dataDir, String key) {
        return dataDir.resolve(in.text(key, "a file under " + dataDir));
    }

    private static List<Path> dataPaths(ValueReader in, Path dataDir, String key) {
        List<Path> paths = new ArrayList<>();
        for (String item : in.list(key, "a comma-separated list of files under " + dataDir)) {
            paths.add(dataDir.resolve(item));
        }
        return paths;
    }

    private static String describe(String key) {
        return switch (key) {
            case "cell" -> "simplernn | lstm";
            case "layers", "hidden", "batch", "epochs", "window", "windows.per.sequence", "sequences.per.epoch",
                    "generation.steps" -> "a positive integer";
            case "tbptt", "generation.warmup", "stop.patience" -> "an integer >= 0";
            case "bias" -> "true or false";
            case "learning.rate" -> "a positive number";
            case "seed" -> "an integer";
            case "init" -> "'normal MEAN STD', 'uniform LOWER UPPER' or 'xavier'";
            case "clip" -> "'none', 'elementwise T' or 'l2 T'";
            case "output.activation" -> "identity | sigmoid | softmax";
            case "loss" -> "mse | xent | mcxent";
            case "updater" -> "sgd | adam";
            case "heldout.name" -> "test or validation";
            default -> key.startsWith("data.") ? "a data file path relative to data/" : "a value";
        };
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

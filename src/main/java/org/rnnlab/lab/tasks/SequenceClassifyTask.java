package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.data.generate.ControlChartBayes;
import org.rnnlab.data.generate.ControlChartGenerator;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.generate.GeneratedSequence;
import org.rnnlab.data.datavec.GeneratedSequenceReader;
import org.rnnlab.data.files.LabelledRowsFile;
import org.rnnlab.data.files.LabelledSequenceSet;
import org.rnnlab.data.files.LabelledSequence;
import org.rnnlab.data.files.NumberedSequenceFiles;
import org.rnnlab.data.generate.SequenceGenerator;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.files.SequenceSetShape;
import org.rnnlab.lab.report.AtomicFiles;
import org.rnnlab.lab.report.ConfusionMatrixPlot;
import org.rnnlab.lab.report.Csv;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MarkdownTable;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SequenceShape;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.settings.TaskSettings;
import org.rnnlab.lab.settings.ValueReader;
import org.rnnlab.spec.OutputMode;

/**
 * Labelled sequences to their class, many-to-one: a softmax output read at each sequence's last
 * step (the control chart series, or any sequences of numbers with a class each).
 *
 * <p>Data: either layout of the data package, read and checked once when the settings are read and
 * then through DataVec readers built over what was read, padded at the end and masked when lengths
 * differ ({@link SequenceIterators#labelledSequences}).
 * Inputs are standardised per column with DL4J's {@link NormalizerStandardize}, fitted on the
 * training set only and set as the preprocessor of every iterator, so DL4J and the scratch network
 * (which read the same iterator) see the same numbers; raw control chart values sit around 30 and
 * reach 0..60, which would push the gates and tanh units into saturation from the first step.
 *
 * <p>Evaluation: accuracy, per-class precision, recall and F1, macro F1 and the confusion matrix
 * from DL4J's {@code Evaluation}, fed with each model's outputs (DL4J's or the scratch network's) at
 * each sequence's label step ({@link ClassPredictions}); a confusion matrix plot, and the per-class
 * table and the misclassified test sequences in summary.md. With {@code test.generated}, also the
 * accuracy on a test set drawn fresh from the generator of rnnlab's control chart series
 * ({@code fresh_test_accuracy}), large enough that one series more or less does not decide a floor,
 * beside the Bayes-optimal classifier's accuracy on the same series ({@code fresh_test_bayes_accuracy}).
 * With {@code train.generated}, the network trains on series drawn anew every epoch from that
 * generator (from the run's seed, like the long-lag tasks' sequences), which separates what the
 * network can learn from what 450 fixed series allow.
 *
 * <p>Why {@code read} reads data: the network's input width (values per step) and the longest
 * sequence can only come from the files, and the settings must know both. So the settings reader
 * runs the data package's checks on both sets: a bad file stops before any run starts, with the key
 * that named it, the file, line, column, value and what is allowed.
 */
public final class SequenceClassifyTask implements Task {

    /** How a set of labelled sequences is stored. */
    public enum Layout {
        /** A folder with features/0.csv.. (one step per line) and labels/0.csv.. (one class index). */
        NUMBERED_FILES("numbered-files"),
        /** One CSV file, a sequence per row: label,v1,v2,... (one value per step). */
        ROWS("rows");

        private final String key;

        Layout(String key) {
            this.key = key;
        }

        /** The value of {@code data.layout}. */
        public String key() {
            return key;
        }
    }

    /** Where a generated second test set comes from ({@code test.generated}). */
    public enum Generated {
        /** No generated test set. */
        NONE("none"),
        /** Control chart series of 60 steps, as data/control-chart holds. */
        CONTROL_CHART("control-chart"),
        /** Control chart series cut to 30..60 steps, as data/control-chart-variable holds. */
        CONTROL_CHART_VARIABLE("control-chart-variable");

        private final String key;

        Generated(String key) {
            this.key = key;
        }

        /** The value of {@code test.generated}. */
        public String key() {
            return key;
        }
    }

    /**
     * A test set drawn in code: {@code series} sequences from {@code source}'s generator, seeded with
     * {@code seed}.
     */
    public record GeneratedTest(Generated source, int series, long seed) {
        /** No generated test set. */
        public static final GeneratedTest NONE = new GeneratedTest(Generated.NONE, DEFAULT_GENERATED_SERIES,
                DEFAULT_GENERATED_SEED);
    }

    /**
     * Training series drawn fresh every epoch from {@code source}'s generator, {@code seriesPerEpoch}
     * of them, from the run's seed.
     */
    public record GeneratedTrain(Generated source, int seriesPerEpoch) {
        /** Training on the data.train series. */
        public static final GeneratedTrain NONE = new GeneratedTrain(Generated.NONE, DEFAULT_TRAIN_SERIES);
    }

    /** Training series per epoch unless {@code train.generated.series} says otherwise: as many as data/control-chart has. */
    public static final int DEFAULT_TRAIN_SERIES = 450;

    /** Series of a generated test set unless {@code test.generated.series} says otherwise. */
    public static final int DEFAULT_GENERATED_SERIES = 3000;
    /** Seed of a generated test set unless {@code test.generated.seed} says otherwise (not the files' 1999). */
    public static final long DEFAULT_GENERATED_SEED = 2026;
    /** Most series a generated test set may have: each is evaluated after training, and by the Bayes rule. */
    public static final int MAX_GENERATED_SERIES = 100_000;

    private static final String NO_NAMES = "none";

    /** The kind: {@code experiment = sequence-classify}. */
    public static final TaskKind<Settings> KIND = new TaskKind<>("sequence-classify", Settings.class, List.of(
            new SettingKey("data.layout", ValueReader.choices(Layout.values(), Layout::key),
                    "how the sequences are stored: a folder of features/N.csv and labels/N.csv, or one CSV file "
                            + "of rows label,v1,v2,..."),
            new SettingKey("data.train", "a folder (numbered-files) or a CSV file (rows) under data/",
                    "training sequences with their classes; input standardisation is fitted on them"),
            new SettingKey("data.test", "as data.train", "test sequences, scored once after training"),
            new SettingKey("classes", "an integer >= 2", "number of classes: labels are 0..classes-1, each one "
                    + "in the training set"),
            new SettingKey("class.names", "a comma-separated list of one name per class, or none",
                    "names in the summary and the confusion matrix (none: the class numbers)")), List.of(
            SettingKey.optional("test.generated", ValueReader.choices(Generated.values(), Generated::key),
                    Generated.NONE.key(),
                    "a second test set drawn fresh from the generator of rnnlab's control chart series (60 steps, "
                            + "or cut to 30..60): results fresh_test_accuracy and, beside it, "
                            + "fresh_test_bayes_accuracy, the best any classifier can expect on those series"),
            SettingKey.optional("test.generated.series", "an integer in 1.." + MAX_GENERATED_SERIES
                            + "; only with test.generated", Integer.toString(DEFAULT_GENERATED_SERIES),
                    "series in the generated test set"),
            SettingKey.optional("test.generated.seed", "an integer; only with test.generated",
                    Long.toString(DEFAULT_GENERATED_SEED), "draws the generated test set, the same for every run"),
            SettingKey.optional("train.generated", ValueReader.choices(Generated.values(), Generated::key),
                    Generated.NONE.key(),
                    "train on series drawn fresh every epoch from the generator of rnnlab's control chart series "
                            + "(from the run's seed) instead of the data.train series, which then only fit the input "
                            + "standardisation and give train_loss and train_accuracy"),
            SettingKey.optional("train.generated.series", "a positive integer (at most what fits in a quarter "
                            + "of the heap); only with train.generated", Integer.toString(DEFAULT_TRAIN_SERIES),
                    "new training series drawn for every epoch"))) {

        @Override
        public Settings read(ValueReader in, Path dataDir) {
            Layout layout = in.choice("data.layout", Layout.values(), Layout::key);
            int classes = in.positiveInt("classes");
            if (classes < 2) {
                throw in.bad("classes", "an integer >= 2: a classification needs two classes or more");
            }
            List<String> names = classNames(in, classes);
            LabelledSet train = LabelledSet.read(in, "data.train", layout, in.dataPath("data.train", dataDir), classes);
            LabelledSet test = LabelledSet.read(in, "data.test", layout, in.dataPath("data.test", dataDir), classes);
            if (test.shape().columns() != train.shape().columns()) {
                throw in.bad("data.test", "sequences with " + train.shape().columns() + " value(s) per step, as in "
                        + "data.train; these have " + test.shape().columns());
            }
            List<Integer> missing = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                if (train.perClass()[k] == 0) {
                    missing.add(k);
                }
            }
            if (!missing.isEmpty()) {
                throw in.bad("classes", "the number of classes the training labels use: data.train has no sequence "
                        + "of class " + missing + " (labels are 0..classes-1 and every class needs training examples)");
            }
            return new Settings(layout, train.set(), test.set(), classes, names,
                    generatedTest(in, classes, train.shape()), generatedTrain(in, classes, train.shape()));
        }

        /** The optional generated training series; like the files' series, they must fit the network. */
        private static GeneratedTrain generatedTrain(ValueReader in, int classes, SequenceSetShape train) {
            if (in.has("train.generated.series") && !in.has("train.generated")) {
                throw in.bad("train.generated.series", "no value without train.generated (control-chart or "
                        + "control-chart-variable)");
            }
            if (!in.has("train.generated")) {
                return GeneratedTrain.NONE;
            }
            Generated source = in.choice("train.generated", Generated.values(), Generated::key);
            if (source == Generated.NONE) {
                return GeneratedTrain.NONE;
            }
            checkGeneratorFits(in, "train.generated", classes, train);
            int series = in.has("train.generated.series")
                    ? GeneratedSetSize.read(in, "train.generated.series", ControlChartGenerator.LENGTH, 1 + classes)
                    : DEFAULT_TRAIN_SERIES;
            return new GeneratedTrain(source, series);
        }

        /** The generator draws one value per step in its six classes: a set of other series cannot take its draws. */
        private static void checkGeneratorFits(ValueReader in, String key, int classes, SequenceSetShape train) {
            if (classes != ControlChartGenerator.CLASSES || train.columns() != 1) {
                throw in.bad(key, "none for these sequences: the control chart generator draws series "
                        + "of 1 value per step in " + ControlChartGenerator.CLASSES + " classes, and data.train has "
                        + train.columns() + " value(s) per step and classes = " + classes);
            }
        }

        /** The optional generated test set; its series must fit the network the files shape. */
        private static GeneratedTest generatedTest(ValueReader in, int classes, SequenceSetShape train) {
            for (String key : List.of("test.generated.series", "test.generated.seed")) {
                if (in.has(key) && !in.has("test.generated")) {
                    throw in.bad(key, "no value without test.generated (control-chart or control-chart-variable)");
                }
            }
            if (!in.has("test.generated")) {
                return GeneratedTest.NONE;
            }
            Generated source = in.choice("test.generated", Generated.values(), Generated::key);
            if (source == Generated.NONE) {
                return GeneratedTest.NONE;
            }
            checkGeneratorFits(in, "test.generated", classes, train);
            int series = DEFAULT_GENERATED_SERIES;
            if (in.has("test.generated.series")) {
                series = in.positiveInt("test.generated.series");
                if (series > MAX_GENERATED_SERIES) {
                    throw in.bad("test.generated.series", "an integer in 1.." + MAX_GENERATED_SERIES);
                }
            }
            long seed = in.has("test.generated.seed") ? in.anyLong("test.generated.seed") : DEFAULT_GENERATED_SEED;
            return new GeneratedTest(source, series, seed);
        }

        @Override
        protected Task create(Settings settings, ExperimentSettings experiment) {
            return new SequenceClassifyTask(settings, experiment.training().seed());
        }

        @Override
        protected Predictor createPredictor(Settings settings, ExperimentSettings experiment, Path runFolder) {
            NormalizerStandardize normalizer = SavedNormalizer.read(runFolder,
                    "a sequence-classify run needs to standardise new sequences as it did its training set");
            return (model, input, csvOut) -> predict(settings, normalizer, model, input, csvOut);
        }
    };

    /**
     * Sequences stored as the run's were ({@code data.layout}; their labels are read but not used) to
     * one row per sequence: its number (file number or row, from 0), its length, the class the network
     * gives it (the most probable), that class's name, and the probability of each class. Inputs are
     * standardised with the run's saved normaliser.
     */
    static int predict(Settings settings, NormalizerStandardize normalizer, SequenceModel model, Path input,
                       Path csvOut) throws IOException {
        int columns = settings.trainShape().columns();
        LabelledSequenceSet sequences = switch (settings.layout()) {
            case NUMBERED_FILES -> {
                if (!Files.isDirectory(input)) {
                    throw DataFileException.ofFile(input, "is not a folder: this model reads a folder of "
                            + NumberedSequenceFiles.FEATURES + "/N.csv and " + NumberedSequenceFiles.LABELS
                            + "/N.csv, as its training data");
                }
                yield NumberedSequenceFiles.read(input, settings.classes());
            }
            case ROWS -> LabelledSequenceSet.of(input, LabelledRowsFile.read(input, settings.classes()));
        };
        if (sequences.shape().columns() != columns) {
            throw DataFileException.ofFile(input, "has " + sequences.shape().columns() + " value(s) per step: this "
                    + "model reads " + columns + " per step, as its training data had");
        }
        DataSetIterator data = SequenceIterators.labelledSequences(sequences, settings.classes(), EVALUATION_BATCH);
        data.setPreProcessor(normalizer);
        ClassPredictions predictions = ClassPredictions.collect(model, data);
        List<String> header = new ArrayList<>(List.of("sequence", "steps", "label", "name"));
        for (int k = 0; k < settings.classes(); k++) {
            header.add("p" + k);
        }
        StringBuilder csv = new StringBuilder(Csv.record(header));
        for (int i = 0; i < predictions.size(); i++) {
            int label = predictions.predicted(i);
            List<String> row = new ArrayList<>(List.of(Integer.toString(i), Integer.toString(predictions.steps(i)),
                    Integer.toString(label), settings.classNames().get(label)));
            for (int k = 0; k < settings.classes(); k++) {
                row.add(NumberFormats.exact(predictions.probability(i, k)));
            }
            csv.append(Csv.record(row));
        }
        AtomicFiles.writeText(csvOut, csv.toString());
        return predictions.size();
    }

    /**
     * Labelled sequences to their class, many-to-one.
     *
     * @param layout     how both sets are stored
     * @param train      the training sequences, read and checked once when the settings are read (from
     *                   a folder or a file, as the layout says): the task's readers are built over them
     * @param test       the test sequences, likewise
     * @param classes    number of classes
     * @param classNames one name per class
     */
    public record Settings(Layout layout, LabelledSequenceSet train, LabelledSequenceSet test, int classes,
                           List<String> classNames, GeneratedTest generated, GeneratedTrain generatedTrain)
            implements TaskSettings {

        public Settings {
            classNames = List.copyOf(classNames);
        }

        /** What the training set holds, as its check found it. */
        public SequenceSetShape trainShape() {
            return train.shape();
        }

        /** What the test set holds. */
        public SequenceSetShape testShape() {
            return test.shape();
        }

        @Override
        public String kind() {
            return KIND.name();
        }

        /** Values per step in; one output per class; the longest training sequence. */
        @Override
        public SequenceShape shape() {
            return new SequenceShape(trainShape().columns(), classes, OutputMode.LAST_STEP, trainShape().longest());
        }

        @Override
        public List<Path> dataFiles() {
            return List.of(train.source(), test.source());
        }
    }

    /** A checked set: what it holds, and how many sequences each class has. */
    private record LabelledSet(LabelledSequenceSet set, int[] perClass) {

        SequenceSetShape shape() {
            return set.shape();
        }

        /** Checks the set named by {@code key} with the data package's checks; problems name the key. */
        static LabelledSet read(ValueReader in, String key, Layout layout, Path path, int classes) {
            String expected = switch (layout) {
                case NUMBERED_FILES -> "a folder holding features/ and labels/ (data.layout = numbered-files)";
                case ROWS -> "a CSV file of rows label,v1,v2,... (data.layout = rows)";
            };
            if (!Files.exists(path)) {
                throw in.bad(key, expected + "; " + path + " does not exist");
            }
            try {
                return switch (layout) {
                    case NUMBERED_FILES -> {
                        if (!Files.isDirectory(path)) {
                            throw in.bad(key, expected + "; this is a file (for rows label,v1,v2,... in one file "
                                    + "set data.layout = rows)");
                        }
                        LabelledSequenceSet set = NumberedSequenceFiles.read(path, classes);
                        yield new LabelledSet(set, set.perClass(classes));
                    }
                    case ROWS -> {
                        if (!Files.isRegularFile(path)) {
                            throw in.bad(key, expected + "; this is a folder (for features/N.csv and labels/N.csv "
                                    + "set data.layout = numbered-files)");
                        }
                        LabelledSequenceSet set = LabelledSequenceSet.of(path, LabelledRowsFile.read(path, classes));
                        yield new LabelledSet(set, set.perClass(classes));
                    }
                };
            } catch (DataFileException e) {
                SettingsException problem = in.bad(key, "labelled sequences (classes = " + classes + "); "
                        + e.getMessage());
                problem.initCause(e);
                throw problem;
            }
        }
    }

    private static List<String> classNames(ValueReader in, int classes) {
        String expected = classes + " comma-separated names, one per class 0.." + (classes - 1) + ", or " + NO_NAMES;
        if (in.text("class.names", expected).toLowerCase(Locale.ROOT).equals(NO_NAMES)) {
            List<String> numbers = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                numbers.add(Integer.toString(k));
            }
            return numbers;
        }
        List<String> names = in.list("class.names", expected);
        if (names.size() != classes) {
            throw in.bad("class.names", expected + " (found " + names.size() + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw in.bad("class.names", expected + ", all different ('" + name + "' is given twice)");
            }
        }
        return names;
    }

    /** Evaluation reads a whole set in one or two minibatches. */
    private static final int EVALUATION_BATCH = 256;
    /** Misclassified test sequences listed in summary.md at most. */
    static final int MISCLASSIFIED_SHOWN = 20;

    private final Settings settings;
    /** The run's seed: draws the generated training series, if any. */
    private final long seed;
    private final NormalizerStandardize normalizer = new NormalizerStandardize();
    private final DataSetIterator trainSet;
    private final DataSetIterator testSet;
    /** The generated test set, or null without one. */
    private final DataSetIterator generatedSet;
    /** The Bayes-optimal classifier's expected accuracy on the generated test set (NaN without one). */
    private final double generatedBayesAccuracy;

    /**
     * Builds the DataVec readers over both sets as the settings read them (no file is read again) and
     * fits the input standardisation on the training set; draws
     * the generated test set, if any, and scores the Bayes-optimal classifier on it.
     */
    public SequenceClassifyTask(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        normalizer.fit(iterator(settings.train(), EVALUATION_BATCH));
        this.trainSet = standardised(iterator(settings.train(), EVALUATION_BATCH));
        this.testSet = standardised(iterator(settings.test(), EVALUATION_BATCH));
        GeneratedTest generated = settings.generated();
        if (generated.source() == Generated.NONE) {
            this.generatedSet = null;
            this.generatedBayesAccuracy = Double.NaN;
        } else {
            SequenceGenerator generator = ControlChartGenerator.sequences(
                    generated.source() == Generated.CONTROL_CHART_VARIABLE);
            this.generatedSet = standardised(SequenceIterators.generatedManyToOne(generator, generated.seed(),
                    generated.series(), false, settings.classes(), false, EVALUATION_BATCH));
            List<LabelledSequence> series = new ArrayList<>(generated.series());
            for (GeneratedSequence drawn : GeneratedSequenceReader.draw(generator,
                    GeneratedSequenceReader.epochSeed(generated.seed(), 0), generated.series())) {
                series.add(ControlChartGenerator.labelled(drawn));
            }
            this.generatedBayesAccuracy = new ControlChartBayes().score(series).accuracy();
        }
    }

    private DataSetIterator iterator(LabelledSequenceSet set, int batch) {
        return SequenceIterators.labelledSequences(set, settings.classes(), batch);
    }

    private DataSetIterator standardised(DataSetIterator data) {
        data.setPreProcessor(normalizer);
        return data;
    }

    /**
     * Keeps no training state: the files' data every epoch, or generated series drawn from the seed
     * anew in an iterator made for each training; evaluation sets reset before each use.
     */
    @Override
    public Task fresh() {
        return this;
    }

    /** Fixed files read in order, minibatch by minibatch; generated training series are new every epoch. */
    @Override
    public boolean sameDataEveryEpoch() {
        return settings.generatedTrain().source() == Generated.NONE;
    }

    @Override
    public DataSetIterator trainingData(int batch) {
        GeneratedTrain generated = settings.generatedTrain();
        if (generated.source() == Generated.NONE) {
            return standardised(iterator(settings.train(), batch));
        }
        SequenceGenerator generator = ControlChartGenerator.sequences(
                generated.source() == Generated.CONTROL_CHART_VARIABLE);
        return standardised(SequenceIterators.generatedManyToOne(generator, seed, generated.seriesPerEpoch(), true,
                settings.classes(), false, batch));
    }

    /** Cross-entropy and accuracy on the training set, in the order of {@link #epochMetricNames()}. */
    @Override
    public double[] epochMetrics(SequenceModel model) {
        ClassPredictions train = trainPredictions(model);
        return new double[] {train.crossEntropy(), train.accuracy()};
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("train_loss", "train_accuracy");
    }

    /** The test sequences as the evaluation reads them: standardised, padded and masked. */
    public DataSetIterator testData() {
        testSet.reset();
        return testSet;
    }

    /** The model's predictions on the training set, in file or row order. */
    public ClassPredictions trainPredictions(SequenceModel model) {
        return ClassPredictions.collect(model, trainSet);
    }

    /** The model's predictions on the test set, in file or row order. */
    public ClassPredictions testPredictions(SequenceModel model) {
        return ClassPredictions.collect(model, testSet);
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        ClassPredictions train = trainPredictions(model);
        ClassPredictions test = testPredictions(model);
        ClassScores scores = test.scores();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", train.crossEntropy());
        metrics.put("train_accuracy", train.accuracy());
        metrics.put("test_loss", test.crossEntropy());
        metrics.put("test_accuracy", scores.accuracy());
        metrics.put("macro_f1", scores.macroF1());
        if (generatedSet != null) {
            metrics.put("fresh_test_accuracy", ClassPredictions.collect(model, generatedSet).accuracy());
            metrics.put("fresh_test_bayes_accuracy", generatedBayesAccuracy);
        }

        Map<String, String> plots = new LinkedHashMap<>();
        folder.write("loss.png", file -> lossPlot(log, label).save(file));
        plots.put("Training loss (cross-entropy) per epoch", "loss.png");
        folder.write("confusion.png", file -> ConfusionMatrixPlot.save(label + ": test set, accuracy "
                + NumberFormats.fixed(scores.accuracy(), 3), settings.classNames(), scores.confusion(), file));
        plots.put("Confusion matrix of the " + test.size() + " test sequences", "confusion.png");
        SavedNormalizer.write(folder, normalizer);
        List<String> notes = new ArrayList<>(List.of(dataNote(), perClassNote(test, scores), misclassifiedNote(test)));
        if (generatedSet != null) {
            notes.add(generatedNote(metrics.get("fresh_test_accuracy")));
        }
        return new Evaluation(metrics, plots, notes);
    }

    private static LinePlot lossPlot(MetricsLog log, String label) {
        return new LinePlot().title(label + ": training loss")
                .xAxisTitle("epoch").yAxisTitle("mean −ln p(true class)").logY(true)
                .line("train", log.column(MetricsLog.EPOCH), log.column("train_loss"));
    }

    private String dataNote() {
        SequenceSetShape train = settings.trainShape();
        SequenceSetShape test = settings.testShape();
        return "## Data\n\n" + train.sequences() + " training and " + test.sequences() + " test sequences of "
                + steps(train) + " and " + steps(test) + " steps, " + train.columns() + " value(s) per step, "
                + settings.classes() + " classes. Inputs are standardised per column with the training set's mean "
                + perColumn(normalizer.getMean().toDoubleVector()) + " and standard deviation "
                + perColumn(normalizer.getStd().toDoubleVector())
                + " (DL4J's NormalizerStandardize). Scores below come from DL4J's Evaluation fed with this "
                + "network's outputs at each sequence's last step.";
    }

    private String generatedNote(double accuracy) {
        GeneratedTest generated = settings.generated();
        String steps = generated.source() == Generated.CONTROL_CHART_VARIABLE
                ? ControlChartGenerator.SHORTEST + ".." + ControlChartGenerator.LENGTH : ControlChartGenerator.LENGTH + "";
        return "## Generated test set\n\n" + generated.series() + " control chart series of " + steps
                + " steps drawn fresh from rnnlab's generator (test.generated = " + generated.source().key()
                + ", seed " + generated.seed() + "), classes drawn uniformly: accuracy "
                + NumberFormats.fixed(accuracy, 4) + ". The Bayes-optimal classifier, worked out from the generator's "
                + "equations, expects " + NumberFormats.fixed(generatedBayesAccuracy, 4) + " on the same series: "
                + "no classifier can do better on average.";
    }

    private static String perColumn(double[] values) {
        List<String> texts = new ArrayList<>();
        for (double value : values) {
            texts.add(NumberFormats.significant(value));
        }
        return String.join(", ", texts);
    }

    private static String steps(SequenceSetShape shape) {
        return shape.ragged() ? shape.shortest() + ".." + shape.longest() : Integer.toString(shape.longest());
    }

    private String perClassNote(ClassPredictions test, ClassScores scores) {
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> confusion = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("true \\ predicted"));
        for (int k = 0; k < settings.classes(); k++) {
            int examples = 0;
            List<String> counts = new ArrayList<>(List.of(settings.classNames().get(k)));
            for (int predicted = 0; predicted < settings.classes(); predicted++) {
                examples += scores.confusion()[k][predicted];
                counts.add(Integer.toString(scores.confusion()[k][predicted]));
            }
            rows.add(List.of(settings.classNames().get(k), Integer.toString(examples),
                    NumberFormats.fixed(scores.precision()[k], 3), NumberFormats.fixed(scores.recall()[k], 3),
                    NumberFormats.fixed(scores.f1()[k], 3)));
            confusion.add(counts);
            header.add(settings.classNames().get(k));
        }
        return "## Test set, per class\n\nAccuracy " + NumberFormats.fixed(scores.accuracy(), 4) + ", macro F1 "
                + NumberFormats.fixed(scores.macroF1(), 4) + " over " + test.size() + " sequences.\n\n"
                + MarkdownTable.of(List.of("class", "sequences", "precision", "recall", "F1"), rows, true)
                + "\n\nConfusion matrix (rows: true class, columns: predicted class):\n\n"
                + MarkdownTable.of(header, confusion, true);
    }

    private String misclassifiedNote(ClassPredictions test) {
        List<Integer> wrong = test.misclassified();
        if (wrong.isEmpty()) {
            return "## Misclassified test sequences\n\nNone: every test sequence is classified correctly.";
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i : wrong.subList(0, Math.min(wrong.size(), MISCLASSIFIED_SHOWN))) {
            int predicted = test.predicted(i);
            rows.add(List.of(exampleName(i), Integer.toString(test.steps(i)),
                    settings.classNames().get(test.actual(i)), settings.classNames().get(predicted),
                    NumberFormats.fixed(test.probability(i, predicted), 3),
                    NumberFormats.fixed(test.probability(i, test.actual(i)), 3)));
        }
        String shown = wrong.size() > MISCLASSIFIED_SHOWN ? " (the first " + MISCLASSIFIED_SHOWN + ")" : "";
        String counting = switch (settings.layout()) {
            case NUMBERED_FILES -> "";
            case ROWS -> " (rows count sequences from 1, without comment or header lines)";
        };
        return "## Misclassified test sequences\n\n" + wrong.size() + " of " + test.size() + shown + ", in "
                + settings.test().source().getFileName() + counting + ":\n\n"
                + MarkdownTable.of(List.of("sequence", "steps", "true class", "predicted", "p(predicted)",
                        "p(true)"), rows, false);
    }

    /** How a person finds test sequence {@code i} (from 0, in reading order) in its files. */
    private String exampleName(int i) {
        return switch (settings.layout()) {
            case NUMBERED_FILES -> "features/" + i + ".csv";
            case ROWS -> "row " + (i + 1);
        };
    }
}

package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.files.LetterExample;
import org.rnnlab.data.files.LetterStrings;
import org.rnnlab.data.files.LettersFile;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SequenceShape;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.TaskSettings;
import org.rnnlab.lab.settings.ValueReader;
import org.rnnlab.spec.OutputMode;

/** E1: is the number of a's in a letter string odd? Many-to-one, one sigmoid output. */
public final class LetterParityTask implements Task {

    /** The kind: {@code experiment = letter-parity}. */
    public static final TaskKind<Settings> KIND = new TaskKind<>("letter-parity", Settings.class, List.of(
            new SettingKey("data.train", "a letters file under data/", "training strings with their labels"),
            new SettingKey("data.test", "a letters file under data/", "test strings"),
            new SettingKey("data.wide", "a letters file under data/", "a wider test set (e.g. all strings of one length)"))) {

        @Override
        public Settings read(ValueReader in, Path dataDir) {
            return new Settings(in.dataPath("data.train", dataDir), in.dataPath("data.test", dataDir),
                    in.dataPath("data.wide", dataDir));
        }

        @Override
        protected Task create(Settings settings, ExperimentSettings experiment) {
            return new LetterParityTask(settings);
        }

        @Override
        protected Predictor createPredictor(Settings settings, ExperimentSettings experiment, Path runFolder) {
            return LetterParityTask::predict;
        }
    };

    /**
     * A letters file ({@code sequence,label}; the labels are read but not used) to one row per string:
     * the string, the network's output (the probability that the number of a's is odd) and the label
     * it gives (output rounded at 0.5). A letter outside {@link LetterStrings#ALPHABET} stops with the
     * file and line.
     */
    static int predict(SequenceModel model, Path input, Path csvOut) throws IOException {
        List<LetterExample> examples = LettersFile.read(input);
        double[] outputs = Predictions.manyToOne(model, SequenceIterators.letters(examples, EVALUATION_BATCH))
                .predicted();
        PredictionTable table = new PredictionTable(List.of("sequence", "probability", "label"));
        for (int i = 0; i < examples.size(); i++) {
            table.add(examples.get(i).sequence(), outputs[i], outputs[i] >= 0.5 ? 1 : 0);
        }
        return table.write(csvOut);
    }

    /**
     * Letter strings (one-hot steps, alphabet {@link LetterStrings#ALPHABET}) to the parity of the
     * number of a's, many-to-one.
     *
     * @param train training strings with labels
     * @param test  test strings
     * @param wide  a wider test set (all strings of one length)
     */
    public record Settings(Path train, Path test, Path wide) implements TaskSettings {

        @Override
        public String kind() {
            return KIND.name();
        }

        @Override
        public SequenceShape shape() {
            return new SequenceShape(LetterStrings.FEATURES, 1, OutputMode.LAST_STEP, LetterStrings.LENGTH);
        }

        @Override
        public List<Path> dataFiles() {
            return List.of(train, test, wide);
        }
    }

    /** Evaluation reads each set in one minibatch. */
    private static final int EVALUATION_BATCH = 256;

    /** The training strings, read once: the training and evaluation iterators are built over them. */
    private final List<LetterExample> train;
    private final DataSetIterator trainSet;
    private final DataSetIterator testSet;
    private final DataSetIterator wideSet;

    /** Reads the three sets, once each. */
    public LetterParityTask(Settings settings) {
        this.train = LettersFile.read(settings.train());
        this.trainSet = SequenceIterators.letters(train, EVALUATION_BATCH);
        this.testSet = SequenceIterators.letters(LettersFile.read(settings.test()), EVALUATION_BATCH);
        this.wideSet = SequenceIterators.letters(LettersFile.read(settings.wide()), EVALUATION_BATCH);
    }

    /** Keeps no training state: the same data every epoch, evaluation sets reset before each use. */
    @Override
    public Task fresh() {
        return this;
    }

    /** A fixed file read in order, minibatch by minibatch. */
    @Override
    public boolean sameDataEveryEpoch() {
        return true;
    }

    @Override
    public DataSetIterator trainingData(int batch) {
        return SequenceIterators.letters(train, batch);
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("train_loss", "train_accuracy");
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        Predictions train = Predictions.manyToOne(model, trainSet);
        return new double[] {train.halfMeanSquaredError(), train.accuracy()};
    }

    /** Accuracy (output rounded at 0.5) on the training, test and wide sets. */
    public record Accuracies(double train, double test, double wide) {
    }

    /** The model's accuracy on each of the three sets. */
    public Accuracies accuracies(SequenceModel model) {
        return new Accuracies(Predictions.manyToOne(model, trainSet).accuracy(),
                Predictions.manyToOne(model, testSet).accuracy(),
                Predictions.manyToOne(model, wideSet).accuracy());
    }

    /**
     * Every string of the training, test and wide sets right: what the parity study counts. Used by
     * the general study ({@code Study --full} keeps training to the last epoch, as E1 does).
     */
    @Override
    public Optional<SuccessCriterion> success() {
        return Optional.of(new SuccessCriterion() {
            @Override
            public String description() {
                return "every string of the training, test and wide sets labelled right (output rounded at 0.5)";
            }

            @Override
            public String metric() {
                return "all_length4_accuracy";
            }

            @Override
            public Map<String, Double> measure(SequenceModel model) {
                Accuracies accuracy = accuracies(model);
                Map<String, Double> measured = new LinkedHashMap<>();
                measured.put("train_accuracy", accuracy.train());
                measured.put("test_accuracy", accuracy.test());
                measured.put("all_length4_accuracy", accuracy.wide());
                return measured;
            }

            @Override
            public boolean holds(Map<String, Double> measured) {
                return measured.get("train_accuracy") == 1.0 && measured.get("test_accuracy") == 1.0
                        && measured.get("all_length4_accuracy") == 1.0;
            }
        });
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        Predictions train = Predictions.manyToOne(model, trainSet);
        Predictions test = Predictions.manyToOne(model, testSet);
        Predictions wide = Predictions.manyToOne(model, wideSet);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", train.halfMeanSquaredError());
        metrics.put("train_accuracy", train.accuracy());
        metrics.put("test_accuracy", test.accuracy());
        metrics.put("all_length4_accuracy", wide.accuracy());

        Map<String, String> plots = new LinkedHashMap<>();
        double[] epochs = log.column(MetricsLog.EPOCH);
        folder.write("loss.png", file -> new LinePlot()
                .title(label + ": training loss")
                .xAxisTitle("epoch").yAxisTitle("0.5 · mean (y − t)²").logY(true)
                .line("train", epochs, log.column("train_loss"))
                .save(file));
        plots.put("Training loss per epoch", "loss.png");
        folder.write("predictions.png", file -> new LinePlot()
                .title(label + ": output for each of the " + wide.predicted().length + " strings")
                .xAxisTitle("string (lexicographic order)").yAxisTitle("output / label")
                .markers("label (parity of a's)", wide.index(), wide.target())
                .markers("network output", wide.index(), wide.predicted())
                .save(file));
        plots.put("Output against label for every string of the wide test set", "predictions.png");
        return new Evaluation(metrics, plots);
    }
}

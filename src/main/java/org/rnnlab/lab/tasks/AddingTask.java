package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.generate.AddingProblem;
import org.rnnlab.data.generate.SequenceGenerator;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SequenceShape;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.TaskSettings;
import org.rnnlab.lab.settings.ValueReader;
import org.rnnlab.spec.OutputMode;

/**
 * The adding problem ({@link AddingProblem}): T steps of a value and a marker, the sum of the two
 * marked values as the one output after the last step. Many-to-one regression.
 *
 * <p>Data: every epoch {@code epoch.sequences} new sequences drawn from the run's seed, through
 * DataVec ({@link SequenceIterators#generatedManyToOne}); a fixed test set of {@code test.sequences}
 * drawn once from {@code test.seed}, the same for every run. Success: test MSE below
 * {@value #SUCCESS_MSE}; "wrong" counts test sequences off by more than {@value #WRONG_ERROR}, the
 * tolerance of Hochreiter and Schmidhuber's adding experiment.
 */
public final class AddingTask implements Task {

    /** Test MSE below which the task counts as solved (chance is 1/6). */
    public static final double SUCCESS_MSE = 0.01;
    /** An absolute error above which a test sequence counts as wrong. */
    public static final double WRONG_ERROR = 0.04;
    private static final int EVALUATION_BATCH = 500;

    /** The kind: {@code experiment = adding}. */
    public static final TaskKind<Settings> KIND = new TaskKind<>("adding", Settings.class, List.of(
            new SettingKey("length", "an even integer >= 2", "steps T of every sequence; one marker in each half"),
            new SettingKey("epoch.sequences", "a positive integer",
                    "new training sequences drawn for every epoch (from the run's seed); success is checked after each epoch"),
            new SettingKey("test.sequences", "a positive integer", "size of the fixed test set"),
            new SettingKey("test.seed", "an integer", "draws the test set, the same for every run"))) {

        @Override
        public Settings read(ValueReader in, Path dataDir) {
            int length = in.positiveInt("length");
            if (length < 2 || length % 2 != 0) {
                throw in.bad("length", "an even integer >= 2 (one marker in each half)");
            }
            // two values per step in, one label
            return new Settings(length, GeneratedSetSize.read(in, "epoch.sequences", length, 3),
                    GeneratedSetSize.read(in, "test.sequences", length, 3), in.anyLong("test.seed"));
        }

        @Override
        protected Task create(Settings settings, ExperimentSettings experiment) {
            return new AddingTask(settings, experiment.training().seed());
        }
    };

    /**
     * @param length         steps per sequence
     * @param epochSequences training sequences per epoch
     * @param testSequences  size of the test set
     * @param testSeed       seed of the test set
     */
    public record Settings(int length, int epochSequences, int testSequences, long testSeed) implements TaskSettings {

        @Override
        public String kind() {
            return KIND.name();
        }

        @Override
        public SequenceShape shape() {
            return new SequenceShape(AddingProblem.FEATURES, 1, OutputMode.LAST_STEP, length);
        }

        @Override
        public List<Path> dataFiles() {
            return List.of();
        }
    }

    private final Settings settings;
    private final long seed;
    private final SequenceGenerator generator;
    private final DataSetIterator testSet;

    public AddingTask(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.generator = AddingProblem.of(settings.length());
        this.testSet = SequenceIterators.generatedManyToOne(generator, settings.testSeed(), settings.testSequences(),
                false, 1, true, EVALUATION_BATCH);
    }

    /** Keeps no training state: each training draws from the seed anew, in an iterator made for it. */
    @Override
    public Task fresh() {
        return this;
    }

    @Override
    public DataSetIterator trainingData(int batch) {
        return SequenceIterators.generatedManyToOne(generator, seed, settings.epochSequences(), true, 1, true, batch);
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("test_mse", "test_wrong");
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        Map<String, Double> measured = measure(model);
        return new double[] {measured.get("test_mse"), measured.get("test_wrong")};
    }

    /** Test MSE (mean of squared errors, no ½) and the test sequences off by more than {@value #WRONG_ERROR}. */
    Map<String, Double> measure(SequenceModel model) {
        Predictions test = Predictions.manyToOne(model, testSet);
        double sum = 0;
        int wrong = 0;
        for (int i = 0; i < test.predicted().length; i++) {
            double error = test.predicted()[i] - test.target()[i];
            sum += error * error;
            if (Math.abs(error) > WRONG_ERROR) {
                wrong++;
            }
        }
        Map<String, Double> measured = new LinkedHashMap<>();
        measured.put("test_mse", sum / test.predicted().length);
        measured.put("test_wrong", (double) wrong);
        return measured;
    }

    @Override
    public Optional<SuccessCriterion> success() {
        return Optional.of(SuccessCriterion.of(
                "test MSE < " + SUCCESS_MSE + " on " + settings.testSequences() + " fixed sequences of "
                        + settings.length() + " steps (chance " + NumberFormats.fixed(AddingProblem.CHANCE_MSE, 3) + ")",
                "test_mse", this::measure,
                measured -> measured.get("test_mse") < SUCCESS_MSE,
                "HS97 exp. 4 (their variant: values in [-1,1], target 0.5 + sum/4, success when all 2,560 "
                        + "test sequences are within 0.04): T=100 solved after 74,000 sequences, 1 wrong of 2,560; "
                        + "T=500 209,000; T=1000 853,000"));
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        Map<String, Double> metrics = measure(model);
        folder.write("test-mse.png", file -> new LinePlot().title(label + ": test MSE")
                .xAxisTitle("epoch").yAxisTitle("mean (y - t)²").logY(true)
                .line("test", log.column(MetricsLog.EPOCH), log.column("test_mse"))
                .line("chance (predict 1)", log.column(MetricsLog.EPOCH),
                        constant(log.size(), AddingProblem.CHANCE_MSE))
                .save(file));
        return new Evaluation(metrics, Map.of("Test MSE per epoch", "test-mse.png"));
    }

    static double[] constant(int size, double value) {
        double[] values = new double[size];
        java.util.Arrays.fill(values, value);
        return values;
    }
}

package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.generate.SequenceGenerator;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.generate.TemporalOrder;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SequenceShape;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.TaskSettings;
import org.rnnlab.lab.settings.ValueReader;
import org.rnnlab.spec.OutputMode;

/**
 * Hochreiter and Schmidhuber's temporal order task 6a ({@link TemporalOrder}): 100 to 110 one-hot
 * symbols, the class (XX, XY, YX, YY) of the two X/Y among them read at the last step; softmax
 * output, many-to-one. Sequences of different lengths are padded at the end and masked.
 *
 * <p>Data: every epoch {@code epoch.sequences} new sequences drawn from the run's seed, through
 * DataVec ({@link SequenceIterators#generatedManyToOne}); a fixed test set of {@code test.sequences}
 * (the paper's 2,560) drawn from {@code test.seed}. Success: every test sequence classified
 * right (arg max). The paper's own criterion, every output within {@value #PAPER_TOLERANCE} of its
 * 0/1 target, is counted beside it as {@code test_off_by_0_3}.
 */
public final class TemporalOrderTask implements Task {

    /** The paper's tolerance: an output counts as right within this of its target. */
    public static final double PAPER_TOLERANCE = 0.3;
    private static final int EVALUATION_BATCH = 512;

    /** The kind: {@code experiment = temporal-order}. */
    public static final TaskKind<Settings> KIND = new TaskKind<>("temporal-order", Settings.class, List.of(
            new SettingKey("epoch.sequences", "a positive integer",
                    "new training sequences drawn for every epoch (from the run's seed); success is checked after each epoch"),
            new SettingKey("test.sequences", "a positive integer", "size of the fixed test set (the paper: 2560)"),
            new SettingKey("test.seed", "an integer", "draws the test set, the same for every run"))) {

        @Override
        public Settings read(ValueReader in, Path dataDir) {
            int columns = TemporalOrder.SYMBOLS.length() + 1;
            return new Settings(GeneratedSetSize.read(in, "epoch.sequences", TemporalOrder.MAX_LENGTH, columns),
                    GeneratedSetSize.read(in, "test.sequences", TemporalOrder.MAX_LENGTH, columns),
                    in.anyLong("test.seed"));
        }

        @Override
        protected Task create(Settings settings, ExperimentSettings experiment) {
            return new TemporalOrderTask(settings, experiment.training().seed());
        }
    };

    /**
     * @param epochSequences training sequences per epoch
     * @param testSequences  size of the test set
     * @param testSeed       seed of the test set
     */
    public record Settings(int epochSequences, int testSequences, long testSeed) implements TaskSettings {

        @Override
        public String kind() {
            return KIND.name();
        }

        @Override
        public SequenceShape shape() {
            return new SequenceShape(TemporalOrder.SYMBOLS.length(), TemporalOrder.CLASSES, OutputMode.LAST_STEP,
                    TemporalOrder.MAX_LENGTH);
        }

        @Override
        public List<Path> dataFiles() {
            return List.of();
        }
    }

    private final Settings settings;
    private final long seed;
    private final SequenceGenerator generator = TemporalOrder.generator();
    private final DataSetIterator testSet;

    public TemporalOrderTask(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.testSet = SequenceIterators.generatedManyToOne(generator, settings.testSeed(), settings.testSequences(),
                false, TemporalOrder.CLASSES, false, EVALUATION_BATCH);
    }

    /** Keeps no training state: each training draws from the seed anew, in an iterator made for it. */
    @Override
    public Task fresh() {
        return this;
    }

    @Override
    public DataSetIterator trainingData(int batch) {
        return SequenceIterators.generatedManyToOne(generator, seed, settings.epochSequences(), true,
                TemporalOrder.CLASSES, false, batch);
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("test_loss", "test_wrong", "test_off_by_0_3");
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        Map<String, Double> measured = measure(model);
        return new double[] {measured.get("test_loss"), measured.get("test_wrong"), measured.get("test_off_by_0_3")};
    }

    /** Cross-entropy, sequences classified wrong, and sequences with an output off by more than 0.3. */
    Map<String, Double> measure(SequenceModel model) {
        ClassPredictions test = ClassPredictions.collect(model, testSet);
        int wrongByTolerance = 0;
        for (int i = 0; i < test.size(); i++) {
            for (int k = 0; k < test.classes(); k++) {
                double target = k == test.actual(i) ? 1 : 0;
                if (Math.abs(test.probability(i, k) - target) > PAPER_TOLERANCE) {
                    wrongByTolerance++;
                    break;
                }
            }
        }
        Map<String, Double> measured = new LinkedHashMap<>();
        measured.put("test_loss", test.crossEntropy());
        measured.put("test_wrong", (double) test.misclassified().size());
        measured.put("test_off_by_0_3", (double) wrongByTolerance);
        return measured;
    }

    @Override
    public Optional<SuccessCriterion> success() {
        return Optional.of(SuccessCriterion.of(
                "all " + settings.testSequences() + " fixed test sequences classified right (arg max); "
                        + "test_off_by_0_3 counts those with an output more than 0.3 from its target (the paper's test)",
                "test_wrong", this::measure,
                measured -> measured.get("test_wrong") == 0,
                "HS97 task 6a, LSTM: solved after 31,390 sequences on average, 1 wrong of 2,560 test sequences"));
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        Map<String, Double> metrics = measure(model);
        folder.write("test-wrong.png", file -> new LinePlot().title(label + ": test sequences wrong")
                .xAxisTitle("epoch").yAxisTitle("of " + settings.testSequences())
                .line("arg max wrong", log.column(MetricsLog.EPOCH), log.column("test_wrong"))
                .line("an output off by > 0.3", log.column(MetricsLog.EPOCH), log.column("test_off_by_0_3"))
                .save(file));
        return new Evaluation(metrics, Map.of("Test sequences wrong per epoch", "test-wrong.png"));
    }
}

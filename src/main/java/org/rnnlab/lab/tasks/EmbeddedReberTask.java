package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.generate.EmbeddedReber;
import org.rnnlab.data.generate.GeneratedSequence;
import org.rnnlab.data.datavec.GeneratedSequenceReader;
import org.rnnlab.data.generate.SequenceGenerator;
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

/**
 * The embedded Reber grammar ({@link EmbeddedReber}): strings of 9 symbols and more, one symbol in
 * at every step and, at every step, the symbols that may come next as a multi-hot target (sigmoid
 * outputs). Strings differ in length: padded at the end and masked.
 *
 * <p>Data: a fixed training set of {@code train.strings} strings and a test set of
 * {@code test.strings}, both drawn from {@code data.seed} (the same for every run), through DataVec
 * ({@link SequenceIterators#generatedEveryStep}). Success, as in Hochreiter and Schmidhuber 1997:
 * at every step of every training and test string, the outputs of the possible next symbols are
 * the most active ones (each of them above every other output).
 */
public final class EmbeddedReberTask implements Task {

    private static final int EVALUATION_BATCH = 256;

    /** The kind: {@code experiment = embedded-reber}. */
    public static final TaskKind<Settings> KIND = new TaskKind<>("embedded-reber", Settings.class, List.of(
            new SettingKey("train.strings", "a positive integer", "strings in the fixed training set (the paper: 256)"),
            new SettingKey("test.strings", "a positive integer", "strings in the test set (the paper: 256)"),
            new SettingKey("data.seed", "an integer", "draws both sets, the same for every run"))) {

        @Override
        public Settings read(ValueReader in, Path dataDir) {
            // strings are drawn to find the longest: bounded first, at a length few strings exceed
            int columns = 2 * EmbeddedReber.SYMBOLS.length();
            int train = GeneratedSetSize.read(in, "train.strings", TYPICAL_LONGEST, columns);
            int test = GeneratedSetSize.read(in, "test.strings", TYPICAL_LONGEST, columns);
            long seed = in.anyLong("data.seed");
            int longest = Math.max(longest(seed, train), longest(seed + 1, test));
            return new Settings(train, test, seed, longest);
        }

        @Override
        protected Task create(Settings settings, ExperimentSettings experiment) {
            return new EmbeddedReberTask(settings);
        }
    };

    /** Steps assumed per string for the size bound: embedded Reber strings longer than this are rare. */
    static final int TYPICAL_LONGEST = 64;

    private static int longest(long seed, int count) {
        int longest = 0;
        for (GeneratedSequence sequence : GeneratedSequenceReader.draw(EmbeddedReber.generator(),
                GeneratedSequenceReader.epochSeed(seed, 0), count)) {
            longest = Math.max(longest, sequence.features().length);
        }
        return longest;
    }

    /**
     * @param trainStrings strings in the training set
     * @param testStrings  strings in the test set
     * @param dataSeed     seed of the training set; the test set's is the next one
     * @param longest      steps of the longest string of either set
     */
    public record Settings(int trainStrings, int testStrings, long dataSeed, int longest) implements TaskSettings {

        @Override
        public String kind() {
            return KIND.name();
        }

        @Override
        public SequenceShape shape() {
            return new SequenceShape(EmbeddedReber.SYMBOLS.length(), EmbeddedReber.SYMBOLS.length(),
                    OutputMode.EVERY_STEP, longest);
        }

        @Override
        public List<Path> dataFiles() {
            return List.of();
        }
    }

    private final Settings settings;
    private final SequenceGenerator generator = EmbeddedReber.generator();
    private final DataSetIterator trainSet;
    private final DataSetIterator testSet;

    public EmbeddedReberTask(Settings settings) {
        this.settings = settings;
        this.trainSet = set(settings.dataSeed(), settings.trainStrings(), EVALUATION_BATCH);
        this.testSet = set(settings.dataSeed() + 1, settings.testStrings(), EVALUATION_BATCH);
    }

    private DataSetIterator set(long seed, int count, int batch) {
        return SequenceIterators.generatedEveryStep(generator, seed, count, false, EmbeddedReber.SYMBOLS.length(),
                batch);
    }

    /** Keeps no training state: the same data every epoch, evaluation sets reset before each use. */
    @Override
    public Task fresh() {
        return this;
    }

    /** The fixed training set, in the same order every epoch. */
    @Override
    public boolean sameDataEveryEpoch() {
        return true;
    }

    @Override
    public DataSetIterator trainingData(int batch) {
        return set(settings.dataSeed(), settings.trainStrings(), batch);
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("train_wrong", "test_wrong");
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        return new double[] {wrongStrings(model, trainSet), wrongStrings(model, testSet)};
    }

    /**
     * Strings with at least one step where some possible next symbol's output is not above every
     * impossible one's.
     */
    static int wrongStrings(SequenceModel model, DataSetIterator data) {
        int wrong = 0;
        data.reset();
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray output = model.output(batch.getFeatures(), batch.getFeaturesMaskArray());
            double[][][] out = cube(output);
            double[][][] labels = cube(batch.getLabels());
            INDArray mask = batch.getLabelsMaskArray();
            double[][] keep = mask == null ? null : mask.toDoubleMatrix();
            for (int i = 0; i < out.length; i++) {
                for (int t = 0; t < out[i][0].length; t++) {
                    if (keep != null && keep[i][t] == 0) {
                        continue;
                    }
                    if (!possibleAreMostActive(out[i], labels[i], t)) {
                        wrong++;
                        break;
                    }
                }
            }
        }
        return wrong;
    }

    /** An NCW array [mb, n, T] as plain numbers out[i][k][t]. */
    private static double[][][] cube(INDArray ncw) {
        int examples = (int) ncw.size(0);
        int units = (int) ncw.size(1);
        int steps = (int) ncw.size(2);
        double[] flat = ncw.dup('c').data().asDouble();
        double[][][] cube = new double[examples][units][steps];
        for (int i = 0; i < examples; i++) {
            for (int k = 0; k < units; k++) {
                System.arraycopy(flat, (i * units + k) * steps, cube[i][k], 0, steps);
            }
        }
        return cube;
    }

    private static boolean possibleAreMostActive(double[][] out, double[][] labels, int t) {
        double lowestPossible = Double.POSITIVE_INFINITY;
        double highestOther = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < out.length; k++) {
            if (labels[k][t] == 1) {
                lowestPossible = Math.min(lowestPossible, out[k][t]);
            } else {
                highestOther = Math.max(highestOther, out[k][t]);
            }
        }
        return lowestPossible > highestOther;
    }

    Map<String, Double> measure(SequenceModel model) {
        Map<String, Double> measured = new LinkedHashMap<>();
        measured.put("train_wrong", (double) wrongStrings(model, trainSet));
        measured.put("test_wrong", (double) wrongStrings(model, testSet));
        return measured;
    }

    @Override
    public Optional<SuccessCriterion> success() {
        return Optional.of(SuccessCriterion.of(
                "at every step of all " + settings.trainStrings() + " training and " + settings.testStrings()
                        + " test strings, the possible next symbols are the most active outputs",
                "test_wrong", this::measure,
                measured -> measured.get("train_wrong") == 0 && measured.get("test_wrong") == 0,
                "HS97 exp. 1, LSTM: solved in 97-100% of trials after 8,440-39,740 sequences (by "
                        + "architecture and learning rate)"));
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        Map<String, Double> metrics = measure(model);
        folder.write("wrong-strings.png", file -> new LinePlot().title(label + ": strings with a step wrong")
                .xAxisTitle("epoch").yAxisTitle("strings")
                .line("training", log.column(MetricsLog.EPOCH), log.column("train_wrong"))
                .line("test", log.column(MetricsLog.EPOCH), log.column("test_wrong"))
                .save(file));
        return new Evaluation(metrics, Map.of("Strings with a wrongly predicted step, per epoch", "wrong-strings.png"));
    }
}

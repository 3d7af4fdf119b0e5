package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.files.Series;
import org.rnnlab.data.files.SeriesFile;
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
 * A window of a one-column series to its next value, many-to-one, with a held-out series (E2 and E4
 * on sine series; any one-value-per-line series file works).
 */
public final class SeriesWindowTask implements Task {

    /** The kind: {@code experiment = series-window} (formerly {@code sine-window}). */
    public static final TaskKind<Settings> KIND = new TaskKind<>("series-window", Settings.class, List.of(
            new SettingKey("data.train", "a series file under data/", "training series, one value per line"),
            new SettingKey("data.heldout", "a series file under data/", "held-out series, cut into windows the same way"),
            new SettingKey("heldout.name", "test or validation", "what the held-out series is called in results"),
            new SettingKey("window", "a positive integer", "input steps per example"),
            new SettingKey("stop.patience", "an integer >= 0",
                    "early stopping on the held-out loss after this many epochs without a new best (0: never; "
                            + "only with heldout.name = validation)"))) {

        @Override
        public List<String> formerNames() {
            return List.of("sine-window");
        }

        @Override
        public Settings read(ValueReader in, Path dataDir) {
            String heldoutName = in.text("heldout.name", "test or validation").toLowerCase(Locale.ROOT);
            if (!heldoutName.equals("test") && !heldoutName.equals("validation")) {
                throw in.bad("heldout.name", "test or validation");
            }
            int patience = in.nonNegativeInt("stop.patience");
            if (patience > 0 && !heldoutName.equals("validation")) {
                throw in.bad("stop.patience", "0 when heldout.name = test: a test set must not decide when training stops");
            }
            return new Settings(in.dataPath("data.train", dataDir), in.dataPath("data.heldout", dataDir), heldoutName,
                    in.positiveInt("window"), patience);
        }

        @Override
        protected Task create(Settings settings, ExperimentSettings experiment) {
            return new SeriesWindowTask(settings);
        }

        @Override
        protected Predictor createPredictor(Settings settings, ExperimentSettings experiment, Path runFolder) {
            return (model, input, csvOut) -> predict(model, settings.window(), input, csvOut);
        }
    };

    /**
     * A series file (one value per line) to one row per window of {@code window} values: the index
     * (from 0) of the window's last value, and the network's forecast of the value after it. The last
     * window ends at the file's last value, so its forecast goes one step past the data.
     */
    static int predict(SequenceModel model, int window, Path input, Path csvOut) throws IOException {
        double[] series = SeriesFile.read(input);
        if (series.length < window) {
            throw DataFileException.ofFile(input, "has " + series.length + " values, too few for one window: "
                    + "this model reads windows of " + window + " values");
        }
        double[][][] windows = new double[series.length - window + 1][window][1];
        for (int e = 0; e < windows.length; e++) {
            for (int t = 0; t < window; t++) {
                windows[e][t][0] = series[e + t];
            }
        }
        double[][] forecasts = PredictionTable.lastStepOutputs(model, windows);
        PredictionTable table = new PredictionTable(List.of("window_end", "forecast"));
        for (int e = 0; e < windows.length; e++) {
            table.add(Integer.toString(e + window - 1), forecasts[e][0]);
        }
        return table.write(csvOut);
    }

    /**
     * Windows of a series to the next value, many-to-one, with a held-out series.
     *
     * @param train        training series, one value per line
     * @param heldout      held-out series, cut into windows the same way
     * @param heldoutName  what the held-out set is called in results ("test" or "validation")
     * @param window       input steps per sample
     * @param stopPatience early stopping on the held-out loss: stop after this many epochs without a
     *                     new lowest held-out loss and keep the parameters of the lowest; 0 never stops
     *                     early (a test set must never steer training; a validation set may)
     */
    public record Settings(Path train, Path heldout, String heldoutName, int window, int stopPatience)
            implements TaskSettings {

        @Override
        public String kind() {
            return KIND.name();
        }

        @Override
        public SequenceShape shape() {
            return new SequenceShape(1, 1, OutputMode.LAST_STEP, window);
        }

        @Override
        public List<Path> dataFiles() {
            return List.of(train, heldout);
        }
    }

    private static final int EVALUATION_BATCH = 512;

    private final Settings settings;
    private final String heldoutLoss;
    /** The training series, read once: the training and evaluation iterators are built over it. */
    private final Series train;
    private final DataSetIterator trainSet;
    private final DataSetIterator heldoutSet;

    /** Reads both series, once each. */
    public SeriesWindowTask(Settings settings) {
        this.settings = settings;
        this.heldoutLoss = settings.heldoutName() + "_loss";
        this.train = Series.read(settings.train());
        this.trainSet = SequenceIterators.seriesWindows(train, settings.window(), EVALUATION_BATCH);
        this.heldoutSet = SequenceIterators.seriesWindows(Series.read(settings.heldout()), settings.window(),
                EVALUATION_BATCH);
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
        return SequenceIterators.seriesWindows(train, settings.window(), batch);
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("train_loss", heldoutLoss);
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        return new double[] {
            Predictions.manyToOne(model, trainSet).halfMeanSquaredError(),
            Predictions.manyToOne(model, heldoutSet).halfMeanSquaredError()};
    }

    @Override
    public int stopPatience() {
        return settings.stopPatience();
    }

    @Override
    public String stoppingMetric() {
        return heldoutLoss;
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        Predictions train = Predictions.manyToOne(model, trainSet);
        Predictions heldout = Predictions.manyToOne(model, heldoutSet);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", train.halfMeanSquaredError());
        metrics.put(heldoutLoss, heldout.halfMeanSquaredError());

        Map<String, String> plots = new LinkedHashMap<>();
        double[] epochs = log.column(MetricsLog.EPOCH);
        folder.write("loss.png", file -> new LinePlot()
                .title(label + ": loss per epoch")
                .xAxisTitle("epoch").yAxisTitle("0.5 · mean squared error").logY(true)
                .line("train", epochs, log.column("train_loss"))
                .line(settings.heldoutName(), epochs, log.column(heldoutLoss))
                .save(file));
        plots.put("Training and " + settings.heldoutName() + " loss per epoch", "loss.png");
        folder.write("predictions.png", file -> new LinePlot()
                .title(label + ": next value on the " + settings.heldoutName() + " series")
                .xAxisTitle(settings.heldoutName() + " window").yAxisTitle("value")
                .line("target", heldout.index(), heldout.target())
                .line("prediction", heldout.index(), heldout.predicted())
                .save(file));
        plots.put("Predictions against targets on the " + settings.heldoutName() + " windows", "predictions.png");
        return new Evaluation(metrics, plots);
    }
}

package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.data.files.CsvTable;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.datavec.ForecastWindows;
import org.rnnlab.data.files.RowRange;
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
 * Forecasting from a CSV file with a header: a window of rows of some columns to the next
 * {@code horizon} values of others, many-to-one, split in time into training, validation and test
 * spans. Inputs and targets are scaled by a DataVec normaliser fitted on the training span only
 * (saved in the run folder); every metric is in the data's own units, beside two baselines on the
 * same windows: persistence (each target's last observed value) and a linear autoregression fitted
 * by least squares on the training and validation spans ({@link LinearAutoregression}).
 */
public final class SeriesForecastTask implements Task {

    /** The kind: {@code experiment = series-forecast}. */
    public static final TaskKind<Settings> KIND = new TaskKind<>("series-forecast", Settings.class, List.of(
            new SettingKey("data.file", "a CSV file with a header under data/", "the table, one row per time step"),
            new SettingKey("columns.input", "header names, comma-separated", "columns fed to the network at every step"),
            new SettingKey("columns.target", "header names, comma-separated", "columns forecast"),
            new SettingKey("window", "a positive integer", "rows of input before each forecast"),
            new SettingKey("horizon", "a positive integer", "values forecast per target: the next 1..h rows"),
            new SettingKey("split.column", "'row' or a header name (e.g. year)",
                    "what the split spans count: data rows from 0, or values of that column"),
            new SettingKey("split.train", "FROM-TO", "the span whose targets train the network and fit the normaliser"),
            new SettingKey("split.validation", "FROM-TO or none",
                    "the span early stopping watches (the linear baseline is fitted on training and validation)"),
            new SettingKey("split.test", "FROM-TO, comma-separated for more", "held-out spans: test, test2, ..."),
            new SettingKey("normalise", ValueReader.choices(Normalisation.values(), Normalisation::key),
                    "scaling of inputs and targets, fitted on the training span"),
            new SettingKey("stop.patience", "an integer >= 0",
                    "stop after this many epochs without a better validation RMSE (0: never; needs validation)"))) {

        /** A list of header names, each once. */
        private static List<String> distinct(ValueReader in, String key) {
            List<String> names = in.list(key, "header names, comma-separated");
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (!seen.add(name)) {
                    throw in.bad(key, "header names, comma-separated, each once; '" + name + "' is named twice");
                }
            }
            return names;
        }

        @Override
        public Settings read(ValueReader in, Path dataDir) {
            List<String> inputs = distinct(in, "columns.input");
            List<String> targets = distinct(in, "columns.target");
            String splitColumn = in.text("split.column", "'row' or a header name");
            Span train = span(in, "split.train");
            Span validation = in.text("split.validation", "FROM-TO or none").equalsIgnoreCase("none")
                    ? null : span(in, "split.validation");
            List<Span> tests = new ArrayList<>();
            for (String item : in.list("split.test", "FROM-TO, comma-separated for more")) {
                tests.add(Span.parse(item).orElseThrow(() -> in.bad("split.test", "FROM-TO, comma-separated for more")));
            }
            int patience = in.nonNegativeInt("stop.patience");
            if (patience > 0 && validation == null) {
                throw in.bad("stop.patience", "0 when split.validation = none: early stopping needs a validation span");
            }
            Normalisation normalise = in.choice("normalise", Normalisation.values(), Normalisation::key);
            return new Settings(in.dataPath("data.file", dataDir), inputs, targets, in.positiveInt("window"),
                    in.positiveInt("horizon"), splitColumn, train, validation, tests, normalise, patience);
        }

        private Span span(ValueReader in, String key) {
            return Span.parse(in.text(key, "FROM-TO")).orElseThrow(() -> in.bad(key, "FROM-TO, e.g. 1700-1920"));
        }

        @Override
        protected Task create(Settings settings, ExperimentSettings experiment) {
            return new SeriesForecastTask(settings);
        }

        @Override
        protected Predictor createPredictor(Settings settings, ExperimentSettings experiment, Path runFolder) {
            DataNormalization saved = savedNormalizer(settings, runFolder);
            return (model, input, csvOut) -> predict(settings, saved, model, input, csvOut);
        }
    };

    /** The normaliser's file in a run folder. */
    public static final String NORMALIZER_FILE = SavedNormalizer.FILE;

    /** The normaliser a run saved (fitted on its training span), or null with {@code normalise = none}. */
    static DataNormalization savedNormalizer(Settings settings, Path runFolder) {
        if (settings.normalise() == Normalisation.NONE) {
            return null;
        }
        return SavedNormalizer.read(runFolder, "its settings (normalise = " + settings.normalise().key()
                + ") need to predict");
    }

    /**
     * A CSV file with the run's input columns (and its key column, if the spans were given in one) to
     * one row per window: the key of the window's first target row (the row number with
     * {@code split.column = row}; empty past the file's end) and each label's forecast in the data's
     * units, scaled with the saved normaliser. The last window ends at the file's last row, so its
     * forecast goes past the data.
     */
    static int predict(Settings settings, DataNormalization normalizer, SequenceModel model, Path input, Path csvOut)
            throws IOException {
        boolean byRow = settings.splitColumn().equalsIgnoreCase(ROWS);
        List<String> columns = new ArrayList<>(settings.inputs());
        if (!byRow && !columns.contains(settings.splitColumn())) {
            columns.add(settings.splitColumn());
        }
        CsvTable table = CsvTable.read(input, columns);
        ForecastWindows windows = new ForecastWindows(settings.inputs(), settings.targets(), settings.window(),
                settings.horizon());
        if (table.rowCount() < settings.window()) {
            throw DataFileException.ofFile(input, "has " + table.rowCount() + " rows, too few for one window: this "
                    + "model reads windows of " + settings.window() + " rows of " + String.join(", ", settings.inputs()));
        }
        double[][][] features = new double[table.rowCount() - settings.window() + 1][][];
        for (int e = 0; e < features.length; e++) {
            features[e] = windows.features(table, settings.window() + e);
        }
        INDArray input3d = PredictionTable.features(features);
        if (normalizer != null) {
            normalizer.transform(input3d);
        }
        INDArray output = PredictionTable.lastStep(model.output(input3d, null));
        if (normalizer != null) {
            normalizer.revertLabels(output);
        }
        List<String> header = new ArrayList<>();
        header.add(byRow ? ROWS : settings.splitColumn());
        header.addAll(windows.labelNames());
        PredictionTable csv = new PredictionTable(header);
        for (int e = 0; e < features.length; e++) {
            int t = settings.window() + e;
            String key = byRow ? Integer.toString(t)
                    : t < table.rowCount() ? number(table.value(t, settings.splitColumn())) : "";
            csv.add(key, output.getRow(e).toDoubleVector());
        }
        return csv.write(csvOut);
    }

    /** Evaluation reads each span in minibatches this big. */
    private static final int EVALUATION_BATCH = 512;
    private static final String ROWS = "row";

    /** An inclusive span of rows or key values, e.g. the years 1921-1955. */
    public record Span(double from, double to) {

        private static final Pattern FORM = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*-\\s*(\\d+(?:\\.\\d+)?)\\s*");

        /** "FROM-TO" with FROM <= TO, both non-negative numbers. */
        static java.util.Optional<Span> parse(String text) {
            Matcher matcher = FORM.matcher(text);
            if (!matcher.matches()) {
                return java.util.Optional.empty();
            }
            double from = Double.parseDouble(matcher.group(1));
            double to = Double.parseDouble(matcher.group(2));
            return from <= to ? java.util.Optional.of(new Span(from, to)) : java.util.Optional.empty();
        }

        @Override
        public String toString() {
            return number(from) + "-" + number(to);
        }
    }

    /** How inputs and targets are scaled before the network sees them. */
    public enum Normalisation {
        /** Zero mean, unit variance per column (DataVec's NormalizerStandardize). */
        STANDARDIZE("standardize"),
        /** Each column mapped onto [0, 1] by its training minimum and maximum (NormalizerMinMaxScaler). */
        MINMAX("minmax"),
        /** The values as they are. */
        NONE("none");

        private final String key;

        Normalisation(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** A new normaliser of this kind that scales labels too, or null for none. */
        DataNormalization create() {
            DataNormalization normalizer = switch (this) {
                case STANDARDIZE -> new NormalizerStandardize();
                case MINMAX -> new NormalizerMinMaxScaler();
                case NONE -> null;
            };
            if (normalizer != null) {
                normalizer.fitLabel(true);
            }
            return normalizer;
        }
    }

    /**
     * A forecasting experiment's data and split.
     *
     * @param file        the CSV file (header line, then one row per time step)
     * @param inputs      columns fed to the network
     * @param targets     columns forecast
     * @param window      input rows per forecast
     * @param horizon     rows ahead forecast per target
     * @param splitColumn {@code row}, or the key column the spans are given in (it must increase)
     * @param train       targets that train the network and fit the baselines and the normaliser
     * @param validation  targets early stopping watches, or null
     * @param tests       held-out spans, reported as test, test2, ...
     * @param normalise   the scaling
     * @param stopPatience evaluations without a better validation RMSE before training stops; 0 never
     */
    public record Settings(Path file, List<String> inputs, List<String> targets, int window, int horizon,
                           String splitColumn, Span train, Span validation, List<Span> tests,
                           Normalisation normalise, int stopPatience) implements TaskSettings {

        public Settings {
            inputs = List.copyOf(inputs);
            targets = List.copyOf(targets);
            tests = List.copyOf(tests);
        }

        @Override
        public String kind() {
            return KIND.name();
        }

        @Override
        public SequenceShape shape() {
            return new SequenceShape(inputs.size(), targets.size() * horizon, OutputMode.LAST_STEP, window);
        }

        @Override
        public List<Path> dataFiles() {
            return List.of(file);
        }

        /** Every column the task reads: inputs, targets and the split column. */
        List<String> columns() {
            LinkedHashSet<String> columns = new LinkedHashSet<>(inputs);
            columns.addAll(targets);
            if (!splitColumn.equalsIgnoreCase(ROWS)) {
                columns.add(splitColumn);
            }
            return List.copyOf(columns);
        }
    }

    private final Settings settings;
    private final CsvTable table;
    private final ForecastWindows windows;
    private final DataNormalization normalizer;
    private final LinearAutoregression autoregression;
    private final Map<String, RowRange> spans = new LinkedHashMap<>();
    private final Map<String, DataSetIterator> evaluationSets = new LinkedHashMap<>();

    /**
     * Reads the table (the only time the file is read: every DataVec reader of the task is built over
     * it), resolves the spans, fits the normaliser and the linear baseline on the training span; a
     * span outside the data or too short for one forecast stops here, naming the file.
     */
    public SeriesForecastTask(Settings settings) {
        this.settings = settings;
        this.table = readTable(settings);
        this.windows = new ForecastWindows(settings.inputs(), settings.targets(), settings.window(), settings.horizon());
        putSpan("train", "split.train", settings.train());
        if (settings.validation() != null) {
            putSpan("validation", "split.validation", settings.validation());
        }
        for (int i = 0; i < settings.tests().size(); i++) {
            putSpan(testName(i), "split.test", settings.tests().get(i));
        }
        this.normalizer = settings.normalise().create();
        if (normalizer != null) {
            normalizer.fit(SequenceIterators.forecastWindows(table, windows, spans.get("train"), EVALUATION_BATCH));
        }
        spans.forEach((name, range) -> evaluationSets.put(name, iterator(range, EVALUATION_BATCH)));
        this.autoregression = fitAutoregression();
    }

    /** The table's columns; a column the file lacks is blamed on the key that named it. */
    private static CsvTable readTable(Settings settings) {
        try {
            return CsvTable.read(settings.file(), settings.columns());
        } catch (DataFileException e) {
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            byKey.put("columns.input", settings.inputs());
            byKey.put("columns.target", settings.targets());
            byKey.put("split.column", List.of(settings.splitColumn()));
            for (Map.Entry<String, List<String>> key : byKey.entrySet()) {
                for (String column : key.getValue()) {
                    if (e.getMessage().contains("no column '" + column + "'")) {
                        throw e.withContext("the column named by key '" + key.getKey() + "'");
                    }
                }
            }
            throw e;
        }
    }

    /** Resolves a span and checks it gives a forecast; a problem is blamed on the key that set it. */
    private void putSpan(String name, String key, Span span) {
        try {
            RowRange range = rows(span);
            windows.requireExample(table, range);
            spans.put(name, range);
        } catch (DataFileException e) {
            throw e.withContext("the span " + span + " of key '" + key + "'");
        }
    }

    /** "test" for the first held-out span, then "test2", "test3", ... */
    static String testName(int index) {
        return index == 0 ? "test" : "test" + (index + 1);
    }

    /** Keeps no training state: the same data every epoch, evaluation sets reset before each use. */
    @Override
    public Task fresh() {
        return this;
    }

    @Override
    public boolean sameDataEveryEpoch() {
        return true;
    }

    @Override
    public DataSetIterator trainingData(int batch) {
        return iterator(spans.get("train"), batch);
    }

    @Override
    public List<String> epochMetricNames() {
        return settings.validation() == null ? List.of("train_rmse") : List.of("train_rmse", "validation_rmse");
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        double[] values = new double[epochMetricNames().size()];
        values[0] = forecast(model, "train").rmse(Forecast.NETWORK);
        if (values.length > 1) {
            values[1] = forecast(model, "validation").rmse(Forecast.NETWORK);
        }
        return values;
    }

    @Override
    public int stopPatience() {
        return settings.stopPatience();
    }

    @Override
    public String stoppingMetric() {
        return "validation_rmse";
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> plots = new LinkedHashMap<>();
        for (String span : spans.keySet()) {
            Forecast forecast = forecast(model, span);
            boolean held = span.startsWith("test");
            metrics.put(span + "_rmse", forecast.rmse(Forecast.NETWORK));
            if (held) {
                String baseline = span.equals("test") ? "" : span + "_";
                metrics.put(span + "_mae", forecast.mae(Forecast.NETWORK));
                metrics.put(span + "_nmse", forecast.normalisedMse(Forecast.NETWORK));
                metrics.put(baseline + "persistence_rmse", forecast.rmse(Forecast.PERSISTENCE));
                metrics.put(baseline + "persistence_mae", forecast.mae(Forecast.PERSISTENCE));
                metrics.put(baseline + "ar_rmse", forecast.rmse(Forecast.AUTOREGRESSION));
                metrics.put(baseline + "ar_mae", forecast.mae(Forecast.AUTOREGRESSION));
                metrics.put(span + "_rmse_vs_persistence",
                        forecast.rmse(Forecast.NETWORK) / forecast.rmse(Forecast.PERSISTENCE));
                metrics.put(span + "_rmse_vs_ar", forecast.rmse(Forecast.NETWORK) / forecast.rmse(Forecast.AUTOREGRESSION));
            }
            String file = "forecast-" + span + ".png";
            folder.write(file, png -> forecastPlot(forecast, span, label).save(png));
            plots.put("One step ahead on the " + span + " span (" + spanText(span) + "), with the baselines", file);
        }
        double[] epochs = log.column(MetricsLog.EPOCH);
        LinePlot curve = new LinePlot().title(label + ": RMSE per evaluation").xAxisTitle("epoch")
                .yAxisTitle("RMSE (" + String.join(", ", settings.targets()) + ")").logY(true);
        for (String name : epochMetricNames()) {
            curve.line(name.replace("_rmse", ""), epochs, log.column(name));
        }
        folder.write("rmse.png", curve::save);
        plots.put("Training and validation RMSE per evaluation", "rmse.png");
        if (normalizer != null) {
            SavedNormalizer.write(folder, normalizer);
        }
        return new Evaluation(metrics, plots);
    }

    /** The fitted normaliser, or null with {@code normalise = none}. */
    public DataNormalization normalizer() {
        return normalizer;
    }

    private LinePlot forecastPlot(Forecast forecast, String span, String label) {
        double[] x = forecast.keys();
        int target = 0;
        return new LinePlot()
                .title(label + ": " + settings.targets().get(target) + " one step ahead, " + span + " " + spanText(span))
                .xAxisTitle(settings.splitColumn().equalsIgnoreCase(ROWS) ? "row" : settings.splitColumn())
                .yAxisTitle(settings.targets().get(target))
                .line("actual", x, forecast.firstStep(Forecast.ACTUAL, target))
                .line("network", x, forecast.firstStep(Forecast.NETWORK, target))
                .line("linear AR", x, forecast.firstStep(Forecast.AUTOREGRESSION, target))
                .line("persistence", x, forecast.firstStep(Forecast.PERSISTENCE, target));
    }

    private String spanText(String span) {
        if (span.equals("train")) {
            return settings.train().toString();
        }
        if (span.equals("validation")) {
            return settings.validation().toString();
        }
        int index = span.equals("test") ? 0 : Integer.parseInt(span.substring(4)) - 1;
        return settings.tests().get(index).toString();
    }

    /** The network's forecasts of a span in the data's units, with the actual values and both baselines. */
    Forecast forecast(SequenceModel model, String span) {
        RowRange range = spans.get(span);
        int first = windows.firstTargetRow(range);
        int count = windows.exampleCount(range);
        int outputs = windows.labelCount();
        double[][][] values = new double[Forecast.SERIES][count][];
        DataSetIterator data = evaluationSets.get(span);
        data.reset();
        int example = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray output = SequenceIterators.lastStep(model.output(batch.getFeatures(), batch.getFeaturesMaskArray()),
                    batch.getLabelsMaskArray());
            if (normalizer != null) {
                normalizer.revertLabels(output);
            }
            for (int i = 0; i < output.size(0); i++, example++) {
                values[Forecast.NETWORK][example] = output.getRow(i).toDoubleVector();
            }
        }
        if (example != count) {
            throw new IllegalStateException("the " + span + " span gave " + example + " forecasts, expected " + count);
        }
        double[] keys = new double[count];
        for (int e = 0; e < count; e++) {
            int t = first + e;
            keys[e] = settings.splitColumn().equalsIgnoreCase(ROWS) ? t : table.value(t, settings.splitColumn());
            values[Forecast.ACTUAL][e] = windows.labels(table, t);
            values[Forecast.AUTOREGRESSION][e] = autoregression.predict(flatWindow(t));
            double[] persistence = new double[outputs];
            for (int k = 1; k <= settings.horizon(); k++) {
                for (int j = 0; j < settings.targets().size(); j++) {
                    persistence[windows.labelIndex(j, k)] = table.value(t - 1, settings.targets().get(j));
                }
            }
            values[Forecast.PERSISTENCE][e] = persistence;
        }
        return new Forecast(keys, values);
    }

    /**
     * The linear baseline, fitted on every example of the training and validation spans: all the data
     * the network's training saw in any form, so the baseline is as strong as the data allows.
     */
    private LinearAutoregression fitAutoregression() {
        List<double[]> inputs = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (String span : List.of("train", "validation")) {
            RowRange range = spans.get(span);
            if (range == null) {
                continue;
            }
            int first = windows.firstTargetRow(range);
            for (int e = 0; e < windows.exampleCount(range); e++) {
                inputs.add(flatWindow(first + e));
                targets.add(windows.labels(table, first + e));
            }
        }
        try {
            return LinearAutoregression.fit(inputs.toArray(double[][]::new), targets.toArray(double[][]::new));
        } catch (IllegalArgumentException e) {
            throw DataFileException.ofFile(settings.file(), "training span " + settings.train() + ": " + e.getMessage());
        }
    }

    /** The input window before target row t, step by step, every input column. */
    private double[] flatWindow(int t) {
        double[][] steps = windows.features(table, t);
        double[] flat = new double[steps.length * steps[0].length];
        for (int s = 0; s < steps.length; s++) {
            System.arraycopy(steps[s], 0, flat, s * steps[s].length, steps[s].length);
        }
        return flat;
    }

    private DataSetIterator iterator(RowRange range, int batch) {
        DataSetIterator iterator = SequenceIterators.forecastWindows(table, windows, range, batch);
        if (normalizer != null) {
            iterator.setPreProcessor(normalizer);
        }
        return iterator;
    }

    private RowRange rows(Span span) {
        if (settings.splitColumn().equalsIgnoreCase(ROWS)) {
            RowRange range = new RowRange((int) span.from(), (int) span.to());
            table.requireRows(range);
            return range;
        }
        return table.rows(settings.splitColumn(), span.from(), span.to());
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    /**
     * Forecasts of one span, by series: [series][example][output], outputs horizon-major as the
     * labels (see {@link ForecastWindows}).
     */
    record Forecast(double[] keys, double[][][] values) {
        static final int ACTUAL = 0;
        static final int NETWORK = 1;
        static final int PERSISTENCE = 2;
        static final int AUTOREGRESSION = 3;
        static final int SERIES = 4;

        double rmse(int series) {
            return Math.sqrt(meanOf(series, true));
        }

        double mae(int series) {
            return meanOf(series, false);
        }

        /** Mean squared error over the variance of the actual values: 1 is as good as their mean. */
        double normalisedMse(int series) {
            double sum = 0;
            double sumSquares = 0;
            int n = 0;
            for (double[] actual : values[ACTUAL]) {
                for (double v : actual) {
                    sum += v;
                    sumSquares += v * v;
                    n++;
                }
            }
            double mean = sum / n;
            return meanOf(series, true) / (sumSquares / n - mean * mean);
        }

        /** Output {@code target} one step ahead, for every example. */
        double[] firstStep(int series, int target) {
            double[] out = new double[keys.length];
            for (int e = 0; e < out.length; e++) {
                out[e] = values[series][e][target];
            }
            return out;
        }

        private double meanOf(int series, boolean squared) {
            double sum = 0;
            int n = 0;
            for (int e = 0; e < keys.length; e++) {
                for (int o = 0; o < values[ACTUAL][e].length; o++) {
                    double error = values[series][e][o] - values[ACTUAL][e][o];
                    sum += squared ? error * error : Math.abs(error);
                    n++;
                }
            }
            return sum / n;
        }
    }
}

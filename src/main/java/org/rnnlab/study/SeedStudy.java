package org.rnnlab.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.ProgressMeter;
import org.rnnlab.lab.report.Quartiles;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.report.Table.Cell;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.settings.SettingsFile;
import org.rnnlab.lab.tasks.SuccessCriterion;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.tasks.Task;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.EpochListener;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.TrainableNetwork;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.lab.training.TrainingDivergedException;
import org.rnnlab.lab.training.TrainingStoppedException;
import org.rnnlab.lab.training.TrainingUi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any settings files, trained from many seeds: success rates over seeds, and how many training
 * sequences success took.
 *
 * <ol>
 *   <li>Combinations: every settings file, or, with a sweep, every file at every value of one key
 *       (each combination is the file's text with that key set, read and checked like a file, so a
 *       wrong key or value stops with the settings' own message before anything trains).</li>
 *   <li>Trainings: each combination from seeds s, s+1, ... (the seed key set to each; it draws the
 *       initial weights and any random training data). Each training is a run of the {@link Trainer},
 *       named for its combination and seed, with its own run folder in the study's {@value #TRAININGS}/,
 *       so a stop, checkpoints, divergence and the training UI are a run's. After every epoch the task's success
 *       criterion is checked ({@link Task#success()}); the sequences seen until it first held are
 *       counted and training stops there, unless the request's {@link Checks} say to train every
 *       epoch, or to check only after the last.</li>
 *   <li>Report: one row per training, one summary row per combination (success rate with its 95%
 *       Wilson interval, quartiles of the headline metric and of the sequences to success), plots,
 *       summary.md, in a run folder.</li>
 * </ol>
 *
 * <p>Parallel: trainings run on a pool of {@code parallel} threads (one per core by default), and
 * each scratch network computes on its own thread only. The networks studied are small (tens of
 * units, minibatches of tens), where splitting one minibatch over threads costs more in
 * hand-overs than it gains, while whole trainings are independent: so threads go to trainings.
 * A training's numbers do not depend on the pool or on the order trainings finish: the same seed
 * gives the same row (wall time aside).
 */
public final class SeedStudy {

    /** One key set to each of several values, as written on the command line: {@code hidden=1,2,4}. */
    public record Sweep(String key, List<String> values) {

        public Sweep {
            if (key == null || key.isBlank() || values == null || values.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs a key and at least one value, as in hidden=1,2,4");
            }
            values = List.copyOf(values);
        }

        /** Parses {@code key=v1,v2,...}. */
        public static Sweep parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new IllegalArgumentException("--sweep needs KEY=V1,V2,... (e.g. hidden=1,2,4 or "
                        + "learning.rate=1e-3,1e-2), got '" + text + "'");
            }
            List<String> values = new ArrayList<>();
            for (String part : text.substring(eq + 1).split(",")) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("--sweep " + text + ": an empty value in the list");
                }
                values.add(part.strip());
            }
            return new Sweep(text.substring(0, eq).strip(), values);
        }
    }

    /** When a training's success criterion is measured, and whether training stops once it holds. */
    public enum Checks {
        /** After every epoch; the training stops once the criterion holds (the long-lag studies). */
        STOP_AT_SUCCESS("each training stopped once its success criterion held"),
        /** After every epoch; all epochs are trained, so a success that does not last shows. */
        EVERY_EPOCH("each training ran all its epochs, its success criterion checked after every one"),
        /**
         * After the last epoch only: for tasks of many cheap epochs (E1 trains 1,000 epochs of one
         * minibatch, where measuring every epoch would cost more than training); sequences to success
         * are then not known.
         */
        AT_END("each training ran all its epochs, its success criterion checked after the last");

        private final String description;

        Checks(String description) {
            this.description = description;
        }

        /** In words, for the study's summary. */
        public String description() {
            return description;
        }
    }

    /**
     * What to study.
     *
     * @param files          settings files of any kinds
     * @param seeds          trainings per combination
     * @param firstSeed      the first seed; the others follow it
     * @param sweep          one key over several values, or none
     * @param implementation whose networks train
     * @param checks         when the task's success criterion is measured, and whether training stops there
     * @param parallel       trainings at once
     */
    public record Request(List<Path> files, int seeds, long firstSeed, Optional<Sweep> sweep,
                          Implementation implementation, Checks checks, int parallel) {

        public Request {
            if (files.isEmpty()) {
                throw new IllegalArgumentException("a study needs at least one settings file");
            }
            if (seeds < 1 || parallel < 1) {
                throw new IllegalArgumentException("a study needs at least one seed and one thread, got " + seeds
                        + " and " + parallel);
            }
            if (implementation == null || checks == null) {
                throw new IllegalArgumentException("a study needs an implementation and a way of checking success");
            }
            files = List.copyOf(files);
        }
    }

    /**
     * One settings file at one sweep value.
     *
     * @param settings the settings as trained (seed aside)
     * @param file     the settings file's text, tokenised
     * @param value    the sweep value, or "" without a sweep
     */
    public record Combination(ExperimentSettings settings, SettingsFile file, String value) {

        /** E.g. "adding-lstm" or "adding-lstm length=200". */
        public String label(Optional<Sweep> sweep) {
            return settings.name() + sweep.map(s -> " " + s.key() + "=" + value).orElse("");
        }
    }

    /**
     * One training.
     *
     * @param seed               the seed
     * @param status             "ok" or "diverged at epoch N"
     * @param success            whether the success criterion held after some epoch (after the last, for
     *                           {@link Checks#AT_END})
     * @param sequencesToSuccess training sequences seen when it first held, or -1 (also when not known:
     *                           {@link Checks#AT_END})
     * @param sequencesSeen      training sequences seen in all
     * @param epochs             epochs trained
     * @param metrics            the last measured metrics (the criterion's, else the task's epoch metrics)
     * @param wallSeconds        time of the whole training, evaluation included
     */
    public record Training(long seed, String status, boolean success, long sequencesToSuccess, long sequencesSeen,
                           int epochs, Map<String, Double> metrics, double wallSeconds) {

        public Training {
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** Whether the training ran to its end, its loss finite throughout (status "ok"). */
        public boolean ranToTheEnd() {
            return OK.equals(status);
        }
    }

    /** The trainings of one combination, in seed order. */
    public record Outcome(Combination combination, List<Training> trainings) {

        public Outcome {
            trainings = List.copyOf(trainings);
        }

        public long successes() {
            return trainings.stream().filter(Training::success).count();
        }
    }

    /**
     * What a study leaves.
     *
     * @param outcomes  per combination
     * @param trainings one row per training
     * @param summary   one row per combination
     * @param criterion each settings name's success criterion in words, with the reference result
     * @param folder    the finished run folder
     */
    public record Result(List<Outcome> outcomes, Table trainings, Table summary, Map<String, String> criterion,
                         Path folder) {
    }

    /** The folder of a study's run folder that holds its trainings' own run folders. */
    public static final String TRAININGS = "trainings";

    private static final String OK = "ok";
    private static final Logger LOG = LoggerFactory.getLogger(SeedStudy.class);

    private SeedStudy() {
    }

    /** The combinations of a request, each read and checked. */
    public static List<Combination> combinations(Request request, Path dataDir) {
        List<Combination> combinations = new ArrayList<>();
        for (Path path : request.files()) {
            SettingsFile file = SettingsFile.read(path);
            if (request.sweep().isEmpty()) {
                combinations.add(new Combination(TaskKinds.load(path, dataDir), file, ""));
                continue;
            }
            Sweep sweep = request.sweep().get();
            for (String value : sweep.values()) {
                combinations.add(combination(file, sweep.key(), value, dataDir,
                        "--sweep " + sweep.key() + "=" + value + " on " + path));
            }
        }
        return combinations;
    }

    /**
     * The file with {@code key} set to {@code value}, read and checked.
     *
     * @param asked how the value was asked for, e.g. "--sweep hidden=0 on experiments/x.properties"
     * @throws SettingsException starting with {@code asked}, if the value is not allowed there
     */
    static Combination combination(SettingsFile file, String key, String value, Path dataDir, String asked) {
        SettingsFile changed = with(file, key, value);
        try {
            return new Combination(read(changed, dataDir), changed, value);
        } catch (SettingsException e) {
            throw new SettingsException(asked + ": " + e.getMessage(), e);
        }
    }

    /** A settings file with {@code key} set to {@code value} (added if it is not there). */
    static SettingsFile with(SettingsFile file, String key, String value) {
        List<String> lines = new ArrayList<>();
        boolean replaced = false;
        for (SettingsFile.Entry entry : file.entries().values()) {
            if (entry.key().equals(key)) {
                lines.add(key + " = " + value);
                replaced = true;
            } else {
                lines.add(entry.key() + " = " + entry.value());
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        return SettingsFile.parse(file.path(), lines);
    }

    private static ExperimentSettings read(SettingsFile file, Path dataDir) {
        return ExperimentSettings.from(file, dataDir, TaskKinds.ALL);
    }

    /** The combination's settings trained from {@code seed}. */
    public static ExperimentSettings withSeed(Combination combination, long seed, Path dataDir) {
        return read(with(combination.file(), "seed", Long.toString(seed)), dataDir);
    }

    /** Runs the study, writes its run folder under {@code runsRoot} and returns its tables. */
    public static Result run(Request request, Path dataDir, Path runsRoot) throws IOException {
        return run(request, dataDir, runsRoot, new StopRequest());
    }

    /**
     * Runs the study as {@link #run(Request, Path, Path)} does; when {@code stop} is requested (Ctrl-C,
     * SIGTERM) every training stops at its next minibatch, the trainings finished so far stay in the
     * log, and the study's folder keeps its {@code .incomplete} name.
     *
     * @throws TrainingStoppedException after a requested stop
     */
    public static Result run(Request request, Path dataDir, Path runsRoot, StopRequest stop) throws IOException {
        Backend.configure();
        List<Combination> combinations = combinations(request, dataDir);
        RunFolder folder = RunFolder.create(runsRoot, "study");
        List<Outcome> outcomes = trainAll(request, combinations, dataDir, folder.file(TRAININGS), stop);
        Map<String, String> criteria = criteria(combinations, request);
        Table trainings = trainingsTable(outcomes, request);
        Table summary = summaryTable(outcomes, request);
        folder.writeText("trainings.csv", trainings.toCsv());
        folder.writeText("summary.csv", summary.toCsv());
        List<String> plots = new ArrayList<>();
        LinePlot toSuccess = sequencesPlot(outcomes, request);
        if (!toSuccess.isEmpty()) {
            folder.write("sequences-to-success.png", toSuccess::save);
            plots.add("sequences-to-success.png");
        }
        LinePlot metric = metricPlot(outcomes, request);
        if (!metric.isEmpty()) {
            folder.write("metric.png", metric::save);
            plots.add("metric.png");
        }
        folder.writeText("summary.md", summaryText(request, summary, criteria, plots));
        return new Result(outcomes, trainings, summary, criteria, TrainingUi.complete(folder));
    }

    /**
     * Every combination from every seed, on the request's pool; outcomes in combination and seed order.
     * Each training is a run named by {@link #runName}, with its own folder in {@code trainingsRoot}.
     *
     * @throws TrainingStoppedException after a requested stop, once every training has stopped, naming
     *                                  the folders of those that were training
     */
    static List<Outcome> trainAll(Request request, List<Combination> combinations, Path dataDir, Path trainingsRoot,
                                  StopRequest stop) throws IOException {
        int total = combinations.size() * request.seeds();
        ProgressMeter progress = new ProgressMeter("study (" + request.implementation().key() + ", "
                + combinations.size() + " combination(s) x " + request.seeds() + " seeds)", "training", total);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger successes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(request.parallel(), total));
        List<List<Future<Training>>> futures = new ArrayList<>();
        try {
            for (Combination combination : combinations) {
                List<Future<Training>> perSeed = new ArrayList<>();
                for (int k = 0; k < request.seeds(); k++) {
                    long seed = request.firstSeed() + k;
                    perSeed.add(pool.submit(() -> {
                        ExperimentSettings settings = withSeed(combination, seed, dataDir);
                        Training training = train(settings.as(runName(combination, request, seed), settings.source()),
                                request.implementation(), request.checks(), trainingsRoot, stop);
                        if (training.success()) {
                            successes.incrementAndGet();
                        }
                        LOG.info("{} seed {}: {}", combination.label(request.sweep()), seed, outcomeText(training));
                        synchronized (progress) {
                            progress.update(done.incrementAndGet(), successes.get() + " successful so far");
                        }
                        return training;
                    }));
                }
                futures.add(perSeed);
            }
            List<Outcome> outcomes = new ArrayList<>();
            List<TrainingStoppedException> stops = new ArrayList<>();
            for (int c = 0; c < combinations.size(); c++) {
                List<Training> trainings = new ArrayList<>();
                for (Future<Training> future : futures.get(c)) {
                    try {
                        trainings.add(get(future));
                    } catch (TrainingStoppedException e) {
                        // every training sees the stop: wait for each to leave its folder in order
                        stops.add(e);
                    }
                }
                outcomes.add(new Outcome(combinations.get(c), trainings));
            }
            if (!stops.isEmpty()) {
                throw stopped(stops);
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A training's name, which its run folder and its session in the training UI start with: the
     * combination as its label says and the seed, e.g. {@code adding-t100-lstm-hidden-4-seed-3}.
     */
    static String runName(Combination combination, Request request, long seed) {
        return (combination.label(request.sweep()) + "-seed-" + seed).replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    /** One exception for the trainings a stop ended: the first one's reason and message, every folder. */
    private static TrainingStoppedException stopped(List<TrainingStoppedException> stops) {
        List<Path> folders = stops.stream().flatMap(e -> e.folders().stream()).toList();
        TrainingStoppedException first = stops.stream().filter(e -> !e.folders().isEmpty()).findFirst()
                .orElse(stops.get(0));
        String others = folders.size() > 1 ? "; " + folders.size() + " trainings were stopped, each run folder left "
                + "incomplete with STOPPED.txt: " + String.join(", ", folders.stream().map(Path::toString).toList())
                : "";
        return new TrainingStoppedException(first.reason(), first.getMessage() + others, folders);
    }

    /** One finished training in a line of the log, so a study cut short still shows what it found. */
    private static String outcomeText(Training training) {
        String result = !training.success() ? "no success in " + training.sequencesSeen() + " sequences"
                : training.sequencesToSuccess() < 0 ? "success at the end of " + training.sequencesSeen() + " sequences"
                : "success after " + training.sequencesToSuccess() + " sequences";
        return result + " (" + training.status() + "), " + training.metrics() + ", "
                + String.format(Locale.ROOT, "%.1f s", training.wallSeconds());
    }

    private static Training get(Future<Training> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the study was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Trains one network as the settings say, through the {@link Trainer} as a run into its own run
     * folder under {@code runsRoot}, measuring the task's success criterion as {@code checks} says; a
     * scratch network computes on the calling thread only.
     */
    public static Training train(ExperimentSettings settings, Implementation implementation, Checks checks,
                                 Path runsRoot) throws IOException {
        return train(settings, implementation, checks, runsRoot, new StopRequest());
    }

    /**
     * Trains as {@link #train(ExperimentSettings, Implementation, Checks, Path)} does; a requested stop
     * ends the training as it ends a run (a checkpoint, metrics.csv so far and STOPPED.txt in its folder).
     *
     * @throws TrainingStoppedException when the stop is requested, as the run's
     */
    public static Training train(ExperimentSettings settings, Implementation implementation, Checks checks,
                                 Path runsRoot, StopRequest stop) throws IOException {
        TrainableNetwork network = implementation.create(settings);
        if (network instanceof ScratchTrainable scratch) {
            scratch.useThreads(1);
        }
        return train(settings, network, checks, runsRoot, stop);
    }

    /** Trains {@code network}, built from the settings, as the public {@code train} methods do. */
    static Training train(ExperimentSettings settings, TrainableNetwork network, Checks checks, Path runsRoot,
                          StopRequest stop) throws IOException {
        long start = System.nanoTime();
        long seed = settings.training().seed();
        Task task = TaskKinds.task(settings);
        Optional<SuccessCriterion> criterion = task.success();
        Watch watch = new Watch(criterion, checks);
        try {
            Trainer.run(settings, task, network, runsRoot, stop, watch);
        } catch (TrainingDivergedException e) {
            return new Training(seed, "diverged at epoch " + e.epoch(), watch.toSuccess >= 0, watch.toSuccess,
                    watch.seen, e.epoch(), watch.metrics, (System.nanoTime() - start) / 1e9);
        }
        if (criterion.isPresent() && checks == Checks.AT_END) {
            Map<String, Double> metrics = criterion.get().measure(network.model());
            return new Training(seed, OK, criterion.get().holds(metrics), -1, watch.seen, watch.epochs, metrics,
                    (System.nanoTime() - start) / 1e9);
        }
        Map<String, Double> metrics = watch.metrics;
        if (criterion.isEmpty()) {
            metrics = new LinkedHashMap<>();
            double[] values = task.epochMetrics(network.model());
            for (int i = 0; i < values.length; i++) {
                metrics.put(task.epochMetricNames().get(i), values[i]);
            }
        }
        return new Training(seed, OK, watch.toSuccess >= 0, watch.toSuccess, watch.seen, watch.epochs, metrics,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * What a study follows of one training: the sequences it has seen, and, after every epoch unless
     * {@link Checks#AT_END}, the success criterion, ending the training once it holds if
     * {@link Checks#STOP_AT_SUCCESS}.
     */
    private static final class Watch implements EpochListener {
        private final Optional<SuccessCriterion> criterion;
        private final Checks checks;
        private long seen;
        /** Sequences seen when the criterion first held, or -1. */
        private long toSuccess = -1;
        private int epochs;
        /** The criterion's metrics as last measured. */
        private Map<String, Double> metrics = Map.of();

        Watch(Optional<SuccessCriterion> criterion, Checks checks) {
            this.criterion = criterion;
            this.checks = checks;
        }

        @Override
        public void fitted(DataSet batch) {
            seen += batch.numExamples();
        }

        @Override
        public Optional<String> epochEnded(int epoch, SequenceModel model) {
            epochs = epoch;
            if (criterion.isEmpty() || checks == Checks.AT_END) {
                return Optional.empty();
            }
            metrics = criterion.get().measure(model);
            if (toSuccess < 0 && criterion.get().holds(metrics)) {
                toSuccess = seen;
                if (checks == Checks.STOP_AT_SUCCESS) {
                    return Optional.of("the study's success criterion holds");
                }
            }
            return Optional.empty();
        }
    }

    private static Map<String, String> criteria(List<Combination> combinations, Request request) {
        Map<String, String> criteria = new LinkedHashMap<>();
        for (Combination combination : combinations) {
            String label = combination.label(request.sweep());
            Optional<SuccessCriterion> criterion = TaskKinds.task(combination.settings()).success();
            criteria.put(label, criterion.map(c -> c.description()
                    + (c.reference().isEmpty() ? "" : ". Reference: " + c.reference()))
                    .orElse("no success criterion: the task's epoch metrics are reported"));
        }
        return criteria;
    }

    /** The metric names of all trainings, in first-seen order. */
    private static List<String> metricNames(List<Outcome> outcomes) {
        Set<String> names = new LinkedHashSet<>();
        outcomes.forEach(o -> o.trainings().forEach(t -> names.addAll(t.metrics().keySet())));
        return List.copyOf(names);
    }

    static Table trainingsTable(List<Outcome> outcomes, Request request) {
        List<String> metricNames = metricNames(outcomes);
        List<String> header = new ArrayList<>(List.of("settings", "sweep", "implementation", "seed", "status",
                "success", "sequences_to_success", "sequences_seen", "epochs"));
        header.addAll(metricNames);
        header.add("wall_seconds");
        Table table = new Table(header);
        for (Outcome outcome : outcomes) {
            for (Training training : outcome.trainings()) {
                List<Cell> row = new ArrayList<>(List.of(Cell.text(outcome.combination().settings().name()),
                        Cell.text(sweepText(outcome.combination(), request)), Cell.text(request.implementation().key()),
                        Cell.count(training.seed()), Cell.text(training.status()),
                        Cell.text(Boolean.toString(training.success())),
                        training.sequencesToSuccess() >= 0 ? Cell.count(training.sequencesToSuccess()) : Cell.blank(),
                        Cell.count(training.sequencesSeen()), Cell.count(training.epochs())));
                for (String name : metricNames) {
                    Double value = training.metrics().get(name);
                    row.add(value == null ? Cell.blank() : Cell.metric(value));
                }
                row.add(Cell.seconds(training.wallSeconds()));
                table.add(row);
            }
        }
        return table;
    }

    private static String sweepText(Combination combination, Request request) {
        return request.sweep().map(s -> s.key() + "=" + combination.value()).orElse("-");
    }

    /** The headline metric of an outcome: its criterion's, else the first metric its trainings report. */
    private static String headline(Outcome outcome) {
        Optional<SuccessCriterion> criterion = TaskKinds.task(outcome.combination().settings()).success();
        if (criterion.isPresent()) {
            return criterion.get().metric();
        }
        return outcome.trainings().stream().flatMap(t -> t.metrics().keySet().stream()).findFirst().orElse("");
    }

    static Table summaryTable(List<Outcome> outcomes, Request request) {
        Table table = new Table(List.of("settings", "sweep", "implementation", "trainings", "successes",
                "success rate", "95% low", "95% high", "metric", "median", "q1", "q3",
                "sequences to success: median", "q1", "q3", "median seconds"));
        for (Outcome outcome : outcomes) {
            int n = outcome.trainings().size();
            WilsonInterval interval = WilsonInterval.of95(outcome.successes(), n);
            String metric = headline(outcome);
            double[] values = outcome.trainings().stream().map(t -> t.metrics().get(metric))
                    .filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
            double[] toSuccess = outcome.trainings().stream().filter(t -> t.sequencesToSuccess() >= 0)
                    .mapToDouble(Training::sequencesToSuccess).toArray();
            double[] seconds = outcome.trainings().stream().mapToDouble(Training::wallSeconds).toArray();
            Quartiles m = values.length > 0 ? Quartiles.of(values) : null;
            Quartiles s = toSuccess.length > 0 ? Quartiles.of(toSuccess) : null;
            table.add(List.of(Cell.text(outcome.combination().settings().name()),
                    Cell.text(sweepText(outcome.combination(), request)), Cell.text(request.implementation().key()),
                    Cell.count(n), Cell.count(outcome.successes()),
                    Cell.number((double) outcome.successes() / n, 2), Cell.number(interval.low(), 2),
                    Cell.number(interval.high(), 2), Cell.text(metric),
                    m == null ? Cell.blank() : Cell.metric(m.median()), m == null ? Cell.blank() : Cell.metric(m.lower()),
                    m == null ? Cell.blank() : Cell.metric(m.upper()),
                    s == null ? Cell.blank() : Cell.count(Math.round(s.median())),
                    s == null ? Cell.blank() : Cell.count(Math.round(s.lower())),
                    s == null ? Cell.blank() : Cell.count(Math.round(s.upper())),
                    Cell.seconds(Quartiles.of(seconds).median())));
        }
        return table;
    }

    private static String seriesName(Outcome outcome, Request request) {
        return outcome.combination().settings().name() + request.sweep().map(s -> " " + s.key() + "="
                + outcome.combination().value()).orElse("");
    }

    private static LinePlot sequencesPlot(List<Outcome> outcomes, Request request) {
        LinePlot plot = new LinePlot().title("Training sequences until the success criterion held ("
                        + request.implementation().key() + ")")
                .xAxisTitle("seed").yAxisTitle("sequences to success");
        for (Outcome outcome : outcomes) {
            List<Training> solved = outcome.trainings().stream().filter(t -> t.sequencesToSuccess() >= 0).toList();
            if (!solved.isEmpty()) {
                plot.markers(seriesName(outcome, request), solved.stream().mapToDouble(Training::seed).toArray(),
                        solved.stream().mapToDouble(Training::sequencesToSuccess).toArray());
            }
        }
        return plot;
    }

    private static LinePlot metricPlot(List<Outcome> outcomes, Request request) {
        LinePlot plot = new LinePlot().title("Final headline metric per training (" + request.implementation().key()
                + ")").xAxisTitle("seed").yAxisTitle("metric");
        for (Outcome outcome : outcomes) {
            String metric = headline(outcome);
            List<Training> measured = outcome.trainings().stream().filter(t -> t.metrics().containsKey(metric))
                    .toList();
            if (!measured.isEmpty()) {
                plot.markers(seriesName(outcome, request) + " " + metric,
                        measured.stream().mapToDouble(Training::seed).toArray(),
                        measured.stream().mapToDouble(t -> t.metrics().get(metric)).toArray());
            }
        }
        return plot;
    }

    private static String summaryText(Request request, Table summary, Map<String, String> criteria,
                                      List<String> plots) {
        StringBuilder text = new StringBuilder("# Study over seeds\n\n");
        text.append(String.format(Locale.ROOT, "%d seed(s) from %d, %s networks, %s.%n%n", request.seeds(),
                request.firstSeed(), request.implementation().key(), request.checks().description()));
        text.append("## Success criteria\n\n");
        criteria.forEach((name, criterion) -> text.append("- ").append(name).append(": ").append(criterion)
                .append('\n'));
        text.append("\n## Summary\n\n```\n").append(summary.render()).append("```\n\n");
        text.append("The success rate's interval is the 95% Wilson score interval; quartiles of the sequences to "
                + "success are over the successful trainings only.\n\n");
        for (String plot : plots) {
            text.append("![").append(plot).append("](").append(plot).append(")\n\n");
        }
        text.append("Files: trainings.csv (one row per training), summary.csv.\n");
        return text.toString();
    }
}

package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.rnnlab.check.Report;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.DataFileLimits;
import org.rnnlab.data.DataFiles;
import org.rnnlab.data.files.IoErrors;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.SystemProperties;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.report.ResultsTable;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.tasks.TaskKinds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs settings files, each with DL4J and with the scratch network, and collects one results table.
 * A run that diverges is recorded as such (no numbers) and the others still run.
 */
public final class ExperimentRunner {

    /** Where run folders and results tables go (outside version control). */
    public static final Path RUNS_ROOT = Path.of("target", "runs");

    /** System property: how many runs train at once. */
    public static final String PARALLEL_PROPERTY = "rnnlab.parallel";

    /** System property: threads each scratch network splits its minibatches over. */
    public static final String SCRATCH_THREADS_PROPERTY = "rnnlab.scratch.threads";

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    private ExperimentRunner() {
    }

    /**
     * Everything a run of several experiments leaves.
     *
     * @param table       one row per experiment and implementation, in the order of the files
     * @param csv         the table as CSV, rewritten as each row arrived
     * @param divergences the message of each run that diverged (its row says "diverged at epoch N")
     */
    public record Results(ResultsTable table, Path csv, List<String> divergences) {
    }

    /**
     * Trains every settings file with DL4J and, from the same initial parameters and on the same
     * minibatches, with the scratch network (or only the implementations its {@code implementations}
     * key names); returns the table, rows in the order of the files.
     * Settings and data are all checked before the first training starts (see {@link #prepare}).
     */
    public static ResultsTable run(List<Path> settingsFiles) throws IOException {
        return run(prepare(settingsFiles, DataFiles.dataDir()), RUNS_ROOT, resultsFile(RUNS_ROOT), new StopRequest())
                .table();
    }

    /**
     * Reads and checks every settings file and every data file they name, and builds each
     * experiment's task (which reads its data), before anything trains: a typo in the last file or
     * a bad value in the third data file does not cost the first runs. Problems are collected over
     * all files; a data problem names the settings key that chose the file.
     *
     * @throws PreflightException listing every problem found, if there is any
     */
    public static List<PreparedExperiment> prepare(List<Path> settingsFiles, Path dataDir) {
        Backend.configureJavaCpp();
        List<String> problems = new ArrayList<>();
        List<PreparedExperiment> prepared = new ArrayList<>();
        for (Path file : settingsFiles) {
            ExperimentSettings settings;
            try {
                settings = TaskKinds.load(file, dataDir);
            } catch (SettingsException e) {
                problems.add(e.getMessage());
                continue;
            }
            // every data file of the settings, before any is read: missing ones and ones past a limit
            DataKeys keys = new DataKeys(settings, dataDir);
            List<String> unusable = new ArrayList<>();
            for (Path data : settings.task().dataFiles()) {
                try {
                    if (!Files.exists(data)) {
                        unusable.add(keys.problem(data, "data file " + data + " not found"));
                    } else if (!Files.isRegularFile(data) && !Files.isDirectory(data)) {
                        unusable.add(keys.problem(data, DataFileException.notFound(data).getMessage()));
                    } else if (Files.isRegularFile(data)) {
                        DataFileLimits.check(data);
                    }
                } catch (DataFileException e) {
                    unusable.add(keys.problem(e.file(), e.getMessage()));
                }
            }
            if (!unusable.isEmpty()) {
                problems.addAll(unusable);
                continue;
            }
            List<String> spark = SparkSupport.problems(settings);
            if (!spark.isEmpty()) {
                problems.addAll(spark);
                continue;
            }
            try {
                Backend.configure();
                prepared.add(new PreparedExperiment(settings, TaskKinds.task(settings)));
            } catch (DataFileException e) {
                problems.add(keys.problem(e.file(), e.getMessage()));
            } catch (RuntimeException | Error e) {
                problems.add(settings.source() + ": " + Failure.describe(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
        return prepared;
    }

    /**
     * A new results file under {@code runsRoot}, named for this moment, and created (empty) at once
     * so that no other invocation, in this process or another, can take the same name: two started
     * in the same second get {@code results-TIME.csv} and {@code results-TIME-2.csv}.
     *
     * @throws IOException if {@code runsRoot} cannot be written
     */
    public static Path resultsFile(Path runsRoot) throws IOException {
        checkWritable(runsRoot);
        String stamp = stamp();
        for (int attempt = 1; ; attempt++) {
            Path file = runsRoot.resolve("results-" + stamp + (attempt == 1 ? "" : "-" + attempt) + ".csv");
            try {
                return Files.createFile(file);
            } catch (FileAlreadyExistsException taken) {
                // another invocation has this name: try the next
            }
        }
    }

    /** The comparison plots' folder that belongs with results file {@code csv} (the same time and number). */
    static Path comparisonsFolder(Path csv) {
        String name = csv.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - ".csv".length()) : name;
        return csv.resolveSibling("comparison-" + (stem.startsWith("results-") ? stem.substring("results-".length())
                : stem));
    }

    /**
     * Trains prepared experiments, each with DL4J and then the scratch network, {@link #parallelRuns()}
     * at a time, each on a thread of its own (ND4J's native ops run single-threaded, see Backend), so
     * results do not depend on how many run at once. Each finished run's row reaches {@code csv} at
     * once. A run that diverges is recorded as such and the others go on. When {@code stop} is
     * requested, or a run fails (then the others are asked to stop), every run stops at its next
     * minibatch and leaves its folder incomplete; no new run starts.
     *
     * @throws IOException               if {@code runsRoot} cannot be written (checked before training)
     * @throws TrainingStoppedException  after a requested stop, naming the folders left incomplete
     * @throws RunFailedException        or another exception, when a run failed
     */
    public static Results run(List<PreparedExperiment> experiments, Path runsRoot, Path csv, StopRequest stop)
            throws IOException {
        checkWritable(runsRoot);
        Path comparisons = comparisonsFolder(csv);
        ResultsFile results = new ResultsFile(experiments.size(), csv);
        List<String> divergences = Collections.synchronizedList(new ArrayList<>());
        int parallel = Math.min(parallelRuns(), Math.max(1, experiments.size()));
        int scratchThreads = scratchThreads(parallel);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CompletionService<Integer> runs = new ExecutorCompletionService<>(pool);
        try {
            for (int i = 0; i < experiments.size(); i++) {
                int index = i;
                runs.submit(() -> {
                    runBoth(experiments.get(index), new RunPlace(runsRoot, comparisons, scratchThreads), stop,
                            rows -> results.put(index, rows), divergences);
                    return index;
                });
            }
            waitForAll(runs, experiments.size(), stop);
        } finally {
            pool.shutdownNow();
        }
        return new Results(results.table(), csv, List.copyOf(divergences));
    }

    /**
     * Waits for every run. The first failure asks the others to stop, so they leave their folders
     * at a step boundary instead of being cut off; it is thrown once all have ended.
     */
    private static void waitForAll(CompletionService<Integer> runs, int count, StopRequest stop) throws IOException {
        Throwable failure = null;
        List<TrainingStoppedException> stops = new ArrayList<>();
        boolean interrupted = false;
        for (int done = 0; done < count; ) {
            try {
                runs.take().get();
            } catch (InterruptedException e) {
                interrupted = true;
                stop.request("an interrupt", 130);
                continue;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TrainingStoppedException stopped) {
                    stops.add(stopped);
                } else if (failure == null) {
                    failure = cause;
                    stop.request("the failure of another run", 1);
                } else {
                    LOG.warn("another run failed too: {}", Failure.describe(cause));
                }
            }
            done++;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (!stops.isEmpty()) {
            throw TrainingStoppedException.merged(stops);
        }
    }

    /** Where one experiment's runs write, and how many threads the scratch network gets. */
    private record RunPlace(Path runsRoot, Path comparisons, int scratchThreads) {
    }

    /** Receives the rows of one experiment as they are finished (DL4J's first, then both). */
    private interface RowSink {
        void accept(List<ResultRow> rows) throws IOException;
    }

    /**
     * DL4J first; with {@code engine = spark} then DL4J on Spark; then scratch; all three from DL4J's
     * initial parameters; a plot of the DL4J and scratch loss curves. With {@code implementations}
     * naming one, only that one trains (scratch still from DL4J's initial parameters), and the row
     * has no comparison.
     */
    private static void runBoth(PreparedExperiment experiment, RunPlace place, StopRequest stop, RowSink rows,
                                List<String> divergences) throws IOException {
        ExperimentSettings settings = experiment.settings();
        boolean trainDl4j = settings.trains(Dl4jNetwork.IMPLEMENTATION);
        boolean trainScratch = settings.trains(ScratchTrainable.IMPLEMENTATION);
        Dl4jNetwork dl4j;
        ScratchTrainable scratch = null;
        double[] initial;
        try {
            dl4j = Dl4jNetwork.create(settings);
            initial = dl4j.parameters();
            if (trainScratch) {
                scratch = ScratchTrainable.startingFrom(settings, initial);
                scratch.useThreads(place.scratchThreads());
            }
        } catch (RuntimeException | Error e) {
            throw new RunFailedException(settings.name() + ": building its networks", null, e);
        }
        List<ResultRow> done = new ArrayList<>();
        Attempt dl4jRun = null;
        if (trainDl4j) {
            dl4jRun = attempt(experiment, dl4j, place.runsRoot(), stop, divergences);
            done.add(dl4jRun.row());
            rows.accept(done);
            if (settings.onSpark()) {
                done.add(sparkRow(experiment, initial, dl4jRun.outcome() == null ? null : dl4j.parameters(), place,
                        stop, divergences));
                rows.accept(done);
            }
        }
        if (scratch == null) {
            return;
        }
        Attempt scratchRun = attempt(experiment, scratch, place.runsRoot(), stop, divergences);
        if (dl4jRun == null || dl4jRun.outcome() == null || scratchRun.outcome() == null) {
            done.add(scratchRun.row());
            rows.accept(done);
            return;
        }
        done.add(compared(scratchRun.row(), settings, dl4j.parameters(), scratch.parameters()));
        rows.accept(done);
        LossCurves.plot(place.comparisons(), settings, dl4jRun.outcome().log(), scratchRun.outcome().log());
    }

    /**
     * Finishes what the invocation of a resumed run would have done after it: when the run was DL4J's
     * and its settings train the scratch network too, trains the scratch network from DL4J's initial
     * parameters (DL4J's initialisation is seeded, so rebuilding the network gives them back), on
     * the same data, and compares the two; then writes the rows to {@code csv}, under the
     * experiment's own name. A resumed scratch or Spark run gives its own row only.
     *
     * @param resumed what {@link Trainer#resume} returned
     */
    public static Results afterResume(RunOutcome resumed, Path dataDir, Path runsRoot, Path csv, StopRequest stop)
            throws IOException {
        SavedRun saved = SavedRun.open(resumed.folder(), dataDir);
        ExperimentSettings settings = saved.settings();
        ResultsTable table = new ResultsTable();
        table.add(resumed.row());
        List<String> divergences = new ArrayList<>();
        if (resumed.row().implementation().equals(Dl4jNetwork.IMPLEMENTATION)
                && settings.trains(ScratchTrainable.IMPLEMENTATION)) {
            PreparedExperiment experiment = new PreparedExperiment(settings, TaskKinds.task(settings));
            ScratchTrainable scratch = ScratchTrainable.startingFrom(settings,
                    Dl4jNetwork.create(settings).parameters());
            scratch.useThreads(scratchThreads(1));
            Attempt scratchRun = attempt(experiment, scratch, runsRoot, stop, divergences);
            if (scratchRun.outcome() == null) {
                table.add(scratchRun.row());
            } else {
                table.add(compared(scratchRun.row(), settings, saved.trainedParameters(), scratch.parameters()));
                LossCurves.plot(comparisonsFolder(csv), settings, resumed.log(), scratchRun.outcome().log());
            }
        }
        table.writeCsv(csv);
        return new Results(table, csv, divergences);
    }

    /** The scratch network's row with the largest difference of its final parameters from DL4J's. */
    private static ResultRow compared(ResultRow scratchRow, ExperimentSettings settings, double[] dl4jParameters,
                                      double[] scratchParameters) {
        Map<String, Double> metrics = new LinkedHashMap<>(scratchRow.metrics());
        metrics.put("param_diff_vs_dl4j", Report.ofParameters(settings.name() + " after training",
                settings.network(), Dl4jNetwork.IMPLEMENTATION, dl4jParameters, ScratchTrainable.IMPLEMENTATION,
                scratchParameters).maxAbsoluteError());
        return new ResultRow(scratchRow.experiment(), scratchRow.cell(), scratchRow.implementation(), metrics,
                scratchRow.wallSeconds(), scratchRow.status());
    }

    /**
     * The settings' DL4J network trained on Spark from {@code initial}; its row says how far its final
     * parameters are from the single-machine DL4J run's ({@code param_diff_vs_dl4j}).
     */
    private static ResultRow sparkRow(PreparedExperiment experiment, double[] initial, double[] dl4jFinal,
                                      RunPlace place, StopRequest stop, List<String> divergences) throws IOException {
        ExperimentSettings settings = experiment.settings();
        SparkNetwork spark;
        try {
            spark = SparkNetwork.startingFrom(settings, initial);
        } catch (RuntimeException | Error e) {
            throw new RunFailedException(settings.name() + ": starting Spark at " + settings.spark().master(), null, e);
        }
        try (spark) {
            Attempt run = attempt(experiment, spark, place.runsRoot(), stop, divergences);
            if (run.outcome() == null || dl4jFinal == null) {
                return run.row();
            }
            Map<String, Double> metrics = new LinkedHashMap<>(run.row().metrics());
            metrics.put("param_diff_vs_dl4j", maxAbsoluteDifference(dl4jFinal, spark.parameters()));
            ResultRow row = run.row();
            return new ResultRow(row.experiment(), row.cell(), row.implementation(), metrics, row.wallSeconds(),
                    row.status());
        }
    }

    private static double maxAbsoluteDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** A run's row, and its outcome unless it diverged. */
    private record Attempt(ResultRow row, RunOutcome outcome) {
    }

    private static Attempt attempt(PreparedExperiment experiment, TrainableNetwork network, Path runsRoot,
                                   StopRequest stop, List<String> divergences) throws IOException {
        ExperimentSettings settings = experiment.settings();
        long start = System.nanoTime();
        try {
            RunOutcome outcome = Trainer.run(settings, experiment.newTask(), network, runsRoot, stop);
            return new Attempt(outcome.row(), outcome);
        } catch (TrainingDivergedException e) {
            LOG.warn(e.getMessage());
            divergences.add(e.getMessage());
            return new Attempt(new ResultRow(RunLabels.experiment(settings), settings.network().cell().key(),
                    network.implementation(), Map.of(), (System.nanoTime() - start) / 1e9,
                    "diverged at epoch " + e.epoch()), null);
        }
    }

    /** Creates {@code runsRoot} if needed and proves a file can be written there, before anything trains. */
    static void checkWritable(Path runsRoot) throws IOException {
        try {
            Files.createDirectories(runsRoot);
            Files.delete(Files.createTempFile(runsRoot, ".write-check-", ".tmp"));
        } catch (IOException e) {
            throw new IOException("cannot write run folders and results under " + runsRoot + ": "
                    + IoErrors.reason(e), e);
        }
    }

    /**
     * The results table as rows arrive, in the order of the experiments, rewritten in full to its CSV
     * each time (atomically), so the rows of finished runs survive a later failure or stop.
     */
    private static final class ResultsFile {
        private final List<List<ResultRow>> rows;
        private final Path csv;

        ResultsFile(int experiments, Path csv) {
            this.rows = new ArrayList<>(Collections.nCopies(experiments, List.of()));
            this.csv = csv;
        }

        synchronized void put(int experiment, List<ResultRow> experimentRows) throws IOException {
            rows.set(experiment, List.copyOf(experimentRows));
            table().writeCsv(csv);
        }

        synchronized ResultsTable table() {
            ResultsTable table = new ResultsTable();
            rows.forEach(experimentRows -> experimentRows.forEach(table::add));
            return table;
        }
    }

    private static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /** Runs at once: system property {@value #PARALLEL_PROPERTY}, else one per core, at most 2. */
    static int parallelRuns() {
        return SystemProperties.positiveInt(PARALLEL_PROPERTY,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Threads per scratch network: system property {@value #SCRATCH_THREADS_PROPERTY}, else the
     * cores left to each of the runs going at once. Results do not depend on it.
     */
    public static int scratchThreads(int parallelRuns) {
        return SystemProperties.positiveInt(SCRATCH_THREADS_PROPERTY,
                Math.max(1, Runtime.getRuntime().availableProcessors() / parallelRuns));
    }
}

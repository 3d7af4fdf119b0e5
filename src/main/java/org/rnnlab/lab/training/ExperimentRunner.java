package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.rnnlab.check.Report;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.SystemProperties;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.report.ResultsTable;
import org.rnnlab.lab.settings.ExperimentSettings;
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
     * Trains every settings file with DL4J and, from the same initial parameters and on the same
     * minibatches, with the scratch network; returns the table, rows in the order of the files.
     * Settings are all validated before the first training starts, so a typo in the last file does
     * not cost the first file's run. Experiments go {@link #parallelRuns()} at a time, each on a
     * thread of its own (ND4J's native ops run single-threaded, see Backend), so results do not
     * depend on how many run at once.
     */
    public static ResultsTable run(List<Path> settingsFiles) throws IOException {
        Backend.configure();
        Path dataDir = DataFiles.dataDir();
        List<ExperimentSettings> experiments = settingsFiles.stream()
                .map(file -> TaskKinds.load(file, dataDir))
                .toList();
        Path comparisons = RUNS_ROOT.resolve("comparison-" + stamp());
        int parallel = Math.min(parallelRuns(), Math.max(1, experiments.size()));
        int scratchThreads = scratchThreads(parallel);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<List<ResultRow>>> rows = new ArrayList<>();
            for (ExperimentSettings settings : experiments) {
                rows.add(pool.submit(() -> runBoth(settings, comparisons, scratchThreads)));
            }
            ResultsTable table = new ResultsTable();
            for (Future<List<ResultRow>> row : rows) {
                result(row).forEach(table::add);
            }
            return table;
        } finally {
            pool.shutdownNow();
        }
    }

    /** DL4J first, then scratch from DL4J's initial parameters; a plot of both loss curves. */
    private static List<ResultRow> runBoth(ExperimentSettings settings, Path comparisons, int scratchThreads)
            throws IOException {
        Dl4jNetwork dl4j = Dl4jNetwork.create(settings);
        ScratchTrainable scratch = ScratchTrainable.startingFrom(settings, dl4j.parameters());
        scratch.useThreads(scratchThreads);
        Attempt dl4jRun = attempt(settings, dl4j);
        Attempt scratchRun = attempt(settings, scratch);
        if (dl4jRun.outcome() == null || scratchRun.outcome() == null) {
            return List.of(dl4jRun.row(), scratchRun.row());
        }
        Map<String, Double> metrics = new LinkedHashMap<>(scratchRun.row().metrics());
        metrics.put("param_diff_vs_dl4j", Report.ofParameters(settings.name() + " after training",
                settings.network(), Dl4jNetwork.IMPLEMENTATION, dl4j.parameters(), ScratchTrainable.IMPLEMENTATION,
                scratch.parameters()).maxAbsoluteError());
        ResultRow scratchRow = scratchRun.row();
        LossCurves.plot(comparisons, settings, dl4jRun.outcome().log(), scratchRun.outcome().log());
        return List.of(dl4jRun.row(), new ResultRow(scratchRow.experiment(), scratchRow.cell(),
                scratchRow.implementation(), metrics, scratchRow.wallSeconds(), scratchRow.status()));
    }

    /** A run's row, and its outcome unless it diverged. */
    private record Attempt(ResultRow row, RunOutcome outcome) {
    }

    private static Attempt attempt(ExperimentSettings settings, TrainableNetwork network) throws IOException {
        long start = System.nanoTime();
        try {
            RunOutcome outcome = Trainer.run(settings, network, RUNS_ROOT);
            return new Attempt(outcome.row(), outcome);
        } catch (TrainingDivergedException e) {
            LOG.error(e.getMessage());
            return new Attempt(new ResultRow(RunLabels.experiment(settings), settings.network().cell().key(),
                    network.implementation(), Map.of(), (System.nanoTime() - start) / 1e9,
                    "diverged at epoch " + e.epoch()), null);
        }
    }

    private static <T> T result(Future<T> row) throws IOException {
        try {
            return row.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a run", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
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
    static int scratchThreads(int parallelRuns) {
        return SystemProperties.positiveInt(SCRATCH_THREADS_PROPERTY,
                Math.max(1, Runtime.getRuntime().availableProcessors() / parallelRuns));
    }

    /** Writes the table as CSV beside the run folders and returns the file. */
    public static Path writeCsv(ResultsTable table) throws IOException {
        Path file = RUNS_ROOT.resolve("results-" + stamp() + ".csv");
        Files.createDirectories(RUNS_ROOT);
        table.writeCsv(file);
        return file;
    }
}

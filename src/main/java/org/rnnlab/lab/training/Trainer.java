package org.rnnlab.lab.training;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.lab.report.FinalMetrics;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.report.ProgressMeter;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.Task;
import org.rnnlab.lab.tasks.TaskKinds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one experiment and writes its run folder, for any {@link TrainableNetwork}.
 *
 * <ol>
 *   <li>Read the task's training data through its DataVec iterator.</li>
 *   <li>Each epoch: fit every minibatch, stopping at once on a NaN or infinite score; now and then
 *       log the task's metrics; with early stopping, keep the parameters of the best epoch.</li>
 *   <li>Evaluate, plot, save the model, write metrics.csv and summary.md, and mark the folder complete.</li>
 * </ol>
 * A run that diverges, is stopped or fails otherwise keeps its folder named {@code .incomplete}, with
 * the metrics logged so far and a FAILED.txt or STOPPED.txt saying what happened.
 */
public final class Trainer {

    /** At most this many evaluations (rows of metrics.csv) per run. */
    static final int MAX_EVALUATIONS = 50;

    /**
     * The settings file's text as read, in every run folder: with the data beside it, it rebuilds the
     * run's task and network (see {@link SavedRun}).
     */
    public static final String SETTINGS = "settings.properties";

    /**
     * What a run folder says of itself besides its settings: the experiment's name and the settings
     * file it was read from, so that a resumed or reopened run keeps them.
     */
    public static final String RUN = "run.properties";

    /** The note a stopped run leaves in its folder. */
    public static final String STOPPED = "STOPPED.txt";

    /** The note a failed run leaves in its folder. */
    public static final String FAILED = "FAILED.txt";

    /** With early stopping: the folder of the last epoch's network, beside the best one the run keeps. */
    public static final String LAST = "last";

    /** The result metric that times training: milliseconds of fitting per epoch, evaluation left out. */
    public static final String MS_PER_EPOCH = "ms_per_epoch";

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private Trainer() {
    }

    /** Trains a new DL4J network built from the settings. */
    public static RunOutcome runDl4j(ExperimentSettings settings, Path runsRoot) throws IOException {
        return run(settings, Dl4jNetwork.create(settings), runsRoot);
    }

    /** Trains {@code network} as the settings say, on a new task that reads the settings' data now. */
    public static RunOutcome run(ExperimentSettings settings, TrainableNetwork network, Path runsRoot)
            throws IOException {
        return run(settings, TaskKinds.task(settings), network, runsRoot, new StopRequest());
    }

    /**
     * Trains {@code network} on a task already built (its data read and checked), as the settings say.
     * Between two minibatches it looks at {@code stop}; when a stop is requested it writes a checkpoint,
     * the metrics logged so far and a STOPPED.txt saying how to resume, and throws.
     *
     * @throws TrainingDivergedException when the score becomes NaN or infinite; the run folder is left
     *                                   marked incomplete, with a FAILED.txt saying why
     * @throws TrainingStoppedException  when {@code stop} was requested; the folder is left incomplete
     *                                   with a checkpoint, metrics.csv so far and STOPPED.txt
     * @throws RunFailedException        on any other failure once the folder exists (I/O, memory, DL4J);
     *                                   the folder is left incomplete with a FAILED.txt
     */
    public static RunOutcome run(ExperimentSettings settings, Task task, TrainableNetwork network, Path runsRoot,
                                 StopRequest stop) throws IOException {
        return run(settings, task, network, runsRoot, stop, EpochListener.NONE);
    }

    /**
     * Trains as {@link #run(ExperimentSettings, Task, TrainableNetwork, Path, StopRequest)} does, showing
     * {@code listener} every minibatch fitted and every epoch ended; when the listener ends the training
     * after an epoch, the run finishes there as if that epoch were its last (evaluated, saved, complete).
     */
    public static RunOutcome run(ExperimentSettings settings, Task task, TrainableNetwork network, Path runsRoot,
                                 StopRequest stop, EpochListener listener) throws IOException {
        String label = RunLabels.label(settings, network.implementation());
        if (stop.isRequested()) {
            throw new TrainingStoppedException(stop.reason(), label + ": not started", List.of());
        }
        RunFolder folder = RunFolder.create(runsRoot, settings.name() + "-" + network.implementation());
        LOG.info("{}: {} parameters in {}, run folder {}", label, network.numParams(),
                settings.network().precision().key(), folder.dir());
        folder.writeText(SETTINGS, settings.fileText());
        Properties run = new Properties();
        run.setProperty("experiment", settings.name());
        run.setProperty("settings.file", settings.source().toString());
        run.setProperty("implementation", network.implementation());
        StringWriter runText = new StringWriter();
        run.store(runText, "rnnlab run: the experiment this folder belongs to");
        folder.writeText(RUN, runText.toString());
        return execute(settings, task, network, folder, label, stop, null, listener);
    }

    /**
     * Goes on with an interrupted run (its folder still {@code .incomplete}) from its newest checkpoint,
     * into the same folder, and finishes it as if it had never stopped: the same updates on the same
     * minibatches, so the same parameters and metrics.csv as a run that was not interrupted.
     *
     * @param runDir         the run's folder
     * @param dataDir        where the settings' data paths point
     * @param scratchThreads threads for a scratch network (the results do not depend on it)
     * @throws IllegalArgumentException when the folder is not an interrupted run with a checkpoint
     * @throws IllegalStateException    when another invocation is writing the folder (see {@link RunFolderLock})
     */
    public static RunOutcome resume(Path runDir, Path dataDir, StopRequest stop, int scratchThreads)
            throws IOException {
        RunFolder folder = RunFolder.reopen(runDir);
        RunFolderLock lock = RunFolderLock.take(folder.dir());
        Path finalDir = folder.dir();
        try {
            RunOutcome outcome = resumeLocked(folder, runDir, dataDir, stop, scratchThreads);
            finalDir = outcome.folder();
            return outcome;
        } finally {
            lock.release(finalDir);
        }
    }

    private static RunOutcome resumeLocked(RunFolder folder, Path runDir, Path dataDir, StopRequest stop,
                                           int scratchThreads) throws IOException {
        Path settingsFile = folder.dir().resolve(SETTINGS);
        if (!Files.isRegularFile(settingsFile)) {
            throw new IllegalArgumentException("run folder " + runDir + " has no " + SETTINGS + "; it cannot be resumed");
        }
        Path newest = Checkpoint.newest(folder.dir()).orElseThrow(() -> new IllegalArgumentException("run folder "
                + runDir + " has no complete checkpoint to resume from (the run stopped before its first one; "
                + "set checkpoint.every and train it again)"));
        int partial = Checkpoint.deletePartial(folder.dir());
        if (partial > 0) {
            LOG.info("{}: deleted {} checkpoint(s) whose writing was cut off", folder.dir(), partial);
        }
        // before anything is read from it: every file as its manifest says
        Checkpoint.verify(newest);
        ExperimentSettings settings = settingsOf(folder.dir(), dataDir);
        String implementation = Checkpoint.implementationOf(newest);
        if (implementation.equals(SparkNetwork.IMPLEMENTATION)) {
            List<String> problems = SparkSupport.problems(settings);
            if (!problems.isEmpty()) {
                throw new PreflightException(problems);
            }
            try (SparkNetwork spark = SparkNetwork.startingFrom(settings, null)) {
                return resumeWith(settings, spark, folder, newest, stop);
            }
        }
        TrainableNetwork network = switch (Implementation.of(implementation)) {
            case DL4J -> Dl4jNetwork.create(settings);
            case SCRATCH -> {
                ScratchTrainable scratch = ScratchTrainable.create(settings);
                scratch.useThreads(scratchThreads);
                yield scratch;
            }
        };
        return resumeWith(settings, network, folder, newest, stop);
    }

    /**
     * The settings a run folder was trained with, under the experiment's own name and settings file
     * ({@value #RUN}; for a folder without it, the name its folder name starts with).
     *
     * @throws org.rnnlab.lab.settings.SettingsException when its settings no longer read
     */
    public static ExperimentSettings settingsOf(Path runDir, Path dataDir) throws IOException {
        ExperimentSettings settings = TaskKinds.load(runDir.resolve(SETTINGS), dataDir);
        Path runFile = runDir.resolve(RUN);
        if (Files.isRegularFile(runFile)) {
            Properties run = new Properties();
            try (Reader in = Files.newBufferedReader(runFile, StandardCharsets.UTF_8)) {
                run.load(in);
            }
            String name = run.getProperty("experiment");
            String source = run.getProperty("settings.file");
            if (name != null && !name.isBlank() && source != null && !source.isBlank()) {
                return settings.as(name, Path.of(source));
            }
        }
        Matcher m = FOLDER_NAME.matcher(runDir.getFileName().toString());
        return m.matches() ? settings.as(m.group(1), settings.source()) : settings;
    }

    /** A run folder's name: experiment, implementation, time (and a number), maybe .incomplete. */
    private static final Pattern FOLDER_NAME = Pattern.compile(
            "(.+)-(?:dl4j-spark|dl4j|scratch)-\\d{8}-\\d{6}(?:-\\d+)?(?:\\.incomplete)?");

    private static RunOutcome resumeWith(ExperimentSettings settings, TrainableNetwork network, RunFolder folder,
                                         Path newest, StopRequest stop) throws IOException {
        Optional<String> changed = RunInputs.of(settings).changedSince(Checkpoint.inputsOf(newest),
                folder.dir().resolve(SETTINGS));
        if (changed.isPresent()) {
            throw new IllegalArgumentException("cannot resume " + folder.dir() + ": " + changed.get()
                    + "; the run would go on with other settings or data than it started with. Put back what "
                    + "changed, or train the run anew");
        }
        Checkpoint checkpoint = Checkpoint.read(newest, network);
        String label = RunLabels.label(settings, network.implementation());
        LOG.info("{}: resuming {} from {}", label, folder.dir(), newest.getFileName());
        for (String note : List.of(STOPPED, FAILED)) {
            Files.deleteIfExists(folder.dir().resolve(note));
        }
        return execute(settings, TaskKinds.task(settings), network, folder, label, stop, checkpoint,
                EpochListener.NONE);
    }

    private static RunOutcome execute(ExperimentSettings settings, Task task, TrainableNetwork network,
                                      RunFolder folder, String label, StopRequest stop, Checkpoint from,
                                      EpochListener listener) throws IOException {
        long start = System.nanoTime();
        Loop loop = new Loop(settings, task, network, folder, label, stop, from, listener);
        Task.Evaluation evaluation;
        TrainingStats stats = null;
        boolean trained = false;
        try {
            stats = openStats(settings, network, folder);
            loop.train();
            closeStats(stats);
            stats = null;
            loop.keepLastBesideBest();
            evaluation = loop.withEndingNotes(task.finish(network.model(), loop.log, folder, label));
            folder.writeText("metrics.csv", loop.log.toCsv());
            network.save(folder);
            trained = true;
        } catch (TrainingStoppedException e) {
            folder.writeText("metrics.csv", loop.log.toCsv());
            folder.writeText(STOPPED, stoppedText(label, e, loop, folder));
            throw new TrainingStoppedException(e.reason(), label + ": " + e.getMessage(), List.of(folder.dir()));
        } catch (TrainingDivergedException e) {
            folder.writeText(FAILED, e.getMessage() + System.lineSeparator());
            folder.writeText("metrics.csv", loop.log.toCsv());
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            leaveFailed(folder, label, loop.log, e);
            throw new RunFailedException(label, folder.dir(), e);
        } finally {
            closeStats(stats);
            if (!trained) {
                TrainingUi.showIfRunning(folder.file(TrainingStats.FILE));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int epochs = loop.epochsDone;
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        metrics.put("epochs", (double) epochs);
        metrics.put(MS_PER_EPOCH, loop.fitNanos / 1e6 / epochs);
        metrics.putAll(task.speedMetrics(epochs, loop.fitNanos / 1e9));
        folder.writeText(FinalMetrics.FILE, FinalMetrics.toCsv(evaluation.metrics()));
        RunSummary.write(folder, settings, label, metrics, evaluation, seconds);
        Checkpoint.deleteTree(folder.dir().resolve(Checkpoint.FOLDER));
        Path completed = folder.complete();
        TrainingUi.showIfRunning(completed.resolve(TrainingStats.FILE));
        LOG.info("{}: done in {}s, results in {}", label, String.format("%.1f", seconds), completed);
        return new RunOutcome(new ResultRow(RunLabels.experiment(settings), settings.network().cell().key(),
                network.implementation(), metrics, seconds, ResultRow.OK), completed, loop.log);
    }

    /**
     * The run's training statistics file ({@link TrainingStats}), reported to by {@code network}; null
     * when the settings ask for none or the network cannot report (then no file is left).
     */
    private static TrainingStats openStats(ExperimentSettings settings, TrainableNetwork network, RunFolder folder)
            throws IOException {
        int every = settings.statsEvery();
        if (every == 0) {
            return null;
        }
        TrainingStats stats = TrainingStats.open(folder, every);
        if (network.reportStats(stats)) {
            return stats;
        }
        stats.close();
        Files.deleteIfExists(folder.file(TrainingStats.FILE));
        return null;
    }

    /** Closes the stats file (a running UI keeps it open); a failure to close only costs the stats. */
    private static void closeStats(TrainingStats stats) {
        if (stats == null) {
            return;
        }
        try {
            stats.close();
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    private static String stoppedText(String label, TrainingStoppedException e, Loop loop, RunFolder folder) {
        String n = System.lineSeparator();
        // a Spark run resumes on Spark: its classes are on the run-time class path with the spark profile
        String profile = label.endsWith("(" + SparkNetwork.IMPLEMENTATION + ")") ? "-Pspark " : "";
        String checkpoint = loop.lastCheckpoint == null
                ? "No checkpoint was written, so the run cannot be resumed; train it again." + n
                : "A checkpoint " + loop.lastCheckpointWhere + " is in " + folder.dir().relativize(loop.lastCheckpoint)
                        + "; to go on from there:" + n + "  mvn -q " + profile
                        + "compile exec:java -Dexec.args=\"--resume " + folder.dir() + "\"" + n;
        return label + " was stopped by " + e.reason().what() + " " + e.getMessage() + ", at "
                + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "." + n
                + "metrics.csv holds the " + loop.log.size() + " evaluation(s) logged before the stop; the final"
                + " network was not saved." + n
                + "The folder keeps its .incomplete name because the run did not finish." + n + checkpoint;
    }

    /** Best effort: the folder says why the run failed, even when writing is what failed. */
    private static void leaveFailed(RunFolder folder, String label, MetricsLog log, Throwable e) {
        try {
            folder.writeText(FAILED, label + " failed: " + Failure.describe(e) + System.lineSeparator());
            folder.writeText("metrics.csv", log.toCsv());
        } catch (IOException | RuntimeException | Error again) {
            LOG.warn("{}: could not record the failure in {}: {}", label, folder.dir(), again.toString());
        }
    }

    /**
     * The iterator's minibatches, read once and kept: re-reading a small fixed file through DataVec
     * every epoch costs about 45 µs a minibatch, a third of a scratch training step at minibatch 1.
     */
    public static DataSetIterator inMemory(DataSetIterator data) {
        List<DataSet> batches = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            batches.add(data.next());
        }
        return new ExistingDataSetIterator(batches);
    }

    /**
     * The training loop of one run, from the start or from a checkpoint. Its state is what a
     * checkpoint keeps: where it is, the log, the early-stopping state and the time spent fitting.
     */
    private static final class Loop {
        private final ExperimentSettings settings;
        private final Task task;
        private final TrainableNetwork network;
        private final RunFolder folder;
        private final String label;
        private final StopRequest stop;
        private final EpochListener listener;
        private final MetricsLog log;
        private final EarlyStopping stopping;
        private final int every;
        /** The task's state from the checkpoint resumed from, or empty. */
        private final String resumedTaskState;
        /** Epochs trained completely (with their evaluation), and minibatches of the next one. */
        private int epochsDone;
        private int minibatchesDone;
        private long fitNanos;
        private Path lastCheckpoint;
        private String lastCheckpointWhere;
        /** The epoch early stopping ended training at, or 0 if it did not. */
        private int stoppedEarlyAt;
        /** Why the listener ended training, or null if it did not. */
        private String endedBecause;
        /** What the run depends on, for its checkpoints; digested at the first one. */
        private RunInputs inputs;

        Loop(ExperimentSettings settings, Task task, TrainableNetwork network, RunFolder folder, String label,
             StopRequest stop, Checkpoint from, EpochListener listener) {
            this.settings = settings;
            this.listener = listener;
            this.task = task;
            this.network = network;
            this.folder = folder;
            this.label = label;
            this.stop = stop;
            this.every = settings.checkpointEvery();
            this.resumedTaskState = from == null ? "" : from.taskState();
            if (from == null) {
                log = new MetricsLog(task.epochMetricNames());
                stopping = new EarlyStopping(task, log);
            } else {
                log = from.log();
                stopping = new EarlyStopping(task, log, from.bestEpoch(), from.bestValue(), from.bestParameters());
                epochsDone = from.epochsDone();
                minibatchesDone = from.minibatchesDone();
                fitNanos = from.fitNanos();
            }
        }

        void train() throws IOException {
            int epochs = settings.training().epochs();
            DataSetIterator data = task.trainingData(settings.training().batch());
            if (task.sameDataEveryEpoch()) {
                data = inMemory(data);
            }
            if (epochsDone > 0 || minibatchesDone > 0) {
                task.resume(epochsDone, resumedTaskState, data);
            }
            ProgressMeter progress = new ProgressMeter(label, epochs);
            int interval = evaluationInterval(epochs);
            String lastMetrics = "";
            for (int epoch = epochsDone + 1; epoch <= epochs; epoch++) {
                data.reset();
                for (int skipped = 0; skipped < minibatchesDone; skipped++) {
                    data.next();
                }
                long fitStart = System.nanoTime();
                while (data.hasNext()) {
                    if (stop.isRequested()) {
                        stop.acknowledge();
                        fitNanos += System.nanoTime() - fitStart;
                        if (network.trainsAtEpochEnd()) {
                            network.dropUnfinishedEpoch();
                            minibatchesDone = 0;
                        }
                        checkpoint();
                        throw new TrainingStoppedException(stop.reason(), "during epoch " + epoch + " of " + epochs
                                + ", after " + minibatchesDone + " minibatch(es) of it", List.of());
                    }
                    DataSet batch = data.next();
                    double score = network.fit(batch, epoch - 1);
                    if (!Double.isFinite(score)) {
                        throw new TrainingDivergedException(label, epoch, "score " + score);
                    }
                    minibatchesDone++;
                    listener.fitted(batch);
                    progress.within(epoch - 1, "minibatch " + minibatchesDone);
                }
                double epochScore;
                try (StopRequest.Registration ignored = stop.whenRequested(network::cancelEpoch)) {
                    epochScore = network.finishEpoch(epoch - 1);
                } catch (EpochCancelledException e) {
                    if (e.stopReason() != null) {
                        // the network could not go on: a stop with a failure's exit status, so that the
                        // run keeps a checkpoint to resume from once the cause is put right
                        stop.request(e.stopReason(), 1);
                    }
                    // the network is as it was at the end of the previous epoch: checkpoint that
                    stop.acknowledge();
                    fitNanos += System.nanoTime() - fitStart;
                    minibatchesDone = 0;
                    checkpoint();
                    throw new TrainingStoppedException(stop.reason(), "during epoch " + epoch + " of " + epochs
                            + ", while it trained at the epoch's end (" + e.getMessage() + "); the epoch starts"
                            + " again when the run is resumed", List.of());
                }
                if (!Double.isFinite(epochScore)) {
                    throw new TrainingDivergedException(label, epoch, "score " + epochScore);
                }
                fitNanos += System.nanoTime() - fitStart;
                task.epochEnded(epoch, network.model(), label);
                Optional<String> ended = listener.epochEnded(epoch, network.model());
                if (epoch == epochs) {
                    ended = Optional.empty(); // the last epoch ends training anyway
                }
                boolean evaluate = epoch % interval == 0 || epoch == epochs || ended.isPresent();
                if (evaluate) {
                    double[] values = task.epochMetrics(network.model());
                    for (int i = 0; i < values.length; i++) {
                        if (!Double.isFinite(values[i])) {
                            throw new TrainingDivergedException(label, epoch,
                                    task.epochMetricNames().get(i) + " " + values[i]);
                        }
                    }
                    log.add(epoch, values);
                    lastMetrics = RunLabels.metricsText(task.epochMetricNames(), values);
                    progress.update(epoch, lastMetrics);
                    if (stopping.isBest(epoch)) {
                        stopping.remember(network.parameters());
                    }
                } else {
                    progress.update(epoch, lastMetrics.isEmpty() ? "" : "(last evaluated: " + lastMetrics + ")");
                }
                epochsDone = epoch;
                minibatchesDone = 0;
                if (evaluate && stopping.shouldStop(epoch)) {
                    LOG.info("{}: stopping at epoch {}: no better {} for {} epochs; keeping epoch {}", label, epoch,
                            task.stoppingMetric(), task.stopPatience(), stopping.bestEpoch());
                    stoppedEarlyAt = epoch;
                    return;
                }
                if (ended.isPresent()) {
                    LOG.info("{}: stopping at epoch {} of {}: {}", label, epoch, epochs, ended.get());
                    endedBecause = ended.get();
                    return;
                }
                if (every > 0 && epoch % every == 0 && epoch < epochs) {
                    checkpoint();
                }
            }
        }

        /** Writes a checkpoint of where the loop stands now. */
        private void checkpoint() throws IOException {
            Checkpoint checkpoint = new Checkpoint(epochsDone, minibatchesDone, fitNanos, stopping.bestEpoch(),
                    stopping.bestValue(), stopping.bestParameters(), log, task.checkpointState());
            if (inputs == null) {
                inputs = RunInputs.of(settings);
            }
            lastCheckpoint = checkpoint.write(folder.dir(), network, inputs);
            lastCheckpointWhere = checkpoint.where();
            LOG.debug("{}: checkpoint {}", label, lastCheckpoint.getFileName());
        }

        /**
         * With early stopping, the run's network becomes the best epoch's; the last epoch's network is
         * kept beside it in {@value #LAST}/.
         */
        void keepLastBesideBest() throws IOException {
            if (stopping.bestParameters() == null) {
                return;
            }
            Path last = folder.file(LAST);
            Checkpoint.deleteTree(last);
            Files.createDirectories(last);
            network.writeState(last);
            network.setParameters(stopping.bestParameters());
        }

        /**
         * The evaluation with a note on why training ended before its last epoch, when its listener
         * ended it, and on which epoch's network it is, when early stopping chose one.
         */
        Task.Evaluation withEndingNotes(Task.Evaluation evaluation) {
            if (stopping.bestParameters() == null && endedBecause == null) {
                return evaluation;
            }
            List<String> notes = new ArrayList<>(evaluation.notes());
            if (endedBecause != null) {
                notes.add(String.format(Locale.ROOT, "Training ended after epoch %d of %d: %s.", epochsDone,
                        settings.training().epochs(), endedBecause));
            }
            if (stopping.bestParameters() == null) {
                return new Task.Evaluation(evaluation.metrics(), evaluation.plots(), evaluation.texts(), notes);
            }
            notes.add(String.format(Locale.ROOT, "Early stopping on %s kept the network of epoch %d (%s %s), the "
                            + "lowest of the run; training %s at epoch %d, whose network is in `%s/`.",
                    task.stoppingMetric(), stopping.bestEpoch(), task.stoppingMetric(),
                    NumberFormats.exact(stopping.bestValue()), stoppedEarlyAt > 0 ? "stopped" : "ended",
                    epochsDone, LAST));
            return new Task.Evaluation(evaluation.metrics(), evaluation.plots(), evaluation.texts(), notes);
        }
    }

    /**
     * Epochs between two evaluations: every epoch up to {@value #MAX_EVALUATIONS} epochs, then evenly
     * spaced so a long run is not dominated by evaluating itself.
     */
    static int evaluationInterval(int epochs) {
        return Math.max(1, (epochs + MAX_EVALUATIONS - 1) / MAX_EVALUATIONS);
    }

    /** Early stopping on a held-out metric, keeping the parameters of its lowest value. */
    static final class EarlyStopping {
        private final Task task;
        private final MetricsLog log;
        private double bestValue = Double.POSITIVE_INFINITY;
        private int bestEpoch;
        private double[] bestParameters;

        EarlyStopping(Task task, MetricsLog log) {
            this.task = task;
            this.log = log;
        }

        /** Early stopping as a checkpoint left it. */
        EarlyStopping(Task task, MetricsLog log, int bestEpoch, double bestValue, double[] bestParameters) {
            this(task, log);
            this.bestEpoch = bestEpoch;
            this.bestValue = bestValue;
            this.bestParameters = bestParameters == null ? null : bestParameters.clone();
        }

        boolean isBest(int epoch) {
            if (task.stopPatience() == 0) {
                return false;
            }
            double value = log.last(task.stoppingMetric());
            if (value < bestValue) {
                bestValue = value;
                bestEpoch = epoch;
                return true;
            }
            return false;
        }

        void remember(double[] parameters) {
            bestParameters = parameters.clone();
        }

        boolean shouldStop(int epoch) {
            return task.stopPatience() > 0 && epoch - bestEpoch >= task.stopPatience();
        }

        int bestEpoch() {
            return bestEpoch;
        }

        double bestValue() {
            return bestValue;
        }

        double[] bestParameters() {
            return bestParameters;
        }
    }
}

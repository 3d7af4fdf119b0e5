package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.lab.report.FinalMetrics;
import org.rnnlab.lab.report.MetricsLog;
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

    /** The note a stopped run leaves in its folder. */
    public static final String STOPPED = "STOPPED.txt";

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
     * Between two minibatches it looks at {@code stop}; when a stop is requested it writes the
     * metrics logged so far and a STOPPED.txt, and throws.
     *
     * @throws TrainingDivergedException when the score becomes NaN or infinite; the run folder is left
     *                                   marked incomplete, with a FAILED.txt saying why
     * @throws TrainingStoppedException  when {@code stop} was requested; the folder is left incomplete
     *                                   with metrics.csv so far and STOPPED.txt
     * @throws RunFailedException        on any other failure once the folder exists (I/O, memory, DL4J);
     *                                   the folder is left incomplete with a FAILED.txt
     */
    public static RunOutcome run(ExperimentSettings settings, Task task, TrainableNetwork network, Path runsRoot,
                                 StopRequest stop) throws IOException {
        long start = System.nanoTime();
        String label = RunLabels.label(settings, network.implementation());
        if (stop.isRequested()) {
            throw new TrainingStoppedException(stop.reason(), label + ": not started", List.of());
        }
        RunFolder folder = RunFolder.create(runsRoot, settings.name() + "-" + network.implementation());
        LOG.info("{}: {} parameters, run folder {}", label, network.numParams(), folder.dir());

        MetricsLog log = new MetricsLog(task.epochMetricNames());
        Training training;
        Task.Evaluation evaluation;
        try {
            folder.writeText(SETTINGS, settings.fileText());
            training = train(settings, task, network, log, label, stop);
            evaluation = task.finish(network.model(), log, folder, label);
            folder.writeText("metrics.csv", log.toCsv());
            network.save(folder);
        } catch (TrainingStoppedException e) {
            folder.writeText("metrics.csv", log.toCsv());
            folder.writeText(STOPPED, stoppedText(label, e, log));
            throw new TrainingStoppedException(e.reason(), label + ": " + e.getMessage(), List.of(folder.dir()));
        } catch (TrainingDivergedException e) {
            folder.writeText("FAILED.txt", e.getMessage() + System.lineSeparator());
            folder.writeText("metrics.csv", log.toCsv());
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            leaveFailed(folder, label, log, e);
            throw new RunFailedException(label, folder.dir(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        metrics.put("epochs", (double) training.epochs());
        metrics.put("ms_per_epoch", training.fitNanos() / 1e6 / training.epochs());
        metrics.putAll(task.speedMetrics(training.epochs(), training.fitNanos() / 1e9));
        folder.writeText(FinalMetrics.FILE, FinalMetrics.toCsv(evaluation.metrics()));
        RunSummary.write(folder, settings, label, metrics, evaluation, seconds);
        Path completed = folder.complete();
        LOG.info("{}: done in {}s, results in {}", label, String.format("%.1f", seconds), completed);
        return new RunOutcome(new ResultRow(RunLabels.experiment(settings), settings.network().cell().key(),
                network.implementation(), metrics, seconds, ResultRow.OK), completed, log);
    }

    private static String stoppedText(String label, TrainingStoppedException e, MetricsLog log) {
        String n = System.lineSeparator();
        return label + " was stopped by " + e.reason().what() + " " + e.getMessage() + ", at "
                + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "." + n
                + "metrics.csv holds the " + log.size() + " evaluation(s) logged before the stop; the network was not saved."
                + n + "The folder keeps its .incomplete name because the run did not finish. rnnlab cannot resume a"
                + " run yet: a checkpoint-based resume would continue from the last checkpoint in this folder." + n;
    }

    /** Best effort: the folder says why the run failed, even when writing is what failed. */
    private static void leaveFailed(RunFolder folder, String label, MetricsLog log, Throwable e) {
        try {
            folder.writeText("FAILED.txt", label + " failed: " + Failure.describe(e) + System.lineSeparator());
            folder.writeText("metrics.csv", log.toCsv());
        } catch (IOException | RuntimeException | Error again) {
            LOG.warn("{}: could not record the failure in {}: {}", label, folder.dir(), again.toString());
        }
    }

    /** What the loop did: epochs run, and the time spent in fitting alone. */
    private record Training(int epochs, long fitNanos) {
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

    private static Training train(ExperimentSettings settings, Task task, TrainableNetwork network,
                                  MetricsLog log, String label, StopRequest stop) {
        int epochs = settings.training().epochs();
        DataSetIterator data = task.trainingData(settings.training().batch());
        if (task.sameDataEveryEpoch()) {
            data = inMemory(data);
        }
        ProgressMeter progress = new ProgressMeter(label, epochs);
        EarlyStopping stopping = new EarlyStopping(task, log);
        int interval = evaluationInterval(epochs);
        String lastMetrics = "";
        long fitNanos = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            data.reset();
            long fitStart = System.nanoTime();
            for (int minibatch = 1; data.hasNext(); minibatch++) {
                if (stop.isRequested()) {
                    throw new TrainingStoppedException(stop.reason(), "during epoch " + epoch + " of " + epochs
                            + ", after " + (minibatch - 1) + " minibatch(es) of it", List.of());
                }
                double score = network.fit(data.next(), epoch - 1);
                if (!Double.isFinite(score)) {
                    throw new TrainingDivergedException(label, epoch, "score " + score);
                }
                progress.within(epoch - 1, "minibatch " + minibatch);
            }
            fitNanos += System.nanoTime() - fitStart;
            task.epochEnded(epoch, network.model(), label);
            if (epoch % interval != 0 && epoch != epochs) {
                progress.update(epoch, lastMetrics.isEmpty() ? "" : "(last evaluated: " + lastMetrics + ")");
                continue;
            }
            double[] values = task.epochMetrics(network.model());
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new TrainingDivergedException(label, epoch, task.epochMetricNames().get(i) + " " + values[i]);
                }
            }
            log.add(epoch, values);
            lastMetrics = RunLabels.metricsText(task.epochMetricNames(), values);
            progress.update(epoch, lastMetrics);
            if (stopping.isBest(epoch)) {
                stopping.remember(network.parameters());
            }
            if (stopping.shouldStop(epoch)) {
                LOG.info("{}: stopping at epoch {}: no better {} for {} epochs; keeping epoch {}", label, epoch,
                        task.stoppingMetric(), task.stopPatience(), stopping.bestEpoch());
                restoreBest(network, stopping);
                return new Training(epoch, fitNanos);
            }
        }
        restoreBest(network, stopping);
        return new Training(epochs, fitNanos);
    }

    private static void restoreBest(TrainableNetwork network, EarlyStopping stopping) {
        if (stopping.bestParameters() != null) {
            network.setParameters(stopping.bestParameters());
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

        double[] bestParameters() {
            return bestParameters;
        }
    }
}

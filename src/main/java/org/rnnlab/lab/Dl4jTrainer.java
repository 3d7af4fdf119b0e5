package org.rnnlab.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.ProgressMeter;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one experiment with DL4J and writes its run folder.
 *
 * <ol>
 *   <li>Build the network from the settings ({@link NetworkFactory}) and the task's DataVec iterator.</li>
 *   <li>Each epoch: fit every minibatch, stop at once on a NaN or infinite score, then log the task's
 *       metrics; with early stopping, keep the parameters of the best epoch.</li>
 *   <li>Evaluate, plot, save the model, write metrics.csv and summary.md, and mark the folder complete.</li>
 * </ol>
 */
public final class Dl4jTrainer {

    /** The implementation column of the results table. */
    public static final String IMPLEMENTATION = "dl4j";

    /** At most this many evaluations (rows of metrics.csv) per run. */
    static final int MAX_EVALUATIONS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jTrainer.class);

    private Dl4jTrainer() {
    }

    /**
     * Runs the experiment.
     *
     * @throws TrainingDivergedException when the score becomes NaN or infinite; the run folder is left
     *                                   marked incomplete, with a note saying why
     */
    public static RunOutcome run(ExperimentSettings settings, Path runsRoot) throws IOException {
        Backend.configure();
        long start = System.nanoTime();
        String label = RunLabels.label(settings, IMPLEMENTATION);
        Task task = Tasks.of(settings);
        MultiLayerNetwork net = NetworkFactory.network(settings.network(), settings.training());
        SequenceModel model = new Dl4jModel(net);
        RunFolder folder = RunFolder.create(runsRoot, settings.name() + "-" + IMPLEMENTATION);
        LOG.info("{}: {} parameters, run folder {}", label, net.numParams(), folder.dir());

        MetricsLog log = new MetricsLog(task.epochMetricNames());
        int epochsRun;
        try {
            epochsRun = train(settings, task, net, model, log, label);
        } catch (TrainingDivergedException e) {
            folder.writeText("FAILED.txt", e.getMessage() + System.lineSeparator());
            folder.writeText("metrics.csv", log.toCsv());
            throw e;
        }

        Task.Evaluation evaluation = task.finish(model, log, folder, label);
        folder.writeText("metrics.csv", log.toCsv());
        folder.write("model.zip", file -> ModelSerializer.writeModel(net, file.toFile(), true));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        metrics.put("epochs", (double) epochsRun);
        RunSummary.write(folder, settings, label, metrics, evaluation, seconds);
        Path completed = folder.complete();
        LOG.info("{}: done in {}s, results in {}", label, String.format("%.1f", seconds), completed);
        return new RunOutcome(new ResultRow(RunLabels.experiment(settings), settings.network().cell().key(),
                IMPLEMENTATION, metrics, seconds, ResultRow.OK), completed);
    }

    /** Trains in place and returns the number of epochs run. */
    private static int train(ExperimentSettings settings, Task task, MultiLayerNetwork net, SequenceModel model,
                              MetricsLog log, String label) {
        int epochs = settings.training().epochs();
        DataSetIterator data = task.trainingData(settings.training().batch());
        ProgressMeter progress = new ProgressMeter(label, epochs);
        EarlyStopping stopping = new EarlyStopping(task, log);
        int interval = evaluationInterval(epochs);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            net.setEpochCount(epoch - 1);
            data.reset();
            while (data.hasNext()) {
                net.fit(data.next());
                double score = net.score();
                if (!Double.isFinite(score)) {
                    throw new TrainingDivergedException(label, epoch, "score " + score);
                }
            }
            if (epoch % interval != 0 && epoch != epochs) {
                continue;
            }
            double[] values = task.epochMetrics(model);
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new TrainingDivergedException(label, epoch, task.epochMetricNames().get(i) + " " + values[i]);
                }
            }
            log.add(epoch, values);
            progress.update(epoch, RunLabels.metricsText(task.epochMetricNames(), values));
            if (stopping.isBest(epoch)) {
                stopping.remember(net.params());
            }
            if (stopping.shouldStop(epoch)) {
                LOG.info("{}: stopping at epoch {}: no better {} for {} epochs; keeping epoch {}", label, epoch,
                        task.stoppingMetric(), task.stopPatience(), stopping.bestEpoch());
                restore(net, stopping);
                return epoch;
            }
        }
        restore(net, stopping);
        return epochs;
    }

    private static void restore(MultiLayerNetwork net, EarlyStopping stopping) {
        INDArray best = stopping.bestParameters();
        if (best != null) {
            net.setParams(best);
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
    private static final class EarlyStopping {
        private final Task task;
        private final MetricsLog log;
        private double bestValue = Double.POSITIVE_INFINITY;
        private int bestEpoch;
        private INDArray bestParameters;

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

        void remember(INDArray parameters) {
            bestParameters = parameters.dup();
        }

        boolean shouldStop(int epoch) {
            return task.stopPatience() > 0 && epoch - bestEpoch >= task.stopPatience();
        }

        int bestEpoch() {
            return bestEpoch;
        }

        INDArray bestParameters() {
            return bestParameters;
        }
    }
}

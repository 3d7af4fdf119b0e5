package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;

/**
 * The data and evaluation of one kind of experiment, independent of which implementation trains
 * the network. Training data always comes through a DataVec iterator.
 */
public interface Task {

    /** A DataVec-backed iterator over the training data; the trainer resets it every epoch. */
    DataSetIterator trainingData(int batch);

    /**
     * Whether {@link #trainingData} gives the same minibatches in the same order every epoch (no
     * random draws, no shuffling). The trainer then reads them through DataVec once and serves
     * later epochs from memory.
     */
    default boolean sameDataEveryEpoch() {
        return false;
    }

    /** Columns of the per-epoch log (without "epoch"). */
    List<String> epochMetricNames();

    /** The values of {@link #epochMetricNames()} for the model as it is now. */
    double[] epochMetrics(SequenceModel model);

    /** Epochs without a new lowest value of {@link #stoppingMetric()} before training stops; 0: never. */
    default int stopPatience() {
        return 0;
    }

    /** The per-epoch metric early stopping watches (lower is better), if {@link #stopPatience()} > 0. */
    default String stoppingMetric() {
        return null;
    }

    /**
     * Final metrics of the trained model, with the plots that show them written into the run folder.
     *
     * @param model the trained model
     * @param log   every epoch's metrics
     * @param folder where plots go
     * @param label  what the plots' titles call this run (experiment, cell, implementation)
     */
    Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException;

    /**
     * The final numbers, the plots made of them, and any text the summary shows after the plots.
     *
     * @param metrics name to value, in reading order
     * @param plots   caption to file name inside the run folder
     * @param notes   Markdown blocks for summary.md (tables, lists), in reading order; often none
     */
    record Evaluation(Map<String, Double> metrics, Map<String, String> plots, List<String> notes) {
        public Evaluation {
            metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
            plots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(plots));
            notes = List.copyOf(notes);
        }

        /** Numbers and plots without notes. */
        public Evaluation(Map<String, Double> metrics, Map<String, String> plots) {
            this(metrics, plots, List.of());
        }
    }
}

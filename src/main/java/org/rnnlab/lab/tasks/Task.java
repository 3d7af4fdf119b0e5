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

    /**
     * A task for another training of the same experiment: the same data, read once and shared, and
     * none of the state a training leaves in a task (the epochs it saw, the share of the data they
     * chose, the samples it drew). Every training of a prepared experiment (DL4J, Spark, scratch) gets
     * a fresh task, so that one training cannot shift the data or the results of the next. A task that
     * keeps nothing between epochs (its iterators made per call, its evaluation sets reset before each
     * use) returns itself.
     */
    Task fresh();

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
     * Called after every epoch's training, before any metrics: for work on the task's own schedule in
     * epochs (e.g. a text sample every few epochs), which {@link #epochMetrics} cannot keep because
     * it is not called every epoch.
     *
     * @param epoch the epoch just trained, from 1
     * @param label what logs call this run
     */
    default void epochEnded(int epoch, SequenceModel model, String label) {
    }

    /**
     * What the task keeps between epochs that a checkpoint must hold for training to go on exactly
     * (e.g. the text samples so far), as text; empty for a task that keeps nothing.
     */
    default String checkpointState() {
        return "";
    }

    /**
     * Brings a task just built to where the checkpointed one stood after {@code epochsDone} epochs,
     * before training goes on. By default, unless the data is the same every epoch, it reads and drops
     * the training data of those epochs from {@code data}, the iterator training goes on with, so that
     * a reader drawing at random continues its random stream exactly where it was (reading is cheap
     * next to training).
     *
     * @param state what {@link #checkpointState()} gave at the checkpoint
     */
    default void resume(int epochsDone, String state, DataSetIterator data) {
        if (sameDataEveryEpoch()) {
            return;
        }
        for (int epoch = 0; epoch < epochsDone; epoch++) {
            data.reset();
            while (data.hasNext()) {
                data.next();
            }
        }
    }

    /**
     * The task's success criterion, if it has one: studies check it after every epoch to count the
     * sequences a network needed before it held.
     */
    default java.util.Optional<SuccessCriterion> success() {
        return java.util.Optional.empty();
    }

    /**
     * Training speed in the task's own units (e.g. characters per second), for the results.
     *
     * @param epochs     epochs trained
     * @param fitSeconds seconds spent fitting minibatches (reading them included, evaluation not)
     */
    default Map<String, Double> speedMetrics(int epochs, double fitSeconds) {
        return Map.of();
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
     * The final numbers, the plots made of them, texts shown as they are and Markdown notes.
     *
     * @param metrics name to value, in reading order
     * @param plots   caption to file name inside the run folder
     * @param texts   heading to text shown verbatim in the run summary (e.g. generated samples)
     * @param notes   Markdown blocks for summary.md after the plots (tables, lists), in reading order
     */
    record Evaluation(Map<String, Double> metrics, Map<String, String> plots, Map<String, String> texts,
                      List<String> notes) {
        public Evaluation {
            metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
            plots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(plots));
            texts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(texts));
            notes = List.copyOf(notes);
        }

        /** Numbers and plots only. */
        public Evaluation(Map<String, Double> metrics, Map<String, String> plots) {
            this(metrics, plots, Map.of(), List.of());
        }

        /** Numbers, plots and verbatim texts. */
        public Evaluation(Map<String, Double> metrics, Map<String, String> plots, Map<String, String> texts) {
            this(metrics, plots, texts, List.of());
        }

        /** Numbers, plots and Markdown notes. */
        public Evaluation(Map<String, Double> metrics, Map<String, String> plots, List<String> notes) {
            this(metrics, plots, Map.of(), notes);
        }
    }
}

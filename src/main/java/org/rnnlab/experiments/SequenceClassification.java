package org.rnnlab.experiments;

import java.util.List;

/**
 * Sequence classification · which of six patterns a control chart series shows (SimpleRnn and
 * LSTM), on series of 60 steps and on the same series cut to 30..60 steps.
 *
 * <ol>
 *   <li>Read experiments/control-chart-{simplernn,lstm}.properties,
 *       experiments/control-chart-variable-lstm.properties and
 *       experiments/control-chart-variable-generated-lstm.properties (the same network trained on
 *       series drawn anew every epoch: what it can learn beyond 450 fixed series).</li>
 *   <li>Read the labelled sequences in data/control-chart/ and data/control-chart-variable/ through
 *       DataVec (one CSV file per sequence, padded at the end and masked where lengths differ), and
 *       standardise the inputs with the training set's mean and standard deviation.</li>
 *   <li>Train each with DL4J, then with the scratch network from DL4J's initial parameters on the
 *       same minibatches.</li>
 *   <li>Score the test series (accuracy, per-class precision, recall and F1, macro F1, confusion
 *       matrix), write a run folder per network under target/runs/ and print the results table.</li>
 * </ol>
 * Run it from the project root (an IDE's default); other settings files may be named as arguments,
 * such as experiments/control-chart-variable-simplernn.properties.
 */
public final class SequenceClassification {

    static final Usage USAGE = Experiments.trainingUsage(SequenceClassification.class,
            "Trains networks to tell which of six patterns a control chart series shows, on series of 60"
                    + " steps and cut to 30..60, and prints the results table (accuracy, F1, confusion matrix).",
            List.of("control-chart-simplernn", "control-chart-lstm", "control-chart-variable-lstm",
                    "control-chart-variable-generated-lstm"));

    private SequenceClassification() {
    }

    public static void main(String[] args) {
        Experiments.main(args, SequenceClassification::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

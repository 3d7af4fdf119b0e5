package org.rnnlab.data.generate;

/**
 * One sequence drawn by a generator: its input steps and its label steps, as plain numbers.
 *
 * @param features one row per time step, one column per input feature
 * @param labels   one row per label step (a single row for a many-to-one sequence, one per input
 *                 step for a many-to-many one), one column per label value; a class label is one
 *                 column holding the class index
 */
public record GeneratedSequence(double[][] features, double[][] labels) {

    public GeneratedSequence {
        if (features.length == 0 || labels.length == 0) {
            throw new IllegalArgumentException("a generated sequence needs at least one input and one label step");
        }
    }
}

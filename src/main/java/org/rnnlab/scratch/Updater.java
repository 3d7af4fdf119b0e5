package org.rnnlab.scratch;

import org.rnnlab.spec.TrainingSpec;

/** A parameter update rule: turns a (minibatch-averaged, clipped) gradient into a step on the parameters. */
public interface Updater {

    /**
     * Applies one update in place.
     *
     * @param params    parameters, changed in place
     * @param gradient  gradient of the same length; not changed
     * @param iteration number of updates made before this one (0 for the first)
     */
    void step(double[] params, double[] gradient, int iteration);

    /**
     * The rule's state between two steps, flat (Adam: its first moments, then its second moments;
     * SGD: nothing), so that a training run can be saved and continued exactly.
     */
    double[] state();

    /**
     * Puts back a state returned by {@link #state()} of a rule of the same kind and size.
     *
     * @throws IllegalArgumentException if the state has the wrong length
     */
    void setState(double[] state);

    /** The updater the training spec names, for {@code size} parameters. */
    static Updater of(TrainingSpec training, int size) {
        return switch (training.updater()) {
            case SGD -> new SgdUpdater(training.learningRate());
            case ADAM -> new AdamUpdater(training.learningRate(), TrainingSpec.ADAM_BETA1, TrainingSpec.ADAM_BETA2,
                    TrainingSpec.ADAM_EPSILON, size);
        };
    }
}

package org.rnnlab.spec;

/**
 * Loss of the output layer, with DL4J's scaling: per (example, step) the loss is summed over
 * output units (MSE divides that sum by nOut), the score sums over steps and averages over the
 * minibatch.
 */
public enum LossKind {
    /** Mean squared error over output units: Σ(ŷ−y)² / nOut. */
    MSE("mse"),
    /** Binary cross-entropy, for sigmoid outputs: −Σ[y·ln ŷ + (1−y)·ln(1−ŷ)]. */
    XENT("xent"),
    /** Multi-class cross-entropy, for softmax outputs: −Σ y·ln ŷ. */
    MCXENT("mcxent");

    private final String key;

    LossKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The output activation this loss is defined for, or null when it takes any. */
    public OutputActivation requiredActivation() {
        return switch (this) {
            case MSE -> null;
            case XENT -> OutputActivation.SIGMOID;
            case MCXENT -> OutputActivation.SOFTMAX;
        };
    }
}

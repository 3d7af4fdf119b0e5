package org.rnnlab.spec;

/** Parameter update rule. */
public enum UpdaterKind {
    /** θ ← θ − lr·g. */
    SGD("sgd"),
    /** Adam with ND4J's formulas (bias-corrected step size, epsilon added to sqrt(v)). */
    ADAM("adam");

    private final String key;

    UpdaterKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

package org.rnnlab.spec;

/** Activation of the dense output layer. */
public enum OutputActivation {
    IDENTITY("identity"),
    SIGMOID("sigmoid"),
    SOFTMAX("softmax");

    private final String key;

    OutputActivation(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

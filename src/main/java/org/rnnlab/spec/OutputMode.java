package org.rnnlab.spec;

/** Where the dense output layer reads the last hidden layer. */
public enum OutputMode {
    /** Many-to-one: one output per sequence, from its last (unmasked) step. */
    LAST_STEP("last"),
    /** Many-to-many: one output per time step. */
    EVERY_STEP("every");

    private final String key;

    OutputMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

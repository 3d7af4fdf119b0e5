package org.rnnlab.spec;

/**
 * The floating-point type a network trains in. Double is the default and the type of every
 * cross-check to the last digits; float halves the memory traffic and doubles the lanes of a
 * vector instruction, a speed option whose agreement is proved to a float tolerance.
 */
public enum Precision {
    /** 64-bit: the reference experiments and every comparison to the last digits. */
    DOUBLE("double"),
    /** 32-bit: DL4J's network and data in FLOAT, the scratch network's parameters, activations and gradients in float. */
    FLOAT("float");

    private final String key;

    Precision(String key) {
        this.key = key;
    }

    /** The value of the settings key. */
    public String key() {
        return key;
    }

    /** The unit roundoff u = 2^-(p): half the distance from 1 to the next number (2^-53 or 2^-24). */
    public double unitRoundoff() {
        return this == DOUBLE ? 0x1p-53 : 0x1p-24;
    }
}

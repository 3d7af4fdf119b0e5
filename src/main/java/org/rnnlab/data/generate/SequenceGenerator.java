package org.rnnlab.data.generate;

import java.util.Random;

/** Draws random sequences of one task; every draw comes from the given random source only. */
@FunctionalInterface
public interface SequenceGenerator {

    /** One sequence, drawn with {@code random}. */
    GeneratedSequence draw(Random random);
}

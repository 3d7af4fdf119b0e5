package org.rnnlab.data.generate;

import java.util.Random;

/**
 * Hochreiter and Schmidhuber's temporal order problem, task 6a (1997): symbols one-hot over
 * {@link #SYMBOLS}. A sequence of 100 to 110 symbols starts with E and ends with B (the trigger to
 * answer); in between every symbol is one of a, b, c, d drawn uniformly, except at two positions
 * that hold X or Y (each drawn with probability 1/2): the first at a step drawn from 10..20, the
 * second from 50..60 (steps counted from 0, so at least ten distractors come first). The class,
 * read at the last step, is the order of the two: XX (0), XY (1), YX (2) or YY (3). The network must
 * hold what it saw for 30 to 50 steps of distractors and then for 40 to 60 more.
 */
public final class TemporalOrder {

    /** The alphabet, in the order of the one-hot columns. */
    public static final String SYMBOLS = "abcdBEXY";
    /** Classes: XX, XY, YX, YY. */
    public static final int CLASSES = 4;
    /** Shortest and longest sequences. */
    public static final int MIN_LENGTH = 100;
    public static final int MAX_LENGTH = 110;
    /** Where the first and the second X/Y may stand (inclusive). */
    public static final int FIRST_FROM = 10;
    public static final int FIRST_TO = 20;
    public static final int SECOND_FROM = 50;
    public static final int SECOND_TO = 60;

    private TemporalOrder() {
    }

    /** The generator of task 6a. */
    public static SequenceGenerator generator() {
        return TemporalOrder::draw;
    }

    /** The symbols of a drawn sequence, read back from its one-hot rows. */
    public static String symbols(GeneratedSequence sequence) {
        StringBuilder text = new StringBuilder();
        for (double[] step : sequence.features()) {
            for (int k = 0; k < step.length; k++) {
                if (step[k] == 1) {
                    text.append(SYMBOLS.charAt(k));
                }
            }
        }
        return text.toString();
    }

    private static GeneratedSequence draw(Random random) {
        int length = MIN_LENGTH + random.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
        char[] symbols = new char[length];
        symbols[0] = 'E';
        symbols[length - 1] = 'B';
        for (int t = 1; t < length - 1; t++) {
            symbols[t] = SYMBOLS.charAt(random.nextInt(4));
        }
        int first = FIRST_FROM + random.nextInt(FIRST_TO - FIRST_FROM + 1);
        int second = SECOND_FROM + random.nextInt(SECOND_TO - SECOND_FROM + 1);
        boolean firstY = random.nextBoolean();
        boolean secondY = random.nextBoolean();
        symbols[first] = firstY ? 'Y' : 'X';
        symbols[second] = secondY ? 'Y' : 'X';
        double[][] steps = new double[length][SYMBOLS.length()];
        for (int t = 0; t < length; t++) {
            steps[t][SYMBOLS.indexOf(symbols[t])] = 1;
        }
        int label = (firstY ? 2 : 0) + (secondY ? 1 : 0);
        return new GeneratedSequence(steps, new double[][] {{label}});
    }
}

package org.rnnlab.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The embedded Reber grammar (Cleeremans, Servan-Schreiber and McClelland 1989; Hochreiter and
 * Schmidhuber 1997, experiment 1): strings over {@link #SYMBOLS}, next-symbol prediction at every step.
 *
 * <p>A Reber string is a walk through this automaton from state 0, each of two arcs taken with
 * probability 1/2: 0 -B-> 1; 1 -T-> 2, 1 -P-> 3; 2 -S-> 2, 2 -X-> 4; 3 -T-> 3, 3 -V-> 5;
 * 4 -X-> 3, 4 -S-> 6; 5 -P-> 4, 5 -V-> 6; 6 -E-> end. An embedded string is B, then T or P, then a
 * Reber string, then the same T or P again, then E. Its inputs are every symbol but the last; the
 * label at each step is the set of symbols that may come next, as a multi-hot row. All of them are
 * two-way choices except the second-to-last symbol, which repeats the second one: to predict it a
 * network must remember that symbol across the whole inner string.
 */
public final class EmbeddedReber {

    /** The alphabet, in the order of the one-hot and multi-hot columns. */
    public static final String SYMBOLS = "BTPSXVE";

    /** Arcs of the inner grammar: for each state, the two (symbol, next state) pairs; -1 ends. */
    private static final char[][] SYMBOL_OF = {{'B'}, {'T', 'P'}, {'S', 'X'}, {'T', 'V'}, {'X', 'S'}, {'P', 'V'}, {'E'}};
    private static final int[][] NEXT_STATE = {{1}, {2, 3}, {2, 4}, {3, 5}, {3, 6}, {4, 6}, {-1}};

    private EmbeddedReber() {
    }

    /** The generator of embedded strings as sequences (one-hot inputs, multi-hot possible next symbols). */
    public static SequenceGenerator generator() {
        return random -> sequence(string(random));
    }

    /** One embedded Reber string drawn with {@code random}. */
    public static String string(Random random) {
        char branch = random.nextBoolean() ? 'T' : 'P';
        StringBuilder text = new StringBuilder().append('B').append(branch);
        for (int state = 0; state >= 0; ) {
            int arc = SYMBOL_OF[state].length == 1 ? 0 : random.nextInt(2);
            text.append(SYMBOL_OF[state][arc]);
            state = NEXT_STATE[state][arc];
        }
        return text.append(branch).append('E').toString();
    }

    /** The symbols that may follow each prefix {@code text[0..t]}, for t = 0 .. length-2. */
    public static List<String> possibleNext(String text) {
        List<String> next = new ArrayList<>();
        char branch = text.charAt(1);
        next.add("TP");
        int state = 0;
        for (int t = 1; t < text.length() - 1; t++) {
            if (t == 1) {
                next.add("B");
                continue;
            }
            if (state < 0) {
                if (text.charAt(t) != branch || t != text.length() - 2 || text.charAt(t + 1) != 'E') {
                    throw new IllegalArgumentException("'" + text + "' is not an embedded Reber string: after the "
                            + "inner string it must repeat '" + branch + "' and end with E");
                }
                next.add("E");
                continue;
            }
            int arc = new String(SYMBOL_OF[state]).indexOf(text.charAt(t));
            if (arc < 0) {
                throw new IllegalArgumentException("'" + text + "' is not an embedded Reber string: '"
                        + text.charAt(t) + "' at position " + t);
            }
            state = NEXT_STATE[state][arc];
            next.add(state < 0 ? String.valueOf(branch) : new String(SYMBOL_OF[state]));
        }
        return next;
    }

    /** An embedded string as a sequence: one-hot inputs, and the possible next symbols as labels. */
    public static GeneratedSequence sequence(String text) {
        List<String> next = possibleNext(text);
        double[][] features = new double[text.length() - 1][SYMBOLS.length()];
        double[][] labels = new double[text.length() - 1][SYMBOLS.length()];
        for (int t = 0; t < features.length; t++) {
            features[t][SYMBOLS.indexOf(text.charAt(t))] = 1;
            for (char symbol : next.get(t).toCharArray()) {
                labels[t][SYMBOLS.indexOf(symbol)] = 1;
            }
        }
        return new GeneratedSequence(features, labels);
    }
}

package org.rnnlab.data.files;

import java.util.Arrays;

/** Baselines a character-level model should beat, computed from the text alone. */
public final class TextStatistics {

    private TextStatistics() {
    }

    /**
     * The entropy in bits per character of text[from, to) under its own character frequencies:
     * H = −Σ p(c)·log2 p(c), p(c) = count(c) / (to − from). It is the cross-entropy of the best
     * model that ignores context (each character drawn independently), so a model that uses context
     * should get below it on the same text.
     */
    public static double unigramEntropyBits(int[] text, int from, int to) {
        if (from < 0 || to > text.length || from >= to) {
            throw new IllegalArgumentException("span " + from + ".." + to + " of a text of " + text.length
                    + " characters must hold at least one character");
        }
        int[] sorted = Arrays.copyOfRange(text, from, to);
        Arrays.sort(sorted);
        double n = sorted.length;
        double bits = 0;
        int runStart = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] != sorted[runStart]) {
                double p = (i - runStart) / n;
                bits -= p * StrictMath.log(p);
                runStart = i;
            }
        }
        return bits / StrictMath.log(2);
    }
}

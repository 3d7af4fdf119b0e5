package org.rnnlab.data.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Experiment E1, "count the letter a": strings over {a, b, c}, label 1 when the number of a's is
 * odd. Holds the alphabet and its one-hot code, the labelling rule and the original train and test
 * strings.
 */
public final class LetterStrings {

    /** The letters, in lexicographic order. */
    public static final String ALPHABET = "abc";
    /** Features per time step: one per letter. */
    public static final int FEATURES = ALPHABET.length();
    /** Length of the strings of the original experiment. */
    public static final int LENGTH = 4;
    /** The longest strings {@link #allStrings(int)} builds (3^12 = 531441 of them). */
    public static final int MAX_ALL_STRINGS_LENGTH = 12;

    /** The original 12 training strings, in the original order. */
    public static final List<String> TRAIN = List.of(
            "bbcb", "cbcb", "bcbc", "cbbc", "ccbc", "bacb", "ccba", "acbc", "cbac", "baab", "aabc", "acaa");
    /** The original 4 test strings (the second one as its stored one-hot rows spell it). */
    public static final List<String> TEST = List.of("bccb", "ccbc", "bcac", "bacb");

    private LetterStrings() {
    }

    /** Whether {@code letter} belongs to the alphabet. */
    public static boolean inAlphabet(char letter) {
        return ALPHABET.indexOf(letter) >= 0;
    }

    /**
     * The one-hot code of a letter as the original experiment stored it, in reverse alphabet
     * order: a = [0,0,1], b = [0,1,0], c = [1,0,0].
     */
    public static double[] oneHot(char letter) {
        int index = ALPHABET.indexOf(letter);
        if (index < 0) {
            throw new IllegalArgumentException("letter '" + letter + "' is not in the alphabet " + alphabetText());
        }
        double[] code = new double[FEATURES];
        code[FEATURES - 1 - index] = 1.0;
        return code;
    }

    /** 1 when {@code letters} holds an odd number of a's, else 0. */
    public static int label(String letters) {
        int count = 0;
        for (char letter : letters.toCharArray()) {
            if (!inAlphabet(letter)) {
                throw new IllegalArgumentException("letter '" + letter + "' in '" + letters
                        + "' is not in the alphabet " + alphabetText());
            }
            if (letter == 'a') {
                count++;
            }
        }
        return count % 2;
    }

    /** Each string with its parity label, in the given order. */
    public static List<LetterExample> labelled(List<String> strings) {
        List<LetterExample> examples = new ArrayList<>(strings.size());
        for (String letters : strings) {
            examples.add(new LetterExample(letters, label(letters)));
        }
        return examples;
    }

    /** Every string of {@code length} letters, in lexicographic order (aa..a first, cc..c last). */
    public static List<String> allStrings(int length) {
        if (length < 1 || length > MAX_ALL_STRINGS_LENGTH) {
            throw new IllegalArgumentException("string length must be 1.." + MAX_ALL_STRINGS_LENGTH + ", got " + length);
        }
        List<String> strings = new ArrayList<>();
        strings.add("");
        for (int position = 0; position < length; position++) {
            List<String> longer = new ArrayList<>(strings.size() * FEATURES);
            for (String prefix : strings) {
                for (char letter : ALPHABET.toCharArray()) {
                    longer.add(prefix + letter);
                }
            }
            strings = longer;
        }
        return strings;
    }

    /** The alphabet as a person reads it: {a, b, c}. */
    static String alphabetText() {
        return "{" + String.join(", ", ALPHABET.split("")) + "}";
    }
}

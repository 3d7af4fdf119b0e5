package org.rnnlab.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.data.files.LetterExample;
import org.rnnlab.data.files.LetterStrings;

/**
 * What a set of labelled letter strings says about the rule behind it, asked of the simplest
 * machines that read strings: deterministic finite automata over {a, b, c} with a few states.
 *
 * <p>Every automaton with {@code n} states (start state 0, one successor per state and letter, any
 * set of accepting states) is tried against the labelled strings; those that label all of them
 * correctly are kept. How the kept ones label a wider set of strings shows whether the labelled
 * strings pin the rule down among machines of that size. E1's 12 training strings do for two
 * states (parity is the only two-state rule that fits them) but not for three.
 */
public final class LetterAutomata {

    /** More states would mean (n^n)^3 · 2^n candidates: 4 states already give 268 million. */
    public static final int MAX_STATES = 3;

    private LetterAutomata() {
    }

    /**
     * One automaton.
     *
     * @param next      next[letter][state], letters in {@link LetterStrings#ALPHABET} order
     * @param accepting bit s set when state s labels a string 1
     */
    public record Automaton(int[][] next, int accepting) {

        /** The label of {@code letters}: 1 when reading them from state 0 ends in an accepting state. */
        public int label(String letters) {
            int state = 0;
            for (int i = 0; i < letters.length(); i++) {
                int letter = LetterStrings.ALPHABET.indexOf(letters.charAt(i));
                if (letter < 0) {
                    throw new IllegalArgumentException("letter '" + letters.charAt(i) + "' in '" + letters
                            + "' is not in the alphabet " + LetterStrings.ALPHABET);
                }
                state = next[letter][state];
            }
            return (accepting >> state) & 1;
        }
    }

    /**
     * How the automata of one size that fit some labelled strings label others.
     *
     * @param states      states per automaton
     * @param consistent  automata that label every fitted string correctly (state renamings counted
     *                    separately)
     * @param labellings  distinct ways those automata label the wider strings, with how many
     *                    automata give each; keys are the labels as a string of 0s and 1s
     */
    public record Census(int states, long consistent, Map<String, Long> labellings) {

        /** Whether one of the consistent automata labels every wider string as {@code expected} does. */
        public boolean includes(List<LetterExample> expected) {
            return labellings.containsKey(labelString(expected));
        }

        /** The fewest wider strings any consistent automaton gets right, against {@code expected}. */
        public int fewestCorrect(List<LetterExample> expected) {
            String truth = labelString(expected);
            int fewest = truth.length();
            for (String labelling : labellings.keySet()) {
                int correct = 0;
                for (int i = 0; i < truth.length(); i++) {
                    if (labelling.charAt(i) == truth.charAt(i)) {
                        correct++;
                    }
                }
                fewest = Math.min(fewest, correct);
            }
            return fewest;
        }
    }

    /**
     * Every automaton with {@code states} states that labels all of {@code fitted} correctly, and
     * how they label {@code wider}.
     */
    public static Census census(List<LetterExample> fitted, List<LetterExample> wider, int states) {
        if (states < 1 || states > MAX_STATES) {
            throw new IllegalArgumentException("automata of 1 to " + MAX_STATES + " states can be enumerated, not "
                    + states);
        }
        int letters = LetterStrings.ALPHABET.length();
        int maps = pow(states, states);
        int[] choice = new int[letters];
        long consistent = 0;
        Map<String, Long> labellings = new LinkedHashMap<>();
        long combinations = pow(maps, letters);
        for (long code = 0; code < combinations; code++) {
            long rest = code;
            for (int l = 0; l < letters; l++) {
                choice[l] = (int) (rest % maps);
                rest /= maps;
            }
            int[][] next = new int[letters][];
            for (int l = 0; l < letters; l++) {
                next[l] = stateMap(choice[l], states);
            }
            for (int accepting = 0; accepting < (1 << states); accepting++) {
                Automaton automaton = new Automaton(next, accepting);
                if (fits(automaton, fitted)) {
                    consistent++;
                    labellings.merge(labels(automaton, wider), 1L, Long::sum);
                }
            }
        }
        return new Census(states, consistent, labellings);
    }

    private static boolean fits(Automaton automaton, List<LetterExample> examples) {
        for (LetterExample example : examples) {
            if (automaton.label(example.sequence()) != example.label()) {
                return false;
            }
        }
        return true;
    }

    private static String labels(Automaton automaton, List<LetterExample> strings) {
        StringBuilder labels = new StringBuilder(strings.size());
        for (LetterExample example : strings) {
            labels.append(automaton.label(example.sequence()));
        }
        return labels.toString();
    }

    private static String labelString(List<LetterExample> examples) {
        List<String> labels = new ArrayList<>(examples.size());
        for (LetterExample example : examples) {
            labels.add(Integer.toString(example.label()));
        }
        return String.join("", labels);
    }

    /** The code-th map from states to states, base {@code states} digits, state 0 lowest. */
    private static int[] stateMap(int code, int states) {
        int[] map = new int[states];
        for (int s = 0; s < states; s++) {
            map[s] = code % states;
            code /= states;
        }
        return map;
    }

    private static int pow(int base, int exponent) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}

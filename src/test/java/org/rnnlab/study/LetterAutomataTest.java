package org.rnnlab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.data.files.LetterExample;
import org.rnnlab.data.files.LetterStrings;

/** The automata census: which small automata fit labelled strings, and what they say about others. */
class LetterAutomataTest {

    private static final List<LetterExample> TRAIN = LetterStrings.labelled(LetterStrings.TRAIN);
    private static final List<LetterExample> ALL = LetterStrings.labelled(LetterStrings.allStrings(4));

    @Test
    void parityIsTheOnlyTwoStateRuleThatFitsTheTrainingStrings() {
        LetterAutomata.Census census = LetterAutomata.census(TRAIN, ALL, 2);
        // the parity automaton and its copy with the two states renamed
        assertEquals(2, census.consistent());
        assertEquals(1, census.labellings().size());
        assertTrue(census.includes(ALL));
        assertEquals(81, census.fewestCorrect(ALL));
    }

    @Test
    void threeStatesFitTheTrainingStringsInWaysThatDisagreeOnTheWideSet() {
        LetterAutomata.Census census = LetterAutomata.census(TRAIN, ALL, 3);
        assertTrue(census.includes(ALL));
        assertTrue(census.labellings().size() > 1, "more than one labelling of the 81");
        assertTrue(census.fewestCorrect(ALL) < 81);
        assertEquals(census.consistent(), census.labellings().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void noOneStateRuleFitsStringsWithBothLabels() {
        assertEquals(0, LetterAutomata.census(TRAIN, ALL, 1).consistent());
    }

    @Test
    void aRuleOtherThanParityIsFoundFromAllItsStrings() {
        // "ends in b": two states suffice, and with every string of length 3 labelled there is one labelling
        List<LetterExample> endsInB = new ArrayList<>();
        for (String letters : LetterStrings.allStrings(3)) {
            endsInB.add(new LetterExample(letters, letters.endsWith("b") ? 1 : 0));
        }
        LetterAutomata.Census census = LetterAutomata.census(endsInB, endsInB, 2);
        assertTrue(census.consistent() > 0);
        assertEquals(1, census.labellings().size());
        assertTrue(census.includes(endsInB));
        assertFalse(census.includes(LetterStrings.labelled(LetterStrings.allStrings(3))));
    }

    @Test
    void anAutomatonReadsStringsFromStateZero() {
        // state 0 even, state 1 odd: 'a' swaps, 'b' and 'c' stay
        LetterAutomata.Automaton parity = new LetterAutomata.Automaton(
                new int[][] {{1, 0}, {0, 1}, {0, 1}}, 0b10);
        for (LetterExample example : ALL) {
            assertEquals(example.label(), parity.label(example.sequence()), example.sequence());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> parity.label("abd"));
        assertTrue(bad.getMessage().contains("'d'"), bad.getMessage());
    }

    @Test
    void sizesOutsideTheEnumerableRangeAreRefused() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> LetterAutomata.census(TRAIN, ALL, LetterAutomata.MAX_STATES + 1));
        assertTrue(tooMany.getMessage().contains("1 to " + LetterAutomata.MAX_STATES), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LetterAutomata.census(TRAIN, ALL, 0));
    }
}

package org.rnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The E1 alphabet, its one-hot code and the parity rule. */
class LetterParityTest {

    @Test
    void oneHotCodeIsTheOriginalReversedOrder() {
        assertArrayEquals(new double[] {0, 0, 1}, LetterParity.oneHot('a'));
        assertArrayEquals(new double[] {0, 1, 0}, LetterParity.oneHot('b'));
        assertArrayEquals(new double[] {1, 0, 0}, LetterParity.oneHot('c'));
        assertThrows(IllegalArgumentException.class, () -> LetterParity.oneHot('d'));
    }

    @Test
    void labelIsOneForAnOddNumberOfAs() {
        assertEquals(0, LetterParity.label("bbcb"));
        assertEquals(1, LetterParity.label("bacb"));
        assertEquals(0, LetterParity.label("baab"));
        assertEquals(1, LetterParity.label("acaa"));
        assertThrows(IllegalArgumentException.class, () -> LetterParity.label("abx"));
    }

    @Test
    void allStringsAreInLexicographicOrder() {
        assertEquals(List.of("aa", "ab", "ac", "ba", "bb", "bc", "ca", "cb", "cc"), LetterParity.allStrings(2));
        assertEquals(81, LetterParity.allStrings(4).size());
        assertThrows(IllegalArgumentException.class, () -> LetterParity.allStrings(0));
    }

    @Test
    void examplesRejectLettersAndLabelsTheFileFormatForbids() {
        assertThrows(IllegalArgumentException.class, () -> new LetterExample("abd", 0));
        assertThrows(IllegalArgumentException.class, () -> new LetterExample("", 0));
        assertThrows(IllegalArgumentException.class, () -> new LetterExample("ab", 2));
    }
}

package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The E1 alphabet, its one-hot code and the parity rule. */
class LetterStringsTest {

    @Test
    void oneHotCodeIsTheOriginalReversedOrder() {
        assertArrayEquals(new double[] {0, 0, 1}, LetterStrings.oneHot('a'));
        assertArrayEquals(new double[] {0, 1, 0}, LetterStrings.oneHot('b'));
        assertArrayEquals(new double[] {1, 0, 0}, LetterStrings.oneHot('c'));
        assertThrows(IllegalArgumentException.class, () -> LetterStrings.oneHot('d'));
    }

    @Test
    void labelIsOneForAnOddNumberOfAs() {
        assertEquals(0, LetterStrings.label("bbcb"));
        assertEquals(1, LetterStrings.label("bacb"));
        assertEquals(0, LetterStrings.label("baab"));
        assertEquals(1, LetterStrings.label("acaa"));
        assertThrows(IllegalArgumentException.class, () -> LetterStrings.label("abx"));
    }

    @Test
    void allStringsAreInLexicographicOrder() {
        assertEquals(List.of("aa", "ab", "ac", "ba", "bb", "bc", "ca", "cb", "cc"), LetterStrings.allStrings(2));
        assertEquals(81, LetterStrings.allStrings(4).size());
        assertThrows(IllegalArgumentException.class, () -> LetterStrings.allStrings(0));
    }

    @Test
    void examplesRejectLettersAndLabelsTheFileFormatForbids() {
        assertThrows(IllegalArgumentException.class, () -> new LetterExample("abd", 0));
        assertThrows(IllegalArgumentException.class, () -> new LetterExample("", 0));
        assertThrows(IllegalArgumentException.class, () -> new LetterExample("ab", 2));
    }
}

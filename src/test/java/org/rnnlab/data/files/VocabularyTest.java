package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.data.files.DataFileAssertions.assertMessage;
import static org.rnnlab.data.files.DataFileAssertions.failsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Characters as code points with indices, their file form, and what happens to a character it does not know. */
class VocabularyTest {

    private static final String GRIN = "\uD83D\uDE00";

    @TempDir
    Path dir;

    @Test
    void charactersAreTheDistinctCodePointsInAscendingOrder() {
        Vocabulary vocabulary = Vocabulary.of("banana\n");
        assertEquals(4, vocabulary.size());
        assertEquals("\n", vocabulary.character(0));
        assertEquals(1, vocabulary.index('a'));
        assertEquals('n', vocabulary.codePoint(3));
        assertEquals(-1, vocabulary.indexOf('z'));
        assertFalse(vocabulary.contains('z'));
    }

    @Test
    void aCharacterOutsideTheBmpIsOneCharacterWithOneIndex() {
        String text = "a" + GRIN + "b" + GRIN;
        assertEquals(6, text.length(), "Java stores the emoji as two chars");
        Vocabulary vocabulary = Vocabulary.of(text);
        assertEquals(3, vocabulary.size());
        assertEquals(2, vocabulary.index(0x1F600));
        assertEquals(GRIN, vocabulary.character(2));
        int[] codePoints = text.codePoints().toArray();
        int[] indices = vocabulary.encode(codePoints, 0, codePoints.length);
        assertArrayEquals(new int[] {0, 2, 1, 2}, indices);
        assertEquals(text, vocabulary.decode(indices));
    }

    @Test
    void testUnpairedSurrogateIsNotACharacter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.of("a\uD800b"));
        assertMessage(e, "position 1", "unpaired surrogate U+D800");
    }

    @Test
    void fileRoundTripKeepsNewlineSpaceTabAndNonBmpCharacters() throws IOException {
        Vocabulary vocabulary = Vocabulary.of("two words\n\tand " + GRIN + "\r\n");
        Path file = dir.resolve("vocabulary.txt");
        vocabulary.write(file);
        assertEquals(vocabulary, Vocabulary.read(file));
        String text = Files.readString(file);
        assertTrue(text.startsWith("# rnnlab vocabulary: "), text);
        assertTrue(text.contains("\n9\n10\n13\n32\n"), "tab, newline, carriage return and space as numbers: " + text);
        assertTrue(text.endsWith("\n128512\n"), text);
    }

    @Test
    void testUnknownCharacterIsNamedEscapedWithItsPosition() {
        Vocabulary vocabulary = Vocabulary.of("abc");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> vocabulary.index('\t')),
                "character '\\t' (U+0009) is not in the vocabulary of 3 characters");
        int[] text = ("ab" + GRIN).codePoints().toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vocabulary.encode(text, 0, 3));
        assertMessage(e, "'" + GRIN + "' (U+1F600)", "at position 2");
    }

    @Test
    void testVocabularyFileWithALineThatIsNotACodePoint() throws IOException {
        Path letter = write("letter.txt", "97\na\n");
        assertMessage(failsWith(() -> Vocabulary.read(letter), letter, 2), "'a'", "decimal number in 0..1114111");
        Path tooLarge = write("large.txt", "1114112\n");
        assertMessage(failsWith(() -> Vocabulary.read(tooLarge), tooLarge, 1), "'1114112'");
        Path surrogate = write("surrogate.txt", "55296\n");
        assertMessage(failsWith(() -> Vocabulary.read(surrogate), surrogate, 1), "U+D800", "surrogate");
    }

    @Test
    void testVocabularyFileOutOfOrderOrRepeated() throws IOException {
        Path unsorted = write("unsorted.txt", "# header\n98\n97\n");
        assertMessage(failsWith(() -> Vocabulary.read(unsorted), unsorted, 3), "97 after 98 on line 2", "ascending");
        Path twice = write("twice.txt", "97\n97\n");
        assertMessage(failsWith(() -> Vocabulary.read(twice), twice, 2), "each once");
        Path empty = write("empty.txt", "# no characters\n");
        assertMessage(failsWith(() -> Vocabulary.read(empty), empty, 0), "holds no characters");
    }

    @Test
    void unigramEntropyIsTheBitsOfTheCharacterFrequencies() {
        assertEquals(1.0, entropy("abab"), 1e-15);
        assertEquals(0.0, entropy("aaaa"), 0.0);
        assertEquals(2.0, entropy("abcd"), 1e-15);
        double pA = 0.75;
        assertEquals(-(pA * Math.log(pA) + 0.25 * Math.log(0.25)) / Math.log(2), entropy("aaab"), 1e-15);
        int[] text = "xxabab".codePoints().toArray();
        assertEquals(1.0, TextStatistics.unigramEntropyBits(text, 2, 6), 1e-15, "only the span counts");
        assertThrows(IllegalArgumentException.class, () -> TextStatistics.unigramEntropyBits(text, 3, 3));
    }

    private static double entropy(String text) {
        int[] codePoints = text.codePoints().toArray();
        return TextStatistics.unigramEntropyBits(codePoints, 0, codePoints.length);
    }

    private Path write(String name, String text) throws IOException {
        return DataFileAssertions.write(dir, name, text);
    }
}

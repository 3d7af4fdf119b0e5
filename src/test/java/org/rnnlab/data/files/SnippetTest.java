package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnippetTest {

    @Test
    void testControlCharactersAreEscaped() {
        assertEquals("a\\u0000b\\nc\\td\\u001B", Snippet.of("a\u0000b\nc\td\u001b"));
    }

    @Test
    void testLongTextIsCutAndSaysHowMuchWasLeftOut() {
        String shown = Snippet.of("x".repeat(Snippet.MAX_SHOWN + 25));

        assertTrue(shown.startsWith("x".repeat(Snippet.MAX_SHOWN) + "..."), shown);
        assertTrue(shown.endsWith("(25 more characters)"), shown);
    }

    @Test
    void testPlainTextAndCharactersBeyondTheBasicPlaneStayAsTheyAre() {
        assertEquals("déjà vu 𝄞", Snippet.of("déjà vu 𝄞"));
    }
}

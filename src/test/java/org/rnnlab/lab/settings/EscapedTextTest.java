package org.rnnlab.lab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Backslash escapes: the characters a settings value or an argument cannot hold, and what is not an escape. */
class EscapedTextTest {

    @Test
    void escapesStandForTheCharactersAConfigurationFileCannotHold() {
        assertEquals(Optional.of("a\nb c\t\\#"), EscapedText.unescape("a\\nb\\sc\\t\\\\\\u0023"));
        assertEquals(Optional.of("plain text"), EscapedText.unescape("plain text"));
        assertEquals(Optional.of("\\n"), EscapedText.unescape("\\\\n"), "an escaped backslash before an n");
    }

    @Test
    void aBackslashThatStartsNoEscapeIsRefused() {
        assertEquals(Optional.empty(), EscapedText.unescape("a\\q"));
        assertEquals(Optional.empty(), EscapedText.unescape("a\\"));
        assertEquals(Optional.empty(), EscapedText.unescape("\\u12"));
        assertEquals(Optional.empty(), EscapedText.unescape("\\u12G4"));
    }
}

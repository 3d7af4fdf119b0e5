package org.rnnlab.data.files;

/**
 * A piece of user input as it may be shown in a message: control characters escaped (a file of NUL
 * bytes must not garble the terminal), and long text cut, saying how much was left out.
 */
public final class Snippet {

    /** Characters of input shown at most. */
    public static final int MAX_SHOWN = 120;

    private Snippet() {
    }

    /** {@code text} escaped and cut to {@value #MAX_SHOWN} characters. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        int length = text.codePointCount(0, text.length());
        if (length <= MAX_SHOWN) {
            return Cells.escape(text);
        }
        String head = text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN));
        return Cells.escape(head) + "... (" + (length - MAX_SHOWN) + " more characters)";
    }
}

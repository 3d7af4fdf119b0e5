package org.rnnlab.data;

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
        StringBuilder shown = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (count == MAX_SHOWN) {
                shown.append("... (").append(text.codePointCount(i, text.length())).append(" more characters)");
                break;
            }
            shown.append(escaped(c));
            count++;
            i += Character.charCount(c);
        }
        return shown.toString();
    }

    private static String escaped(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0 -> "\\0";
            default -> Character.isISOControl(c) || c == 0xFFFD || Character.getType(c) == Character.FORMAT
                    ? String.format("\\u%04x", c)
                    : new String(Character.toChars(c));
        };
    }
}

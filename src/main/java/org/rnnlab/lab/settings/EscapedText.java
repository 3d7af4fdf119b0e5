package org.rnnlab.lab.settings;

import java.util.Optional;

/**
 * Text written with backslash escapes, for the characters a settings value or a command-line
 * argument cannot hold as they are: {@code \n} newline, {@code \s} space (a settings value loses its
 * spaces at either end), {@code \t} tab, {@code \\} backslash and {@code \}{@code uXXXX} any
 * character by its hex code (e.g. {@code \}{@code u0023} for '#', which would start a comment). The
 * character model's prompt is written so, in its settings and to {@code Predict}.
 */
public final class EscapedText {

    /** The escapes, as a list for a message. */
    public static final String ESCAPES = "\\n, \\s, \\t, \\\\ and \\uXXXX";

    /** The escapes, each said in words, for a message on what a value may hold. */
    public static final String EXPLAINED = "\\n (newline), \\s (space), \\t (tab), \\\\ (backslash) and \\uXXXX"
            + " (a character by its hex code, e.g. \\u0023 for '#', which would start a comment)";

    private EscapedText() {
    }

    /**
     * {@code written} with its escapes resolved; empty when a backslash starts none of them (a
     * backslash at the end, an unknown letter, {@code \}{@code u} without four hex digits).
     */
    public static Optional<String> unescape(String written) {
        StringBuilder out = new StringBuilder(written.length());
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= written.length()) {
                return Optional.empty();
            }
            char escape = written.charAt(++i);
            switch (escape) {
                case 'n' -> out.append('\n');
                case 's' -> out.append(' ');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (i + 4 >= written.length()) {
                        return Optional.empty();
                    }
                    String hex = written.substring(i + 1, i + 5);
                    if (!hex.matches("[0-9A-Fa-f]{4}")) {
                        return Optional.empty();
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out.toString());
    }
}

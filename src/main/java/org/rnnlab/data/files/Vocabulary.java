package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The characters a character-level model knows, each with an index: the distinct Unicode code
 * points of a training text, in ascending order, so index 0 is the smallest. Code points rather
 * than Java chars, so a character outside the Basic Multilingual Plane (an emoji, a rare CJK
 * ideograph), which Java stores as a surrogate pair, is one character with one index, never two
 * halves; an unpaired surrogate is refused.
 *
 * <p>The file form ({@link #format}, {@link #read}) is UTF-8 text: '#' comment lines, then one line
 * per character, its code point in decimal ({@code 10} for a newline, {@code 32} for a space,
 * {@code 97} for 'a'), ascending. Numbers rather than the characters themselves, so newlines,
 * spaces, tabs and invisible characters survive any editor.
 */
public final class Vocabulary {

    private static final Pattern CODE_POINT = Pattern.compile("\\d{1,7}");

    /** Distinct, ascending. */
    private final int[] codePoints;

    private Vocabulary(int[] sortedDistinct) {
        this.codePoints = sortedDistinct;
    }

    /** The vocabulary of text[from, to): its distinct code points. */
    public static Vocabulary of(int[] text, int from, int to) {
        if (from < 0 || to > text.length || from > to) {
            throw new IllegalArgumentException("span " + from + ".." + to + " lies outside a text of " + text.length
                    + " characters");
        }
        int[] sorted = Arrays.copyOfRange(text, from, to);
        for (int i = 0; i < sorted.length; i++) {
            requireCharacter(sorted[i], "at position " + (from + i));
        }
        return new Vocabulary(Arrays.stream(sorted).sorted().distinct().toArray());
    }

    /** The vocabulary of {@code text}: its distinct code points. */
    public static Vocabulary of(String text) {
        int[] codePoints = text.codePoints().toArray();
        return of(codePoints, 0, codePoints.length);
    }

    /**
     * Reads a vocabulary file (see the class comment).
     *
     * @throws DataFileException if the file is missing, empty, or a line is not a decimal code point
     *                           of a character, or is not larger than the line before
     */
    public static Vocabulary read(Path file) {
        List<DataLines.Line> lines = DataLines.read(file);
        if (lines.isEmpty()) {
            throw DataFileException.ofFile(file, "holds no characters; expected one code point per line such as 97 for 'a'");
        }
        int[] codePoints = new int[lines.size()];
        for (int i = 0; i < codePoints.length; i++) {
            DataLines.Line line = lines.get(i);
            String text = line.text();
            if (!CODE_POINT.matcher(text).matches() || Integer.parseInt(text) > Character.MAX_CODE_POINT) {
                throw DataFileException.atLine(file, line.number(), "holds " + Cells.quote(text) + ", expected a Unicode"
                        + " code point as a decimal number in 0.." + Character.MAX_CODE_POINT + ", such as 97 for 'a'");
            }
            int codePoint = Integer.parseInt(text);
            if (Character.getType(codePoint) == Character.SURROGATE) {
                throw DataFileException.atLine(file, line.number(), "holds " + text + " (" + Cells.codePointName(codePoint)
                        + "), half of a surrogate pair, not a character; a character outside the BMP is written as"
                        + " its own code point, such as 128512 for U+1F600");
            }
            if (i > 0 && codePoint <= codePoints[i - 1]) {
                throw DataFileException.atLine(file, line.number(), "holds " + text + " after " + codePoints[i - 1]
                        + " on line " + lines.get(i - 1).number() + "; code points must be in ascending order, each once");
            }
            codePoints[i] = codePoint;
        }
        return new Vocabulary(codePoints);
    }

    /** The file form: a comment saying what it is, then one decimal code point per line. */
    public String format() {
        List<String> lines = new ArrayList<>(codePoints.length);
        for (int codePoint : codePoints) {
            lines.add(Integer.toString(codePoint));
        }
        return DataLines.withComments(List.of("rnnlab vocabulary: " + codePoints.length + " characters, one per line as"
                + " its Unicode code point in decimal, ascending; the line's position (from 0) is the index"), lines);
    }

    /** Writes {@link #format()} to {@code file}, through a temporary file. */
    public void write(Path file) {
        TextFile.write(file, format());
    }

    /** Number of characters (the one-hot width V). */
    public int size() {
        return codePoints.length;
    }

    /** Whether {@code codePoint} is one of the characters. */
    public boolean contains(int codePoint) {
        return indexOf(codePoint) >= 0;
    }

    /** The index of {@code codePoint}, or -1 when it is not in the vocabulary. */
    public int indexOf(int codePoint) {
        int index = Arrays.binarySearch(codePoints, codePoint);
        return index >= 0 ? index : -1;
    }

    /** The index of {@code codePoint}; throws, naming the character, when it is not in the vocabulary. */
    public int index(int codePoint) {
        int index = indexOf(codePoint);
        if (index < 0) {
            throw new IllegalArgumentException(notKnown(codePoint));
        }
        return index;
    }

    /** The code point at {@code index}. */
    public int codePoint(int index) {
        if (index < 0 || index >= codePoints.length) {
            throw new IndexOutOfBoundsException("character index " + index + " is outside 0.." + (codePoints.length - 1));
        }
        return codePoints[index];
    }

    /** The character at {@code index}, as a string (two chars for a character outside the BMP). */
    public String character(int index) {
        return new String(Character.toChars(codePoint(index)));
    }

    /**
     * The index of every character of text[from, to).
     *
     * @throws IllegalArgumentException naming the first unknown character (escaped) and its position
     */
    public int[] encode(int[] text, int from, int to) {
        return encode(text, from, to, position -> new IllegalArgumentException(notKnown(text[position])
                + " (at position " + position + ")"));
    }

    /** As {@link #encode(int[], int, int)}, throwing what {@code unknownAt} makes of the position of an unknown one. */
    int[] encode(int[] text, int from, int to, IntFunction<RuntimeException> unknownAt) {
        int[] indices = new int[to - from];
        for (int i = from; i < to; i++) {
            int index = indexOf(text[i]);
            if (index < 0) {
                throw unknownAt.apply(i);
            }
            indices[i - from] = index;
        }
        return indices;
    }

    /** The text the indices stand for. */
    public String decode(int[] indices) {
        StringBuilder text = new StringBuilder(indices.length);
        for (int index : indices) {
            text.appendCodePoint(codePoint(index));
        }
        return text.toString();
    }

    /** Why {@code codePoint} cannot be encoded, for messages. */
    String notKnown(int codePoint) {
        return "character " + Cells.character(codePoint) + " is not in the vocabulary of " + codePoints.length
                + " characters";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vocabulary that && Arrays.equals(codePoints, that.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "Vocabulary of " + codePoints.length + " characters";
    }

    private static void requireCharacter(int codePoint, String where) {
        if (!Character.isValidCodePoint(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
            throw new IllegalArgumentException("code point " + codePoint + " " + where + " is not a character"
                    + (Character.isValidCodePoint(codePoint) ? " but an unpaired surrogate " + Cells.codePointName(codePoint) : ""));
        }
    }
}

package org.rnnlab.data.files;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the readers turn cells into numbers and how their messages show what they found. A value is
 * shown quoted, with control and invisible characters escaped (a stray tab or carriage return is
 * the usual reason a cell "looks right" and still fails) and shortened when long, so one bad cell
 * cannot flood a message.
 */
public final class Cells {

    /** Longest value, in characters, shown whole in a message. */
    static final int SHOWN = 40;

    /** A plain decimal number with an optional exponent: what Double.toString and spreadsheets write. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** A class index: digits only, as DataVec reads labels with Integer.parseInt. */
    private static final Pattern CLASS_INDEX = Pattern.compile("\\d{1,9}");
    /** What a decimal cell may look like, for messages. */
    static final String DECIMAL_EXAMPLES = "a decimal number such as -0.25 or 1.5E-4";

    private Cells() {
    }

    /**
     * The finite number {@code cell} holds. Otherwise throws what {@code failure} makes of the
     * problem, a phrase that continues "…, column 'c' " (e.g. "holds 'abc', which is not a number;
     * expected …").
     */
    static double decimal(String cell, Function<String, DataFileException> failure) {
        if (cell.isEmpty()) {
            throw failure.apply("is empty, expected " + DECIMAL_EXAMPLES);
        }
        if (!DECIMAL.matcher(cell).matches()) {
            if (isNonFinite(cell)) {
                throw failure.apply("holds " + quote(cell) + ", expected a finite number");
            }
            throw failure.apply("holds " + quote(cell) + ", which is not a number; expected " + DECIMAL_EXAMPLES);
        }
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value)) {
            throw failure.apply("holds " + quote(cell) + ", which overflows a double; expected a finite number");
        }
        return value;
    }

    /** Whether {@code cell} is a finite decimal number as {@link #decimal} reads it. */
    static boolean isDecimal(String cell) {
        return DECIMAL.matcher(cell).matches() && Double.isFinite(Double.parseDouble(cell));
    }

    /**
     * The class index {@code cell} holds, an integer in 0..classes-1; otherwise throws what
     * {@code failure} makes of the problem (a phrase as for {@link #decimal}).
     */
    static int classIndex(String cell, int classes, Function<String, DataFileException> failure) {
        String allowed = "expected a class index, an integer in 0.." + (classes - 1);
        if (cell.isEmpty()) {
            throw failure.apply("is empty, " + allowed);
        }
        if (!CLASS_INDEX.matcher(cell).matches()) {
            throw failure.apply("holds " + quote(cell) + ", " + allowed);
        }
        int index = Integer.parseInt(cell);
        if (index >= classes) {
            throw failure.apply("holds " + quote(cell) + ", but there are " + classes + " classes: " + allowed);
        }
        return index;
    }

    /** {@code value} in single quotes, escaped, and cut to {@value #SHOWN} characters with its length said. */
    static String quote(String value) {
        int length = value.codePointCount(0, value.length());
        if (length <= SHOWN) {
            return "'" + escape(value) + "'";
        }
        String head = value.substring(0, value.offsetByCodePoints(0, SHOWN - 3));
        return "'" + escape(head) + "...' (" + length + " characters)";
    }

    /** One character for a message: {@code 'é' (U+00E9)}, {@code '\n' (U+000A)}. */
    static String character(int codePoint) {
        return "'" + escape(new String(Character.toChars(codePoint))) + "' (" + codePointName(codePoint) + ")";
    }

    /** {@code U+00E9}, {@code U+1F600}. */
    static String codePointName(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    /** A number as a person writes it: 1921 rather than 1921.0, otherwise Double.toString. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /**
     * {@code value} with exactly {@code decimals} digits after the point, rounded half-even from its
     * exact binary value: the same text on every JVM, and for a value that is the double nearest to
     * such a decimal, text that reads back to the very same double.
     */
    public static String fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Control and invisible characters, backslash and quote written as escapes; everything else as it is. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (isInvisible(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** Control, format (zero-width, byte-order mark), line/paragraph separators and lone surrogates. */
    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    private static boolean isNonFinite(String token) {
        String unsigned = token.startsWith("+") || token.startsWith("-") ? token.substring(1) : token;
        return unsigned.equalsIgnoreCase("NaN") || unsigned.equalsIgnoreCase("Infinity")
                || unsigned.equalsIgnoreCase("Inf");
    }
}

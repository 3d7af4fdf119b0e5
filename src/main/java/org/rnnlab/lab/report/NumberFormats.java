package org.rnnlab.lab.report;

import java.util.Locale;

/**
 * How numbers are written for people (console tables, Markdown, progress lines) and for machines
 * (CSV). People get a short form that still shows three significant digits of a tiny loss; machines
 * get the exact value back. Formatting never depends on the default locale, so a decimal comma never
 * appears.
 */
public final class NumberFormats {

    /** Significant digits of {@link #significant}. */
    private static final int DIGITS = 3;
    /** {@link #significant} never shows more decimals than this (smaller values go scientific). */
    private static final int MAX_DECIMALS = 6;
    /** Below this magnitude a fixed 3-decimal form would hide the digits that matter. */
    private static final double SMALLEST_FIXED = 0.1;
    /** From this magnitude on a fixed form gets too wide for a table column. */
    private static final double LARGEST_FIXED = 1e5;

    private NumberFormats() {
    }

    /**
     * A metric value for people: {@code 0} for an exact zero, 3-decimal fixed point for magnitudes in
     * [0.1, 1e5) (an accuracy prints as {@code 1.000}, a loss as {@code 0.126}), otherwise scientific
     * notation with 3 significant digits ({@code 1.52e-06}, {@code 9.20e-03}, {@code 2.50e+07}).
     * Non-finite values print as {@code NaN}, {@code inf}, {@code -inf}.
     */
    public static String metric(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (value == Math.rint(value) && magnitude >= 2 && magnitude < LARGEST_FIXED) {
            // Counts (epochs, steps) read as counts; 1.000 stays a ratio.
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        if (magnitude >= SMALLEST_FIXED && magnitude < LARGEST_FIXED) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return String.format(Locale.ROOT, "%.2e", value);
    }

    /**
     * A measured value for people: three significant digits without an exponent where that stays
     * short ({@code 0.0123}, {@code 1.23}, {@code 123}, {@code 12345}: large values keep all their
     * integer digits), scientific below 1e-4; {@code -} for NaN, which marks "not measured".
     */
    public static String significant(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (value == 0 || Double.isInfinite(value)) {
            return value == 0 ? "0" : (value > 0 ? "inf" : "-inf");
        }
        int magnitude = (int) Math.floor(Math.log10(Math.abs(value)));
        int decimals = Math.max(0, DIGITS - 1 - magnitude);
        if (decimals > MAX_DECIMALS) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A fixed number of decimals, {@code -} for NaN. */
    public static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Seconds for people, one decimal: {@code 12.3}. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /**
     * A value for machines: the shortest decimal that Java reads back as exactly the same double
     * ({@code Double.parseDouble(exact(x)) == x}); other languages' CSV readers parse it as well.
     */
    public static String exact(double value) {
        return Double.toString(value);
    }
}

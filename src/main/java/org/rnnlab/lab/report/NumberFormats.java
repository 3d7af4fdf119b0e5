package org.rnnlab.lab.report;

import java.util.Locale;

/**
 * How numbers are written for people (console tables, Markdown, progress lines) and for machines
 * (CSV). People get a short form that still shows three significant digits of a tiny loss; machines
 * get the exact value back. Formatting never depends on the default locale, so a decimal comma never
 * appears.
 */
public final class NumberFormats {

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

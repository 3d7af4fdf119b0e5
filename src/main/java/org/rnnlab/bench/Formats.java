package org.rnnlab.bench;

import java.util.Locale;

/** Numbers for the benchmark's tables and log lines. */
final class Formats {

    /** Significant digits shown for a measured value. */
    private static final int DIGITS = 3;
    /** Never more decimals than this (values below 1e-4 show in scientific notation). */
    private static final int MAX_DECIMALS = 6;

    private Formats() {
    }

    /**
     * Three significant digits without an exponent where that stays short: {@code 0.0123},
     * {@code 1.23}, {@code 123}, {@code 12345} (large values keep all their integer digits);
     * {@code -} for NaN, which marks "not measured".
     */
    static String significant(double value) {
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
    static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}

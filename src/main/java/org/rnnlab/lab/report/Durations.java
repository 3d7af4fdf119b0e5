package org.rnnlab.lab.report;

import java.time.Duration;
import java.util.Locale;

/** Durations written for people: {@code 4.1s}, {@code 1m05s}, {@code 2h07m}. */
public final class Durations {

    private Durations() {
    }

    /**
     * Tenths of a second under a minute ({@code 4.1s}), minutes and seconds under an hour
     * ({@code 1m05s}), hours and minutes beyond ({@code 2h07m}).
     *
     * @throws IllegalArgumentException for a negative duration
     */
    public static String human(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A duration to print must not be negative, got " + duration);
        }
        long tenths = Math.round(duration.toNanos() / 1e8);
        if (tenths < 600) {
            return String.format(Locale.ROOT, "%d.%ds", tenths / 10, tenths % 10);
        }
        long seconds = Math.round(duration.toNanos() / 1e9);
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        long minutes = Math.round(duration.toNanos() / 6e10);
        return String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }

    /** {@link #human(Duration)} for a span measured in nanoseconds. */
    public static String humanNanos(long nanos) {
        return human(Duration.ofNanos(nanos));
    }
}

package org.rnnlab.lab.report;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of a long loop with elapsed time and an estimate of the time left, e.g.
 * {@code E2 sine-window simplernn  epoch 12/50  loss 1.23e-04  elapsed 4.1s  eta 13.0s}.
 * To keep the log readable it writes at most one line per {@link #MIN_INTERVAL}, plus always the
 * first update and the last (when all steps are done). The estimate assumes the remaining steps take
 * as long on average as the ones done so far, timed from when the meter was created.
 */
public final class ProgressMeter {

    private static final Logger log = LoggerFactory.getLogger(ProgressMeter.class);

    /** Shortest time between two logged lines, except for the first and the last. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(2);

    private final String what;
    private final String unit;
    private final int total;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastLoggedNanos;
    private boolean anyLogged;
    /** The step {@link #within} last reported on, and when it was first reported. */
    private int currentStep = -1;
    private long stepStartNanos;

    /** A meter counting epochs, timed by {@link System#nanoTime()}. */
    public ProgressMeter(String what, int total) {
        this(what, "epoch", total);
    }

    /** A meter counting {@code unit}s (e.g. "iteration"), timed by {@link System#nanoTime()}. */
    public ProgressMeter(String what, String unit, int total) {
        this(what, unit, total, System::nanoTime);
    }

    /**
     * @param what     what is progressing, e.g. "E2 sine-window simplernn"
     * @param unit     name of one step, e.g. "epoch"
     * @param total    number of steps, at least 1
     * @param nanoTime the clock, in nanoseconds like {@link System#nanoTime()}; read once now as the start
     */
    public ProgressMeter(String what, String unit, int total, LongSupplier nanoTime) {
        this.what = Objects.requireNonNull(what, "what");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (total < 1) {
            throw new IllegalArgumentException("Progress of '" + what + "' needs at least 1 " + unit + ", got " + total);
        }
        this.total = total;
        this.startNanos = nanoTime.getAsLong();
    }

    /**
     * Reports that {@code done} steps are finished and logs a line if one is due.
     *
     * @param done  steps finished, 0 to total
     * @param extra a short note for the line such as "loss 1.23e-04", or null/blank for none
     * @return the line if it was logged, empty if rate limiting held it back
     */
    public Optional<String> update(int done, String extra) {
        if (done < 0 || done > total) {
            throw new IllegalArgumentException("Progress of '" + what + "': " + unit + " " + done + " is outside 0.." + total);
        }
        long now = nanoTime.getAsLong();
        boolean due = !anyLogged || done == total || now - lastLoggedNanos >= MIN_INTERVAL.toNanos();
        if (!due) {
            return Optional.empty();
        }
        anyLogged = true;
        lastLoggedNanos = now;
        String line = line(done, extra, now - startNanos);
        log.info("{}", line);
        return Optional.of(line);
    }

    /**
     * Reports work inside step {@code done + 1}, e.g. the minibatches of an epoch. Once that step has
     * run for {@link #MIN_INTERVAL}, it logs a line every {@link #MIN_INTERVAL}, so a long epoch still
     * shows it is going; short steps never log here ({@link #update} does). The estimate of the time
     * left counts finished steps only.
     *
     * @param done finished steps, 0 to total - 1
     * @param note where inside the step, e.g. "minibatch 120"
     * @return the line if it was logged
     */
    public Optional<String> within(int done, String note) {
        long now = nanoTime.getAsLong();
        if (done != currentStep) {
            currentStep = done;
            stepStartNanos = now;
        }
        long interval = MIN_INTERVAL.toNanos();
        if (now - stepStartNanos < interval || anyLogged && now - lastLoggedNanos < interval) {
            return Optional.empty();
        }
        anyLogged = true;
        lastLoggedNanos = now;
        String line = what + "  " + unit + " " + (done + 1) + "/" + total + " in progress"
                + (note == null || note.isBlank() ? "" : ": " + note.strip())
                + "  elapsed " + Durations.humanNanos(Math.max(0, now - startNanos))
                + "  eta " + (done == 0 ? "?" : Durations.humanNanos(remainingNanos(done, now - startNanos)));
        log.info("{}", line);
        return Optional.of(line);
    }

    private String line(int done, String extra, long elapsedNanos) {
        StringBuilder line = new StringBuilder(what).append("  ").append(unit).append(' ').append(done).append('/').append(total);
        if (extra != null && !extra.isBlank()) {
            line.append("  ").append(extra.strip());
        }
        line.append("  elapsed ").append(Durations.humanNanos(Math.max(0, elapsedNanos)));
        line.append("  eta ").append(done == 0 ? "?" : Durations.humanNanos(remainingNanos(done, elapsedNanos)));
        return line.toString();
    }

    private long remainingNanos(int done, long elapsedNanos) {
        double perStep = Math.max(0, elapsedNanos) / (double) done;
        return Math.round(perStep * (total - done));
    }
}

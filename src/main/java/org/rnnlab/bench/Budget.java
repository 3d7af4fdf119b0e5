package org.rnnlab.bench;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long one measurement may take.
 *
 * @param warmup   untimed steps run until this much time has passed (at least one step), so the JIT
 *                 has compiled the hot loops and native code and workspaces are in their steady state
 * @param timed    timed steps run until this much time has passed...
 * @param minSteps ...but at least this many (a slow case still gets a median of several steps)...
 * @param maxSteps ...and at most this many (a microsecond step does not fill the memory with timings)
 */
public record Budget(Duration warmup, Duration timed, int minSteps, int maxSteps) implements Serializable {

    /** The default run: 2 s of warm-up, then about 5 s of timed steps, at least 5 of them. */
    public static final Budget STANDARD = new Budget(Duration.ofSeconds(2), Duration.ofSeconds(5), 5, 200_000);

    /** A smoke run that only shows everything works: tiny budgets, the numbers are rough. */
    public static final Budget QUICK = new Budget(Duration.ofMillis(100), Duration.ofMillis(200), 3, 200_000);

    public Budget {
        if (warmup == null || timed == null || warmup.isNegative() || timed.isNegative()) {
            throw new IllegalArgumentException("budget durations must be given and not negative: warm-up "
                    + warmup + ", timed " + timed);
        }
        if (minSteps < 1 || maxSteps < minSteps) {
            throw new IllegalArgumentException("a budget needs 1 <= minSteps <= maxSteps, got minSteps=" + minSteps
                    + ", maxSteps=" + maxSteps);
        }
    }

    /** This budget with another minimum number of timed steps (capped at maxSteps). */
    public Budget withMinSteps(int steps) {
        return new Budget(warmup, timed, Math.min(steps, maxSteps), maxSteps);
    }

    /** This budget with both durations multiplied by {@code factor}. */
    public Budget scaled(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("a budget scale factor must be positive, got " + factor);
        }
        return new Budget(Duration.ofNanos(Math.round(warmup.toNanos() * factor)),
                Duration.ofNanos(Math.round(timed.toNanos() * factor)), minSteps, maxSteps);
    }
}

package org.rnnlab.study;

/**
 * The Wilson score interval of a success rate: for k successes in n trials, the rates p whose
 * normal test |k/n − p| / sqrt(p(1 − p)/n) stays below z. Unlike k/n ± z·sqrt(p̂(1 − p̂)/n) it
 * does not collapse to a single point at 0 of 10 or 10 of 10, where studies of few seeds often land.
 *
 * @param low  lower end
 * @param high upper end
 */
public record WilsonInterval(double low, double high) {

    /** The normal quantile of a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    /** The 95% interval of {@code successes} out of {@code trials} (trials >= 1). */
    public static WilsonInterval of95(long successes, long trials) {
        return of(successes, trials, Z95);
    }

    /** The interval of {@code successes} out of {@code trials} for the normal quantile {@code z}. */
    public static WilsonInterval of(long successes, long trials, double z) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("a success rate needs 0 <= successes <= trials and trials >= 1, got "
                    + successes + " of " + trials);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}

package org.rnnlab.lab.report;

import java.util.Arrays;

/**
 * The lower quartile, median and upper quartile of a sample. Quantiles interpolate linearly between
 * the two nearest order statistics (rank p·(n−1), counted from 0), the usual definition of
 * spreadsheets and NumPy's default: the median of {1, 2, 3, 4} is 2.5, its quartiles 1.75 and 3.25.
 *
 * <p>The median and the inter-quartile range describe step times better than a mean and a standard
 * deviation: a few steps that a garbage collection or another process stretched move the mean, not
 * the median.
 *
 * @param lower  25th percentile
 * @param median 50th percentile
 * @param upper  75th percentile
 */
public record Quartiles(double lower, double median, double upper) {

    /** The quartiles of {@code values} (not changed; at least one value, none NaN). */
    public static Quartiles of(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("quartiles need at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("quartiles of a sample holding NaN are undefined");
        }
        return new Quartiles(quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75));
    }

    /** Upper minus lower quartile: the spread of the middle half of the sample. */
    public double interquartileRange() {
        return upper - lower;
    }

    /** The p-quantile (0 ≤ p ≤ 1) of an ascending sample, interpolated between neighbouring ranks. */
    static double quantile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = rank - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}

package org.rnnlab.testing;

import org.rnnlab.scratch.NumericalGradient;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;

/**
 * A scratch network's analytic gradient against central differences, reduced to its worst entry:
 * the quick check the scratch tests use (the named, per-parameter report is check.NumericalCheck),
 * and DL4J's own GradientCheckUtil with the same floor grounded in the score's rounding, so that
 * whether a check passes does not depend on which BLAS kernels ran.
 */
public final class GradientCheck {

    /** Differences below this are agreement, whatever their relative size (DL4J's own default). */
    public static final double ABSOLUTE_FLOOR = 1e-8;

    /**
     * Units in the last place of the score that its rounding may take. A score sums up to about a
     * thousand loss terms here (examples times steps), in an order that the BLAS kernels choose, so
     * its last digits vary with the CPU and the kernel: by about the square root of the number of
     * terms, in ulps, for rounding errors that do not line up.
     */
    public static final double SCORE_ROUNDING_ULPS = 32;

    private GradientCheck() {
    }

    /**
     * The worst entry of a comparison.
     *
     * @param maxRelativeError largest relative error over all entries
     * @param worstIndex       index where it occurs (-1 for an empty comparison)
     * @param analytic         analytic value there
     * @param numeric          numerical value there
     */
    public record Worst(double maxRelativeError, int worstIndex, double analytic, double numeric) {
    }

    /**
     * The difference between an analytic gradient entry and its central difference (s(θ + ε) −
     * s(θ − ε)) / 2ε below which the two cannot be told apart: each score carries up to
     * {@link #SCORE_ROUNDING_ULPS} ulps of rounding, so the difference quotient carries up to
     * that many ulps of the score divided by ε. Never below {@link #ABSOLUTE_FLOOR}. For a score of 89
     * (E3's 50-step sequences) and ε = 1e-6 it is 4.5e-7: the entries of such a network's gradient
     * that are smaller than that are rounding noise in the finite difference, on any kernel choice.
     */
    public static double absoluteFloor(double score, double epsilon) {
        return Math.max(ABSOLUTE_FLOOR, SCORE_ROUNDING_ULPS * Math.ulp(score) / epsilon);
    }

    /** |a − n| / max(|a|, |n|), or 0 when |a − n| is at most the absolute floor. */
    public static double relativeError(double analytic, double numeric, double absoluteFloor) {
        double difference = Math.abs(analytic - numeric);
        if (difference <= absoluteFloor) {
            return 0;
        }
        return difference / Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    /** The largest relative error between two gradients of the same length; a NaN is the worst. */
    public static Worst compare(double[] analytic, double[] numeric, double absoluteFloor) {
        if (analytic.length != numeric.length) {
            throw new IllegalArgumentException("gradients differ in length: " + analytic.length + " vs "
                    + numeric.length);
        }
        Worst worst = new Worst(0, -1, Double.NaN, Double.NaN);
        for (int k = 0; k < analytic.length; k++) {
            double error = relativeError(analytic[k], numeric[k], absoluteFloor);
            if (worst.worstIndex() < 0 || error > worst.maxRelativeError() || Double.isNaN(error)) {
                worst = new Worst(error, k, analytic[k], numeric[k]);
                if (Double.isNaN(error)) {
                    break;
                }
            }
        }
        return worst;
    }

    /** The network's gradient of the score (its summed gradient divided by mb) against central differences. */
    public static Worst check(ScratchNetwork network, SequenceBatch batch) {
        double[] analytic = new double[network.numParams()];
        double score = network.computeGradientAndScore(batch, analytic);
        int mb = batch.miniBatch();
        for (int k = 0; k < analytic.length; k++) {
            analytic[k] /= mb;
        }
        double epsilon = NumericalGradient.DEFAULT_EPSILON;
        return compare(analytic, NumericalGradient.ofScore(network, batch, epsilon), absoluteFloor(score, epsilon));
    }
}

package org.rnnlab.testing;

import org.rnnlab.scratch.NumericalGradient;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;

/**
 * A scratch network's analytic gradient against central differences, reduced to its worst entry:
 * the quick check the scratch tests use (the named, per-parameter report is check.NumericalCheck).
 */
public final class GradientCheck {

    /** Differences below this are agreement, whatever their relative size. */
    public static final double ABSOLUTE_FLOOR = 1e-8;

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
        network.computeGradientAndScore(batch, analytic);
        int mb = batch.miniBatch();
        for (int k = 0; k < analytic.length; k++) {
            analytic[k] /= mb;
        }
        return compare(analytic, NumericalGradient.ofScore(network, batch, NumericalGradient.DEFAULT_EPSILON),
                ABSOLUTE_FLOOR);
    }
}

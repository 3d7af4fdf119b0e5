package org.rnnlab.scratch;

import java.util.function.ToDoubleFunction;

/**
 * Central-difference gradients in double precision, and the relative error used to compare them
 * with analytic ones. The finite differences are the noisy side: with ε = 1e-6 they carry about
 * 1e-10 absolute error on scores of order one, hence the absolute floor in the comparison.
 */
public final class NumericalGradient {

    /** Step of the central differences. */
    public static final double DEFAULT_EPSILON = 1e-6;
    /** Differences below this are agreement, whatever their relative size. */
    public static final double DEFAULT_ABSOLUTE_FLOOR = 1e-8;

    private NumericalGradient() {
    }

    /**
     * The worst entry of a comparison.
     *
     * @param maxRelativeError largest relative error over all entries
     * @param worstIndex       index where it occurs (-1 for an empty comparison)
     * @param analytic         analytic value there
     * @param numeric          numerical value there
     */
    public record Comparison(double maxRelativeError, int worstIndex, double analytic, double numeric) {
    }

    /**
     * (f(θ + εe_k) − f(θ − εe_k)) / 2ε for every k. {@code point} is perturbed in place, one entry
     * at a time, and restored exactly.
     */
    public static double[] centralDifferences(ToDoubleFunction<double[]> f, double[] point, double epsilon) {
        double[] gradient = new double[point.length];
        for (int k = 0; k < point.length; k++) {
            double original = point[k];
            point[k] = original + epsilon;
            double plus = f.applyAsDouble(point);
            point[k] = original - epsilon;
            double minus = f.applyAsDouble(point);
            point[k] = original;
            gradient[k] = (plus - minus) / (2 * epsilon);
        }
        return gradient;
    }

    /** ∂score/∂θ of the network on the batch, by central differences (parameters restored afterwards). */
    public static double[] ofScore(ScratchNetwork network, SequenceBatch batch, double epsilon) {
        return centralDifferences(p -> network.score(batch), network.paramArray(), epsilon);
    }

    /** |a − n| / max(|a|, |n|), or 0 when |a − n| is at most the absolute floor. */
    public static double relativeError(double analytic, double numeric, double absoluteFloor) {
        double difference = Math.abs(analytic - numeric);
        if (difference <= absoluteFloor) {
            return 0;
        }
        return difference / Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    /** The largest relative error between two gradients of the same length. */
    public static Comparison compare(double[] analytic, double[] numeric, double absoluteFloor) {
        if (analytic.length != numeric.length) {
            throw new IllegalArgumentException("gradients differ in length: " + analytic.length + " vs "
                    + numeric.length);
        }
        Comparison worst = new Comparison(0, -1, Double.NaN, Double.NaN);
        for (int k = 0; k < analytic.length; k++) {
            double error = relativeError(analytic[k], numeric[k], absoluteFloor);
            if (worst.worstIndex() < 0 || error > worst.maxRelativeError() || Double.isNaN(error)) {
                worst = new Comparison(error, k, analytic[k], numeric[k]);
                if (Double.isNaN(error)) {
                    break;
                }
            }
        }
        return worst;
    }

    /**
     * Compares the network's analytic gradient of the score (its summed gradient divided by mb)
     * with central differences.
     */
    public static Comparison check(ScratchNetwork network, SequenceBatch batch, double epsilon, double absoluteFloor) {
        double[] analytic = new double[network.numParams()];
        network.computeGradientAndScore(batch, analytic);
        int mb = batch.miniBatch();
        for (int k = 0; k < analytic.length; k++) {
            analytic[k] /= mb;
        }
        return compare(analytic, ofScore(network, batch, epsilon), absoluteFloor);
    }
}

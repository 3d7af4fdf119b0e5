package org.rnnlab.scratch;

import java.util.function.ToDoubleFunction;

/**
 * Central-difference gradients in double precision. They are the noisy side of any comparison
 * with analytic gradients: with ε = 1e-6 they carry about 1e-10 absolute error on scores of order
 * one ({@code check.NumericalCheck} compares them with care).
 */
public final class NumericalGradient {

    /** Step of the central differences. */
    public static final double DEFAULT_EPSILON = 1e-6;

    private NumericalGradient() {
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
}

package org.rnnlab.check;

import org.rnnlab.scratch.NumericalGradient;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;

/**
 * The scratch network's analytic gradient against finite differences of its score, reported
 * parameter by parameter like {@link GradientComparison}. This checks the scratch side on its own,
 * without DL4J: the two checks together show that both implementations compute the derivative of
 * the loss, not merely the same wrong number.
 *
 * <p>The analytic gradient is divided by the minibatch size (the derivative of the score). The
 * finite differences are Richardson-extrapolated central differences,
 * D = (4·D(h) − D(2h)) / 3 with D(h) from {@link NumericalGradient#centralDifferences}: their
 * error is of order h⁴ instead of h², so a step of 1e-3 keeps both the truncation error and the
 * rounding error (about 1e-16 / h) near 1e-12 absolute. Plain central differences with
 * h = 1e-6 carry about 1e-10, which makes the relative error of small entries meaningless. The
 * loss must be smooth within 2h of the parameters (no loss clipping boundary crossed).
 */
public final class NumericalCheck {

    /** Name of the analytic side in reports. */
    public static final String ANALYTIC = "analytic";
    /** Name of the finite-difference side in reports. */
    public static final String NUMERIC = "numeric";
    /** Step h of the extrapolated differences. */
    public static final double DEFAULT_STEP = 1e-3;
    /** Entries differing by at most this count as equal: about a hundred times the differences' own error. */
    public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-10;

    private NumericalCheck() {
    }

    /** Checks with the default step and absolute tolerance. */
    public static Report check(ScratchNetwork network, SequenceBatch batch) {
        return check(network, batch, DEFAULT_STEP, DEFAULT_ABSOLUTE_TOLERANCE);
    }

    /**
     * Checks the gradient of the score at the network's current parameters (left unchanged).
     * The report's scores are the one computed with the gradient (left) and the one the
     * differences are taken of (right): they must be equal.
     *
     * @param step              h of the extrapolated differences
     * @param absoluteTolerance entries differing by at most this count as equal
     */
    public static Report check(ScratchNetwork network, SequenceBatch batch, double step, double absoluteTolerance) {
        double[] analytic = new double[network.numParams()];
        double analyticScore = network.computeGradientAndScore(batch, analytic);
        int mb = batch.miniBatch();
        for (int k = 0; k < analytic.length; k++) {
            analytic[k] /= mb;
        }
        double[] numeric = extrapolatedDifferences(network, batch, step);
        double score = network.score(batch);
        return Report.of("gradient of the score: " + ANALYTIC + " vs " + NUMERIC
                        + " (extrapolated central differences, h " + step + ")", network.spec(),
                new RelativeError(0, absoluteTolerance), ANALYTIC, analyticScore, analytic, NUMERIC, score, numeric);
    }

    /** ∂score/∂θ as (4·D(h) − D(2h)) / 3 from central differences D; the parameters are restored. */
    public static double[] extrapolatedDifferences(ScratchNetwork network, SequenceBatch batch, double step) {
        double[] fine = NumericalGradient.ofScore(network, batch, step);
        double[] coarse = NumericalGradient.ofScore(network, batch, 2 * step);
        double[] result = new double[fine.length];
        for (int k = 0; k < result.length; k++) {
            result[k] = (4 * fine[k] - coarse[k]) / 3;
        }
        return result;
    }
}

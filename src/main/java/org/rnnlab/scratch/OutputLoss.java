package org.rnnlab.scratch;

import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.OutputActivation;

/**
 * The output activation and the loss of one (example, step), with ND4J's formulas and scaling
 * (LossMSE, LossBinaryXENT, LossMCXENT):
 * <ul>
 *   <li>MSE: Σ_k (ŷ_k − y_k)² / nOut; ∂/∂ŷ = 2(ŷ − y)/nOut.</li>
 *   <li>XENT: −Σ_k [y ln ŷ + (1 − y) ln(1 − ŷ)] with ŷ clipped to [1e-5, 1 − 1e-5]; ∂/∂ŷ uses the
 *       clipped ŷ, (ŷ − y)/(ŷ(1 − ŷ)), and is then taken through the activation as if unclipped.</li>
 *   <li>MCXENT: −Σ_k y ln ŷ with ŷ clipped to [1e-10, 1 − 1e-10]; ∂/∂z = ŷ − y, exact when each
 *       label row sums to 1 (ND4J takes it for softmax whatever the labels).</li>
 * </ul>
 * The pairs DL4J's output-layer validation refuses are refused here too: XENT and MCXENT need
 * probabilities, XENT goes with sigmoid and MCXENT with softmax, and softmax needs nOut ≥ 2.
 */
final class OutputLoss {

    static final double XENT_CLIP = 1e-5;
    static final double SOFTMAX_CLIP = 1e-10;

    private final LossKind loss;
    private final OutputActivation activation;
    /** ∂loss/∂ŷ, reused. */
    private final double[] dYHat;

    OutputLoss(LossKind loss, OutputActivation activation, int nOut) {
        if (activation == OutputActivation.SOFTMAX && nOut == 1) {
            throw new IllegalArgumentException("softmax with nOut = 1 always outputs 1.0; use nOut >= 2 or sigmoid");
        }
        OutputActivation required = loss.requiredActivation();
        if (required != null && required != activation) {
            throw new IllegalArgumentException("loss " + loss + " needs a " + required.key() + " output, got "
                    + activation.key());
        }
        this.loss = loss;
        this.activation = activation;
        this.dYHat = new double[nOut];
    }

    /** ŷ = act(z); z and yHat may be the same array. */
    void activate(double[] z, double[] yHat) {
        int nOut = z.length;
        switch (activation) {
            case IDENTITY -> System.arraycopy(z, 0, yHat, 0, nOut);
            case SIGMOID -> {
                for (int k = 0; k < nOut; k++) {
                    yHat[k] = 1 / (1 + Math.exp(-z[k]));
                }
            }
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < nOut; k++) {
                    max = Math.max(max, z[k]);
                }
                double sum = 0;
                for (int k = 0; k < nOut; k++) {
                    yHat[k] = Math.exp(z[k] - max);
                    sum += yHat[k];
                }
                for (int k = 0; k < nOut; k++) {
                    yHat[k] /= sum;
                }
            }
        }
    }

    /** The loss of one (example, step), before the label mask and the 1/mb of the score. */
    double loss(double[] yHat, double[] y) {
        int nOut = y.length;
        double sum = 0;
        switch (loss) {
            case MSE -> {
                for (int k = 0; k < nOut; k++) {
                    double diff = y[k] - yHat[k];
                    sum += diff * diff;
                }
                return sum / nOut;
            }
            case XENT -> {
                for (int k = 0; k < nOut; k++) {
                    double p = clip(yHat[k], XENT_CLIP);
                    sum += y[k] * Math.log(p) + (1 - y[k]) * Math.log(1 - p);
                }
                return -sum;
            }
            case MCXENT -> {
                for (int k = 0; k < nOut; k++) {
                    sum += y[k] * Math.log(clip(yHat[k], SOFTMAX_CLIP));
                }
                return -sum;
            }
            default -> throw new IllegalStateException("unknown loss " + loss);
        }
    }

    /** dz = ∂loss/∂z of one (example, step), as ND4J computes it, before the label mask. */
    void gradient(double[] yHat, double[] y, double[] dz) {
        int nOut = y.length;
        switch (loss) {
            case MSE -> {
                for (int k = 0; k < nOut; k++) {
                    dYHat[k] = (yHat[k] - y[k]) * 2;
                }
                throughActivation(yHat, dz);
                for (int k = 0; k < nOut; k++) {
                    dz[k] /= nOut;
                }
            }
            case XENT -> {
                for (int k = 0; k < nOut; k++) {
                    double p = clip(yHat[k], XENT_CLIP);
                    dYHat[k] = (p - y[k]) / (p * (1 - p));
                }
                throughActivation(yHat, dz);
            }
            case MCXENT -> {
                for (int k = 0; k < nOut; k++) {
                    dz[k] = yHat[k] - y[k];
                }
            }
            default -> throw new IllegalStateException("unknown loss " + loss);
        }
    }

    /** dz = dYHat taken back through the activation: ŷ = act(z). */
    private void throughActivation(double[] yHat, double[] dz) {
        int nOut = yHat.length;
        switch (activation) {
            case IDENTITY -> System.arraycopy(dYHat, 0, dz, 0, nOut);
            case SIGMOID -> {
                for (int k = 0; k < nOut; k++) {
                    dz[k] = (yHat[k] * (1 - yHat[k])) * dYHat[k];
                }
            }
            case SOFTMAX -> {
                double dot = 0;
                for (int k = 0; k < nOut; k++) {
                    dot += dYHat[k] * yHat[k];
                }
                for (int k = 0; k < nOut; k++) {
                    dz[k] = yHat[k] * (dYHat[k] - dot);
                }
            }
        }
    }

    private static double clip(double p, double eps) {
        return Math.min(Math.max(p, eps), 1 - eps);
    }
}

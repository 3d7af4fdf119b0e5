package org.rnnlab.scratch;

/**
 * Adam as ND4J's {@code adam_updater} computes it, with state per parameter:
 * <pre>
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   α_t = lr · sqrt(1 − β2^t) / (1 − β1^t)       t = iteration + 1
 *   θ ← θ − α_t · m / (sqrt(v) + ε)
 * </pre>
 * The bias correction is folded into the step size, and ε is added to sqrt(v) uncorrected.
 */
public final class AdamUpdater implements Updater {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;

    public AdamUpdater(double learningRate, double beta1, double beta2, double epsilon, int size) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[size];
        this.v = new double[size];
    }

    @Override
    public void step(double[] params, double[] gradient, int iteration) {
        if (params.length != m.length || gradient.length != m.length) {
            throw new IllegalArgumentException("Adam holds state for " + m.length + " parameters, got "
                    + params.length + " parameters and " + gradient.length + " gradient entries");
        }
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(beta2, iteration + 1))
                / (1 - Math.pow(beta1, iteration + 1));
        for (int k = 0; k < params.length; k++) {
            double g = gradient[k];
            m[k] = beta1 * m[k] + g * (1 - beta1);
            v[k] = beta2 * v[k] + g * g * (1 - beta2);
            params[k] -= (m[k] * stepSize) / (Math.sqrt(v[k]) + epsilon);
        }
    }

    /** First-moment estimate of parameter k. */
    public double firstMoment(int k) {
        return m[k];
    }

    /** Second-moment estimate of parameter k. */
    public double secondMoment(int k) {
        return v[k];
    }

    /** m, then v. */
    @Override
    public double[] state() {
        double[] state = new double[2 * m.length];
        System.arraycopy(m, 0, state, 0, m.length);
        System.arraycopy(v, 0, state, m.length, v.length);
        return state;
    }

    @Override
    public void setState(double[] state) {
        if (state.length != 2 * m.length) {
            throw new IllegalArgumentException("Adam's state for " + m.length + " parameters is " + 2 * m.length
                    + " values (first moments, then second moments), got " + state.length);
        }
        System.arraycopy(state, 0, m, 0, m.length);
        System.arraycopy(state, m.length, v, 0, v.length);
    }
}

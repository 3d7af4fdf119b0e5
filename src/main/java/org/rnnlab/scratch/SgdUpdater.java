package org.rnnlab.scratch;

/** Plain gradient descent: θ ← θ − lr·g. */
public final class SgdUpdater implements Updater {

    private final double learningRate;

    public SgdUpdater(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void step(double[] params, double[] gradient, int iteration) {
        if (params.length != gradient.length) {
            throw new IllegalArgumentException("parameters (" + params.length + ") and gradient (" + gradient.length
                    + ") differ in length");
        }
        for (int k = 0; k < params.length; k++) {
            params[k] -= gradient[k] * learningRate;
        }
    }

    /** Plain SGD keeps no state between steps. */
    @Override
    public double[] state() {
        return new double[0];
    }

    @Override
    public void setState(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("SGD keeps no state, got " + state.length + " values");
        }
    }
}

package org.rnnlab.scratch;

/**
 * DL4J's SimpleRnn with tanh, in row-vector form:
 * <pre>
 *   h_t = m_t · tanh(x_t·W + h_{t−1}·RW + b)        h_{−1} = initial state (zeros by default)
 * </pre>
 * where m_t is the feature mask (1 without one). As in DL4J, a masked step outputs zeros and the
 * next step sees that zero as h_{t−1}: the state restarts after a masked step.
 * {@link SimpleRnnReference} is the same cell written to be read, forward and backward on one page.
 */
final class SimpleRnnLayer extends StepwiseLayer<SummedWeights> {

    /** hs[e][t] = h_t of example e. */
    private double[][][] hs = new double[0][0][];

    SimpleRnnLayer(RecurrentBlocks blocks, int hidden) {
        super(new SummedWeights(blocks), hidden);
    }

    @Override
    void reserveSteps(int miniBatch, int steps) {
        if (hs.length < miniBatch || hs[0].length < steps) {
            hs = new double[miniBatch][steps][n];
        }
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    /** z = x_t·W + h_{t−1}·RW + b, built in h itself. */
    @Override
    void preActivations(int from, int to) {
        for (int e = from; e < to; e++) {
            rows.outputs[e] = hs[e][t];
        }
        weights.preActivations(from, to, rows.inputs, rows.previous, rows.outputs);
    }

    /** h_t = m · tanh(z_t). */
    @Override
    void activate(int from, int to) {
        for (int e = from; e < to; e++) {
            double[] h = hs[e][t];
            double m = RecurrentLayer.maskAt(featureMask, e, t);
            for (int j = 0; j < n; j++) {
                h[j] = m * Activations.tanh(h[j]);
            }
        }
    }

    @Override
    void computeDeltas(int from, int to) {
        for (int e = from; e < to; e++) {
            double[] h = hs[e][t];
            double[] dz = deltaRow(e);
            double[] dhNextE = dhNext[e];
            double[] dhAboveE = dhAbove[e][t];
            double m = RecurrentLayer.maskAt(featureMask, e, t);
            // dh = dh from the layer above at this step + dh from step t+1 through RW;
            // h = m · tanh(z)  ⇒  dz = (1 − tanh²(z)) · dh · m   (h = 0 where m = 0, so dz = 0 there)
            for (int j = 0; j < n; j++) {
                double dh = dhAboveE[j] + dhNextE[j];
                dz[j] = (1 - h[j] * h[j]) * dh * m;
            }
        }
    }

    @Override
    public RecurrentState newState(int miniBatch) {
        return new RecurrentState(miniBatch, n, false);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        for (int e = 0; e < miniBatch; e++) {
            System.arraycopy(hs[e][steps - 1], 0, into.h[e], 0, n);
        }
    }
}

package org.rnnlab.scratch;

/**
 * DL4J's SimpleRnn (tanh) written to be read: the forward pass and backpropagation through time
 * for one example at a time, in plain loops, in the order of the equations. {@link SimpleRnnLayer}
 * computes the same numbers fast (blocked products over the whole minibatch, on threads); tests
 * hold the two together to 1e-13.
 *
 * <p>Forward, in DL4J's names and row-vector convention (x_t and h_t are rows):
 * <pre>
 *   z_t = x_t·W + h_{t−1}·RW + b             W [nIn, n], RW [n, n], b [n]
 *   h_t = m_t · tanh(z_t)                    h_{−1} = the initial state (zeros without one)
 * </pre>
 * where m_t is the feature mask (1 without one). As in DL4J, a masked step outputs zeros and the
 * next step reads that zero as h_{t−1}: the state restarts after a masked step.
 *
 * <p>Backward, from dhAbove_t = ∂L/∂h_t sent by the layer above, for t = T−1 down to 0:
 * <pre>
 *   dh   = dhAbove_t + dhNext                dhNext: what step t+1 sent back (0 at the last step)
 *   dz   = tanh'(z_t) · dh · m_t              tanh' = 1 − h_t², written with the output
 *   db  += dz       dW += x_tᵀ·dz       dRW += h_{t−1}ᵀ·dz
 *   dx_t = dz·Wᵀ    (to the layer below)    dhNext = dz·RWᵀ  (to step t−1)
 * </pre>
 * The forward pass keeps hs[t] = h_t, which the backward pass reads back; dW, dRW and db are
 * summed over steps and examples, then added to the flat gradient in DL4J's column-major layout.
 *
 * <p>The backward pass's judgement calls are protected methods ({@link #h}, {@link #dhAt},
 * {@link #tanhDerivative}), so that a test can replace one of them with a known mistake and show
 * that the cross-check against DL4J catches it.
 */
class SimpleRnnReference extends ReferenceCell {

    SimpleRnnReference(RecurrentBlocks blocks, int hidden) {
        super(blocks, hidden, false);
    }

    @Override
    public void forward(double[] params, double[][][] xs, int miniBatch, int steps, double[][] featureMask,
                        RecurrentState initial) {
        begin(params, initial, steps);
        for (int e = 0; e < miniBatch; e++) {
            double[] hPrev = initialH(e);
            for (int t = 0; t < steps; t++) {
                double[] x = xs[e][t];
                double[] h = hs[e][t];
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                // z = x·W + h_{t−1}·RW + b,  h = m · tanh(z)
                for (int j = 0; j < n; j++) {
                    double z = b[j];
                    for (int k = 0; k < nIn; k++) {
                        z += x[k] * W[k][j];
                    }
                    for (int k = 0; k < n; k++) {
                        z += hPrev[k] * RW[k][j];
                    }
                    h[j] = m * Activations.tanh(z);
                }
                hPrev = h;
            }
        }
    }

    @Override
    public void backward(double[] params, double[][][] xs, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        begin(params, initial, steps);
        double[][] dW = new double[nIn][n];
        double[][] dRW = new double[n][n];
        double[] db = new double[n];
        for (int e = 0; e < miniBatch; e++) {
            double[] dhNext = new double[n];
            for (int t = steps - 1; t >= 0; t--) {
                double[] x = xs[e][t];
                double[] h = h(e, t);
                double[] hPrev = h(e, t - 1);
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                double[] dx = dxRow(dxBelow, e, t);
                double[] dhPrev = new double[n];
                for (int j = 0; j < n; j++) {
                    double dh = dhAt(dhAbove[e][t][j], dhNext[j]);
                    // h = m · tanh(z)
                    double dz = tanhDerivative(h[j]) * dh * m;
                    // z = x·W + h_{t−1}·RW + b
                    db[j] += dz;
                    for (int k = 0; k < nIn; k++) {
                        dW[k][j] += x[k] * dz;
                        dx[k] += dz * W[k][j];
                    }
                    for (int k = 0; k < n; k++) {
                        dRW[k][j] += hPrev[k] * dz;
                        dhPrev[k] += dz * RW[k][j];
                    }
                }
                dhNext = dhPrev;
            }
        }
        addGradients(grad, dW, dRW, db);
    }

    /**
     * h_t of example e as the forward pass kept it, read back by the backward pass; t = −1 is the
     * initial state.
     */
    protected double[] h(int e, int t) {
        return t >= 0 ? hs[e][t] : initialH(e);
    }

    @Override
    public void reserve(int miniBatch, int steps) {
        hs = perStep(hs, miniBatch, steps, n);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        for (int e = 0; e < miniBatch; e++) {
            into.set(e, hs[e][steps - 1], null);
        }
    }
}

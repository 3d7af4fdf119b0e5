package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * DL4J's SimpleRnn with tanh, in row-vector form:
 * <pre>
 *   h_t = m_t · tanh(x_t·W + h_{t−1}·RW + b)        h_{−1} = initial state (zeros by default)
 * </pre>
 * where m_t is the feature mask (1 without one). As in DL4J, a masked step outputs zeros and the
 * next step sees that zero as h_{t−1}: the state restarts after a masked step.
 */
final class SimpleRnnLayer implements RecurrentLayer {

    private final ParamBlock w;
    private final ParamBlock rw;
    private final ParamBlock b;
    private final int n;

    /** hs[e][t] = h_t of example e. */
    private double[][][] hs = new double[0][0][];
    /** Backward work rows, reused at every step: dh = ∂L/∂h_t, dz = ∂L/∂z_t, dhNext = ∂L/∂h_{t−1}. */
    private final double[] dh;
    private final double[] dz;
    private final double[] dhNext;

    SimpleRnnLayer(ParamBlock w, ParamBlock rw, ParamBlock b) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.n = b.cols();
        this.dh = new double[n];
        this.dz = new double[n];
        this.dhNext = new double[n];
    }

    @Override
    public int hidden() {
        return n;
    }

    @Override
    public void reserve(int miniBatch, int steps) {
        if (hs.length < miniBatch || hs[0].length < steps) {
            hs = new double[miniBatch][steps][n];
        }
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    @Override
    public void forward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                        RecurrentState initial) {
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                double[] hPrev = previousH(e, t, initial);
                double[] h = hs[e][t];
                // z = x_t·W + h_{t−1}·RW + b, built in h
                RowKernels.copyVector(params, b.offset(), n, h);
                RowKernels.addRowTimesMatrix(x[e][t], params, w.offset(), w.rows(), n, h);
                if (hPrev != null) {
                    RowKernels.addRowTimesMatrix(hPrev, params, rw.offset(), n, n, h);
                }
                // h = m · tanh(z)
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                for (int j = 0; j < n; j++) {
                    h[j] = m * Math.tanh(h[j]);
                }
            }
        }
    }

    @Override
    public void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        for (int e = 0; e < miniBatch; e++) {
            Arrays.fill(dhNext, 0);
            for (int t = steps - 1; t >= 0; t--) {
                double[] hPrev = previousH(e, t, initial);
                double[] h = hs[e][t];
                // dh: from the layer above at this step, and from step t+1 through RW
                for (int j = 0; j < n; j++) {
                    dh[j] = dhAbove[e][t][j] + dhNext[j];
                }
                // h = m · tanh(z)  ⇒  dz = (1 − tanh²(z)) · dh · m   (h = 0 where m = 0, so dz = 0 there)
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                for (int j = 0; j < n; j++) {
                    dz[j] = (1 - h[j] * h[j]) * dh[j] * m;
                }
                // z = x_t·W + h_{t−1}·RW + b
                RowKernels.addOuter(x[e][t], dz, grad, w.offset(), w.rows(), n);
                if (hPrev != null) {
                    RowKernels.addOuter(hPrev, dz, grad, rw.offset(), n, n);
                }
                RowKernels.addVector(dz, grad, b.offset(), n);
                if (dxBelow != null) {
                    Arrays.fill(dxBelow[e][t], 0, w.rows(), 0);
                    RowKernels.addRowTimesTranspose(dz, params, w.offset(), w.rows(), n, dxBelow[e][t]);
                }
                Arrays.fill(dhNext, 0);
                RowKernels.addRowTimesTranspose(dz, params, rw.offset(), n, n, dhNext);
            }
        }
    }

    /** h_{t−1} of example e: the previous step, the initial state, or null (zeros) at the start. */
    private double[] previousH(int e, int t, RecurrentState initial) {
        if (t > 0) {
            return hs[e][t - 1];
        }
        return initial == null ? null : initial.h[e];
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

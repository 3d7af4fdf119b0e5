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
    /** Backward work rows per example, reused at every step: dz = ∂L/∂z_t, dhNext = ∂L/∂h_{t−1}. */
    private double[][] dz = new double[0][];
    private double[][] dhNext = new double[0][];
    /** This step's row of every example (references into x, hs, ...), so one product serves the minibatch. */
    private double[][] inputs = new double[0][];
    private double[][] previous = new double[0][];
    private double[][] outputs = new double[0][];

    SimpleRnnLayer(ParamBlock w, ParamBlock rw, ParamBlock b) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.n = b.cols();
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
        if (dz.length < miniBatch) {
            dz = new double[miniBatch][n];
            dhNext = new double[miniBatch][n];
            inputs = new double[miniBatch][];
            previous = new double[miniBatch][];
            outputs = new double[miniBatch][];
        }
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    @Override
    public void forward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                        RecurrentState initial) {
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < miniBatch; e++) {
                inputs[e] = x[e][t];
                previous[e] = previousH(e, t, initial);
                outputs[e] = hs[e][t];
                RowKernels.copyVector(params, b.offset(), n, outputs[e]);
            }
            // z = x_t·W + h_{t−1}·RW + b, built in h for every example
            RowKernels.addRowsTimesMatrix(inputs, miniBatch, params, w.offset(), w.rows(), n, outputs);
            if (previous[0] != null) {
                RowKernels.addRowsTimesMatrix(previous, miniBatch, params, rw.offset(), n, n, outputs);
            }
            // h = m · tanh(z)
            for (int e = 0; e < miniBatch; e++) {
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                double[] h = outputs[e];
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
            Arrays.fill(dhNext[e], 0);
        }
        for (int t = steps - 1; t >= 0; t--) {
            for (int e = 0; e < miniBatch; e++) {
                double[] h = hs[e][t];
                double[] dzE = dz[e];
                double[] dhNextE = dhNext[e];
                double[] dhAboveE = dhAbove[e][t];
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                // dh = dh from the layer above at this step + dh from step t+1 through RW;
                // h = m · tanh(z)  ⇒  dz = (1 − tanh²(z)) · dh · m   (h = 0 where m = 0, so dz = 0 there)
                for (int j = 0; j < n; j++) {
                    double dh = dhAboveE[j] + dhNextE[j];
                    dzE[j] = (1 - h[j] * h[j]) * dh * m;
                }
                inputs[e] = x[e][t];
                previous[e] = previousH(e, t, initial);
            }
            // z = x_t·W + h_{t−1}·RW + b
            RowKernels.addOuters(inputs, dz, miniBatch, grad, w.offset(), w.rows(), n);
            if (previous[0] != null) {
                RowKernels.addOuters(previous, dz, miniBatch, grad, rw.offset(), n, n);
            }
            for (int e = 0; e < miniBatch; e++) {
                RowKernels.addVector(dz[e], grad, b.offset(), n);
            }
            if (dxBelow != null) {
                for (int e = 0; e < miniBatch; e++) {
                    outputs[e] = dxBelow[e][t];
                    Arrays.fill(outputs[e], 0, w.rows(), 0);
                }
                RowKernels.addRowsTimesTranspose(dz, miniBatch, params, w.offset(), w.rows(), n, outputs);
            }
            for (int e = 0; e < miniBatch; e++) {
                Arrays.fill(dhNext[e], 0);
            }
            RowKernels.addRowsTimesTranspose(dz, miniBatch, params, rw.offset(), n, n, dhNext);
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

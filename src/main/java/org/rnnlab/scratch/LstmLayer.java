package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * DL4J's LSTM (no peepholes), in row-vector form. The 4n columns of W, RW and b hold DL4J's gate
 * blocks in the order [a, f, o, i]:
 * <pre>
 *   z_t = x_t·W + h_{t−1}·RW + b          (1 × 4n, blocks z_a z_f z_o z_i)
 *   a_t = tanh(z_a)                       block input
 *   f_t = σ(z_f)                          forget gate
 *   o_t = σ(z_o)                          output gate
 *   i_t = σ(z_i)                          input gate
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ a_t
 *   h_t = o_t ⊙ tanh(c_t)                 h_{−1}, c_{−1} = initial state (zeros by default)
 * </pre>
 * The feature mask is ignored, as in DL4J 1.0.0-M2.1's MultiLayerNetwork: its LSTM layer never
 * receives the mask ({@code LSTM.feedForwardMaskArray} passes it on without keeping it), so padded
 * steps run like any other and the state carries through them.
 */
final class LstmLayer implements RecurrentLayer {

    /** Gate block order in W, RW and b. */
    private static final int A = 0;
    private static final int F = 1;
    private static final int O = 2;
    private static final int I = 3;

    private final ParamBlock w;
    private final ParamBlock rw;
    private final ParamBlock b;
    private final int n;

    /** Per example e and step t: gates[e][t] = [a, f, o, i] after activation, then c, tanh(c), h. */
    private double[][][] gates = new double[0][0][];
    private double[][][] cs = new double[0][0][];
    private double[][][] tanhCs = new double[0][0][];
    private double[][][] hs = new double[0][0][];

    /** Backward work rows, reused at every step; each mirrors the forward quantity it is named after. */
    private final double[] dh;
    private final double[] dc;
    /** Per example: ∂L/∂[a, f, o, i] pre-activation, and what flows into step t−1. */
    private double[][] dGates = new double[0][];
    private double[][] dhNext = new double[0][];
    private double[][] dcNext = new double[0][];
    /** This step's row of every example (references into x, hs, ...), so one product serves the minibatch. */
    private double[][] inputs = new double[0][];
    private double[][] previous = new double[0][];
    private double[][] outputs = new double[0][];

    LstmLayer(ParamBlock w, ParamBlock rw, ParamBlock b) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.n = b.cols() / 4;
        this.dh = new double[n];
        this.dc = new double[n];
    }

    @Override
    public int hidden() {
        return n;
    }

    @Override
    public void reserve(int miniBatch, int steps) {
        if (hs.length < miniBatch || hs[0].length < steps) {
            gates = new double[miniBatch][steps][4 * n];
            cs = new double[miniBatch][steps][n];
            tanhCs = new double[miniBatch][steps][n];
            hs = new double[miniBatch][steps][n];
        }
        if (dGates.length < miniBatch) {
            dGates = new double[miniBatch][4 * n];
            dhNext = new double[miniBatch][n];
            dcNext = new double[miniBatch][n];
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
                outputs[e] = gates[e][t];
                RowKernels.copyVector(params, b.offset(), 4 * n, outputs[e]);
            }
            // z = x_t·W + h_{t−1}·RW + b, built in g for every example
            RowKernels.addRowsTimesMatrix(inputs, miniBatch, params, w.offset(), w.rows(), 4 * n, outputs);
            if (previous[0] != null) {
                RowKernels.addRowsTimesMatrix(previous, miniBatch, params, rw.offset(), n, 4 * n, outputs);
            }
            for (int e = 0; e < miniBatch; e++) {
                double[] cPrev = previousC(e, t, initial);
                double[] g = gates[e][t];
                double[] c = cs[e][t];
                double[] tanhC = tanhCs[e][t];
                double[] h = hs[e][t];
                for (int j = 0; j < n; j++) {
                    double a = Math.tanh(g[A * n + j]);
                    double f = sigmoid(g[F * n + j]);
                    double o = sigmoid(g[O * n + j]);
                    double i = sigmoid(g[I * n + j]);
                    g[A * n + j] = a;
                    g[F * n + j] = f;
                    g[O * n + j] = o;
                    g[I * n + j] = i;
                    c[j] = (cPrev == null ? 0 : cPrev[j] * f) + i * a;
                    tanhC[j] = Math.tanh(c[j]);
                    h[j] = tanhC[j] * o;
                }
            }
        }
    }

    @Override
    public void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        for (int e = 0; e < miniBatch; e++) {
            Arrays.fill(dhNext[e], 0);
            Arrays.fill(dcNext[e], 0);
        }
        for (int t = steps - 1; t >= 0; t--) {
            for (int e = 0; e < miniBatch; e++) {
                double[] cPrev = previousC(e, t, initial);
                double[] g = gates[e][t];
                double[] tanhC = tanhCs[e][t];
                double[] dG = dGates[e];
                double[] dcNextE = dcNext[e];
                // dh: from the layer above at this step, and from step t+1 through RW
                for (int j = 0; j < n; j++) {
                    dh[j] = dhAbove[e][t][j] + dhNext[e][j];
                }
                for (int j = 0; j < n; j++) {
                    double a = g[A * n + j];
                    double f = g[F * n + j];
                    double o = g[O * n + j];
                    double i = g[I * n + j];
                    // h = o ⊙ tanh(c)
                    dG[O * n + j] = (dh[j] * tanhC[j]) * (o * (1 - o));
                    dc[j] = (1 - tanhC[j] * tanhC[j]) * (o * dh[j]) + dcNextE[j];
                    // c = f ⊙ c_{t−1} + i ⊙ a
                    dG[F * n + j] = cPrev == null ? 0 : ((f * (1 - f)) * dc[j]) * cPrev[j];
                    dG[I * n + j] = ((i * (1 - i)) * a) * dc[j];
                    dG[A * n + j] = (1 - a * a) * (i * dc[j]);
                    // into c_{t−1}
                    dcNextE[j] = f * dc[j];
                }
                inputs[e] = x[e][t];
                previous[e] = previousH(e, t, initial);
            }
            // z = x_t·W + h_{t−1}·RW + b
            RowKernels.addOuters(inputs, dGates, miniBatch, grad, w.offset(), w.rows(), 4 * n);
            if (previous[0] != null) {
                RowKernels.addOuters(previous, dGates, miniBatch, grad, rw.offset(), n, 4 * n);
            }
            for (int e = 0; e < miniBatch; e++) {
                RowKernels.addVector(dGates[e], grad, b.offset(), 4 * n);
            }
            if (dxBelow != null) {
                for (int e = 0; e < miniBatch; e++) {
                    outputs[e] = dxBelow[e][t];
                    Arrays.fill(outputs[e], 0, w.rows(), 0);
                }
                RowKernels.addRowsTimesTranspose(dGates, miniBatch, params, w.offset(), w.rows(), 4 * n, outputs);
            }
            for (int e = 0; e < miniBatch; e++) {
                Arrays.fill(dhNext[e], 0);
            }
            RowKernels.addRowsTimesTranspose(dGates, miniBatch, params, rw.offset(), n, 4 * n, dhNext);
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** h_{t−1} of example e: the previous step, the initial state, or null (zeros) at the start. */
    private double[] previousH(int e, int t, RecurrentState initial) {
        if (t > 0) {
            return hs[e][t - 1];
        }
        return initial == null ? null : initial.h[e];
    }

    /** c_{t−1} of example e: the previous step, the initial state, or null (zeros) at the start. */
    private double[] previousC(int e, int t, RecurrentState initial) {
        if (t > 0) {
            return cs[e][t - 1];
        }
        return initial == null ? null : initial.c[e];
    }

    @Override
    public RecurrentState newState(int miniBatch) {
        return new RecurrentState(miniBatch, n, true);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        for (int e = 0; e < miniBatch; e++) {
            System.arraycopy(hs[e][steps - 1], 0, into.h[e], 0, n);
            System.arraycopy(cs[e][steps - 1], 0, into.c[e], 0, n);
        }
    }
}

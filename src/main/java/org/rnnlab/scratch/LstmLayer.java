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
 * steps run like any other and the state carries through them. {@link LstmReference} is the same
 * cell written to be read, forward and backward on one page.
 */
final class LstmLayer extends StepwiseLayer<SummedWeights> {

    /** Gate block order in W, RW and b. */
    private static final int A = 0;
    private static final int F = 1;
    private static final int O = 2;
    private static final int I = 3;

    /** Per example e and step t: gates[e][t] = [a, f, o, i] after activation, then c, tanh(c), h. */
    private double[][][] gates = new double[0][0][];
    private double[][][] cs = new double[0][0][];
    private double[][][] tanhCs = new double[0][0][];
    private double[][][] hs = new double[0][0][];
    /** ∂L/∂c_{t−1} per example, handed from step t to step t−1 in the backward pass. */
    private double[][] dcNext = new double[0][];

    LstmLayer(RecurrentBlocks blocks, int hidden) {
        super(new SummedWeights(blocks), hidden);
    }

    @Override
    void reserveSteps(int miniBatch, int steps) {
        if (hs.length < miniBatch || hs[0].length < steps) {
            gates = new double[miniBatch][steps][4 * n];
            cs = new double[miniBatch][steps][n];
            tanhCs = new double[miniBatch][steps][n];
            hs = new double[miniBatch][steps][n];
        }
        if (dcNext.length < miniBatch) {
            dcNext = new double[miniBatch][n];
        }
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    /** z = x_t·W + h_{t−1}·RW + b, built in the gate row, blocks [z_a, z_f, z_o, z_i]. */
    @Override
    void preActivations(int from, int to) {
        for (int e = from; e < to; e++) {
            rows.outputs[e] = gates[e][t];
        }
        weights.preActivations(from, to, rows.inputs, rows.previous, rows.outputs);
    }

    @Override
    void activate(int from, int to) {
        for (int e = from; e < to; e++) {
            double[] cPrev = previousC(e);
            double[] g = gates[e][t];
            double[] c = cs[e][t];
            double[] tanhC = tanhCs[e][t];
            double[] h = hs[e][t];
            for (int j = 0; j < n; j++) {
                double a = Activations.tanh(g[A * n + j]);
                double f = Activations.sigmoid(g[F * n + j]);
                double o = Activations.sigmoid(g[O * n + j]);
                double i = Activations.sigmoid(g[I * n + j]);
                g[A * n + j] = a;
                g[F * n + j] = f;
                g[O * n + j] = o;
                g[I * n + j] = i;
                c[j] = (cPrev == null ? 0 : cPrev[j] * f) + i * a;
                tanhC[j] = Activations.tanh(c[j]);
                h[j] = tanhC[j] * o;
            }
        }
    }

    @Override
    void clearCarried(int miniBatch) {
        super.clearCarried(miniBatch);
        for (int e = 0; e < miniBatch; e++) {
            Arrays.fill(dcNext[e], 0);
        }
    }

    /** ∂L/∂[a, f, o, i] before activation, and ∂L/∂c_{t−1} for the step before. */
    @Override
    void computeDeltas(int from, int to) {
        for (int e = from; e < to; e++) {
            double[] cPrev = previousC(e);
            double[] g = gates[e][t];
            double[] tanhC = tanhCs[e][t];
            double[] dG = deltaRow(e);
            double[] dhAboveE = dhAbove[e][t];
            double[] dhNextE = dhNext[e];
            double[] dcNextE = dcNext[e];
            for (int j = 0; j < n; j++) {
                // dh: from the layer above at this step, and from step t+1 through RW
                double dh = dhAboveE[j] + dhNextE[j];
                double a = g[A * n + j];
                double f = g[F * n + j];
                double o = g[O * n + j];
                double i = g[I * n + j];
                // h = o ⊙ tanh(c)
                dG[O * n + j] = (dh * tanhC[j]) * (o * (1 - o));
                double dc = (1 - tanhC[j] * tanhC[j]) * (o * dh) + dcNextE[j];
                // c = f ⊙ c_{t−1} + i ⊙ a
                dG[F * n + j] = cPrev == null ? 0 : ((f * (1 - f)) * dc) * cPrev[j];
                dG[I * n + j] = ((i * (1 - i)) * a) * dc;
                dG[A * n + j] = (1 - a * a) * (i * dc);
                // into c_{t−1}
                dcNextE[j] = f * dc;
            }
        }
    }

    /** c_{t−1} of example e at the current step: the previous step, the initial state, or null (zeros). */
    private double[] previousC(int e) {
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

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

    private final LayerWeights weights;
    private final int n;
    private Workers workers = Workers.SINGLE;

    /** Per example e and step t: gates[e][t] = [a, f, o, i] after activation, then c, tanh(c), h. */
    private double[][][] gates = new double[0][0][];
    private double[][][] cs = new double[0][0][];
    private double[][][] tanhCs = new double[0][0][];
    private double[][][] hs = new double[0][0][];

    /** Backward work rows per example, reused at every step: what flows into step t−1. */
    private double[][] dhNext = new double[0][];
    private double[][] dcNext = new double[0][];
    private final StepRows rows = new StepRows();

    /** The pass in progress, read by the per-step loops below (which may run on several threads). */
    private double[][][] x;
    private RecurrentState initial;
    private double[][][] dhAbove;
    private double[][][] dxBelow;
    private int t;
    private final Workers.Range forwardExamples = (from, to, part) -> forwardStep(from, to);
    private final Workers.Range backwardExamples = (from, to, part) -> backwardStep(from, to);
    private final Workers.Range gradientColumns = this::addPendingColumns;

    LstmLayer(ParamBlock w, ParamBlock rw, ParamBlock b) {
        this.weights = new LayerWeights(w, rw, b);
        this.n = b.cols() / 4;
    }

    @Override
    public int hidden() {
        return n;
    }

    @Override
    public void useWorkers(Workers workers) {
        this.workers = workers;
    }

    @Override
    public void reserve(int miniBatch, int steps) {
        if (hs.length < miniBatch || hs[0].length < steps) {
            gates = new double[miniBatch][steps][4 * n];
            cs = new double[miniBatch][steps][n];
            tanhCs = new double[miniBatch][steps][n];
            hs = new double[miniBatch][steps][n];
        }
        if (dhNext.length < miniBatch) {
            dhNext = new double[miniBatch][n];
            dcNext = new double[miniBatch][n];
        }
        rows.reserve(miniBatch);
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    @Override
    public void forward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                        RecurrentState initial) {
        weights.loadForward(params);
        begin(x, initial);
        for (t = 0; t < steps; t++) {
            workers.forRange(miniBatch, weights.workPerExample(), forwardExamples);
        }
        end();
    }

    /** One step of the cell for examples [from, to). */
    private void forwardStep(int from, int to) {
        for (int e = from; e < to; e++) {
            rows.inputs[e] = x[e][t];
            rows.previous[e] = previousH(e, t, initial);
            rows.outputs[e] = gates[e][t];
        }
        // z = x_t·W + h_{t−1}·RW + b, built in the gate rows
        weights.preActivations(from, to, rows.inputs, rows.previous, rows.outputs);
        for (int e = from; e < to; e++) {
            double[] cPrev = previousC(e, t, initial);
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
    public void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        weights.startBackward(params, miniBatch, workers.threads());
        begin(x, initial);
        this.dhAbove = dhAbove;
        this.dxBelow = dxBelow;
        for (int e = 0; e < miniBatch; e++) {
            Arrays.fill(dhNext[e], 0);
            Arrays.fill(dcNext[e], 0);
        }
        for (t = steps - 1; t >= 0; t--) {
            workers.forRange(miniBatch, weights.workPerExample(), backwardExamples);
            if (weights.endStep()) {
                addPendingGradients();
            }
        }
        if (weights.hasPending()) {
            addPendingGradients();
        }
        weights.finishBackward(grad);
        end();
    }

    /** For examples [from, to): the gate gradients of step t, then what flows into step t−1 and x_t. */
    private void backwardStep(int from, int to) {
        for (int e = from; e < to; e++) {
            double[] cPrev = previousC(e, t, initial);
            double[] g = gates[e][t];
            double[] tanhC = tanhCs[e][t];
            // ∂L/∂[a, f, o, i] before activation
            double[] dG = weights.dzRow(e, x[e][t], previousH(e, t, initial));
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
            rows.deltas[e] = dG;
        }
        // z = x_t·W + h_{t−1}·RW + b
        weights.toPreviousStates(from, to, rows.deltas, dhNext);
        if (dxBelow != null) {
            for (int e = from; e < to; e++) {
                rows.outputs[e] = dxBelow[e][t];
            }
            weights.toInputs(from, to, rows.deltas, rows.outputs);
        }
    }

    /** Adds the backward steps waiting in {@link LayerWeights} to the weight gradients, column by column. */
    private void addPendingGradients() {
        workers.forRange(4 * n, weights.pendingWorkPerColumn(), gradientColumns);
        weights.clearPending();
    }

    private void addPendingColumns(int from, int to, int part) {
        weights.addPendingGradients(from, to, part);
    }

    private void begin(double[][][] x, RecurrentState initial) {
        this.x = x;
        this.initial = initial;
    }

    /** Drops the references to the caller's arrays. */
    private void end() {
        x = null;
        initial = null;
        dhAbove = null;
        dxBelow = null;
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

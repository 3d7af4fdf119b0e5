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

    private final LayerWeights weights;
    private final int n;
    private Workers workers = Workers.SINGLE;

    /** hs[e][t] = h_t of example e. */
    private double[][][] hs = new double[0][0][];
    /** Backward work row per example, reused at every step: dhNext = ∂L/∂h_{t−1}. */
    private double[][] dhNext = new double[0][];
    private final StepRows rows = new StepRows();

    /** The pass in progress, read by the per-step loops below (which may run on several threads). */
    private double[][][] x;
    private double[][] featureMask;
    private RecurrentState initial;
    private double[][][] dhAbove;
    private double[][][] dxBelow;
    private int t;
    private final Workers.Range forwardExamples = (from, to, part) -> forwardStep(from, to);
    private final Workers.Range backwardExamples = (from, to, part) -> backwardStep(from, to);
    private final Workers.Range gradientColumns = this::addPendingColumns;

    SimpleRnnLayer(ParamBlock w, ParamBlock rw, ParamBlock b) {
        this.weights = new LayerWeights(w, rw, b);
        this.n = b.cols();
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
            hs = new double[miniBatch][steps][n];
        }
        if (dhNext.length < miniBatch) {
            dhNext = new double[miniBatch][n];
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
        begin(x, featureMask, initial);
        for (t = 0; t < steps; t++) {
            workers.forRange(miniBatch, weights.workPerExample(), forwardExamples);
        }
        end();
    }

    /** h_t = m · tanh(x_t·W + h_{t−1}·RW + b) for examples [from, to). */
    private void forwardStep(int from, int to) {
        for (int e = from; e < to; e++) {
            rows.inputs[e] = x[e][t];
            rows.previous[e] = previousH(e, t, initial);
            rows.outputs[e] = hs[e][t];
        }
        // z = x_t·W + h_{t−1}·RW + b, built in h
        weights.preActivations(from, to, rows.inputs, rows.previous, rows.outputs);
        for (int e = from; e < to; e++) {
            double[] h = hs[e][t];
            double m = RecurrentLayer.maskAt(featureMask, e, t);
            for (int j = 0; j < n; j++) {
                h[j] = m * Activations.tanh(h[j]);
            }
        }
    }

    @Override
    public void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        weights.startBackward(params, miniBatch, workers.threads());
        begin(x, featureMask, initial);
        this.dhAbove = dhAbove;
        this.dxBelow = dxBelow;
        for (int e = 0; e < miniBatch; e++) {
            Arrays.fill(dhNext[e], 0);
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

    /** For examples [from, to): dz_t, then what flows into h_{t−1} and (if asked) into x_t. */
    private void backwardStep(int from, int to) {
        for (int e = from; e < to; e++) {
            double[] h = hs[e][t];
            double[] dzE = weights.dzRow(e, x[e][t], previousH(e, t, initial));
            double[] dhNextE = dhNext[e];
            double[] dhAboveE = dhAbove[e][t];
            double m = RecurrentLayer.maskAt(featureMask, e, t);
            // dh = dh from the layer above at this step + dh from step t+1 through RW;
            // h = m · tanh(z)  ⇒  dz = (1 − tanh²(z)) · dh · m   (h = 0 where m = 0, so dz = 0 there)
            for (int j = 0; j < n; j++) {
                double dh = dhAboveE[j] + dhNextE[j];
                dzE[j] = (1 - h[j] * h[j]) * dh * m;
            }
            rows.deltas[e] = dzE;
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
        workers.forRange(n, weights.pendingWorkPerColumn(), gradientColumns);
        weights.clearPending();
    }

    private void addPendingColumns(int from, int to, int part) {
        weights.addPendingGradients(from, to, part);
    }

    private void begin(double[][][] x, double[][] featureMask, RecurrentState initial) {
        this.x = x;
        this.featureMask = featureMask;
        this.initial = initial;
    }

    /** Drops the references to the caller's arrays. */
    private void end() {
        x = null;
        featureMask = null;
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

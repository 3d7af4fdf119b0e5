package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * What SimpleRnn, LSTM and GRU share: a pass over the steps in order (forward) or in reverse
 * (backpropagation through time), each step split over the examples on the layer's threads, the
 * products z = x·W + h_{−1}·RW + b through {@link LayerWeights}, and the weight gradients added
 * column by column every {@value LayerWeights#PENDING_STEPS} backward steps. A cell says only what
 * happens to one step of its examples: its activation ({@link #activate}) and the gradient of z
 * ({@link #computeDeltas}).
 *
 * <p>While a pass runs, its arguments and the current step sit in fields that the per-step
 * methods read; the threads of one step each work on their own range of examples.
 */
abstract class StepwiseLayer implements RecurrentLayer {

    final LayerWeights weights;
    /** Hidden units. */
    final int n;
    final StepRows rows = new StepRows();
    /** ∂L/∂h_{t−1} per example, handed from step t to step t−1 in the backward pass. */
    double[][] dhNext = new double[0][];
    private Workers workers = Workers.SINGLE;

    /** The pass in progress. */
    double[][][] x;
    double[][] featureMask;
    RecurrentState initial;
    double[][][] dhAbove;
    int t;
    private double[][][] dxBelow;

    private final Workers.Range forwardExamples = (from, to, part) -> forwardStep(from, to);
    private final Workers.Range backwardExamples = (from, to, part) -> backwardStep(from, to);
    private final Workers.Range gradientColumns = this::addPendingColumns;

    StepwiseLayer(ParamBlock w, ParamBlock rw, ParamBlock b, int hidden) {
        this(w, rw, b, null, hidden);
    }

    /** A layer whose recurrent product has its own bias RB and stays apart from the input's (a GRU). */
    StepwiseLayer(ParamBlock w, ParamBlock rw, ParamBlock b, ParamBlock rb, int hidden) {
        this.weights = new LayerWeights(w, rw, b, rb);
        this.n = hidden;
    }

    /** Sizes the cell's per-step caches for at least mb examples of the given steps. */
    abstract void reserveSteps(int miniBatch, int steps);

    /** Where z_t of example e is built; {@link #activate} turns it into the step's outputs. */
    abstract double[] preActivationRow(int e);

    /** The cell's activation of step t for examples [from, to), from z_t in {@link #preActivationRow}. */
    abstract void activate(int from, int to);

    /**
     * ∂L/∂z_t for examples [from, to) of step t, written into {@link #deltaRow}(e), from
     * ∂L/∂h_t = dhAbove[e][t] + dhNext[e] (and whatever else the cell carries back).
     */
    abstract void computeDeltas(int from, int to);

    /**
     * Where gh_t = h_{t−1}·RW + RB of example e is built, for a cell that keeps it apart from
     * x_t·W + b (a GRU, whose preActivationRow then receives x_t·W + b); null for the others.
     */
    double[] recurrentPreActivationRow(int e) {
        return null;
    }

    /**
     * Adds to dhNext[e], for examples [from, to), what reaches h_{t−1} other than through RW (the
     * GRU's z ⊙ dh); runs after dhNext has received ∂L/∂gh·RWᵀ. Nothing for the other cells.
     */
    void addDirectPaths(int from, int to) {
    }

    /** Zeroes what the backward pass carries from step to step; the cell adds its own (the LSTM's c). */
    void clearCarried(int miniBatch) {
        for (int e = 0; e < miniBatch; e++) {
            Arrays.fill(dhNext[e], 0);
        }
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
    public final void reserve(int miniBatch, int steps) {
        reserveSteps(miniBatch, steps);
        if (dhNext.length < miniBatch) {
            dhNext = new double[miniBatch][n];
        }
        rows.reserve(miniBatch);
    }

    @Override
    public final void forward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                              RecurrentState initial) {
        weights.loadForward(params);
        begin(x, featureMask, initial);
        for (t = 0; t < steps; t++) {
            workers.forRange(miniBatch, weights.workPerExample(), forwardExamples);
        }
        end();
    }

    private void forwardStep(int from, int to) {
        for (int e = from; e < to; e++) {
            rows.inputs[e] = x[e][t];
            rows.previous[e] = previousH(e);
            rows.outputs[e] = preActivationRow(e);
        }
        if (weights.split()) {
            // gx = x_t·W + b,  gh = h_{t−1}·RW + RB
            for (int e = from; e < to; e++) {
                rows.recurrent[e] = recurrentPreActivationRow(e);
            }
            weights.inputPreActivations(from, to, rows.inputs, rows.outputs);
            weights.recurrentPreActivations(from, to, rows.previous, rows.recurrent);
        } else {
            // z = x_t·W + h_{t−1}·RW + b
            weights.preActivations(from, to, rows.inputs, rows.previous, rows.outputs);
        }
        activate(from, to);
    }

    @Override
    public final void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                               RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        weights.startBackward(params, miniBatch, workers.threads());
        begin(x, featureMask, initial);
        this.dhAbove = dhAbove;
        this.dxBelow = dxBelow;
        clearCarried(miniBatch);
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

    /** For examples [from, to): ∂L/∂z_t, then what flows into h_{t−1} and (if asked) into x_t. */
    private void backwardStep(int from, int to) {
        computeDeltas(from, to);
        // z = x_t·W + h_{t−1}·RW + b  (a GRU: gh = h_{t−1}·RW + RB)
        weights.toPreviousStates(from, to, weights.split() ? rows.recurrentDeltas : rows.deltas, dhNext);
        addDirectPaths(from, to);
        if (dxBelow != null) {
            for (int e = from; e < to; e++) {
                rows.outputs[e] = dxBelow[e][t];
            }
            weights.toInputs(from, to, rows.deltas, rows.outputs);
        }
    }

    /** The row that receives ∂L/∂z_t of example e in {@link #computeDeltas}. */
    double[] deltaRow(int e) {
        double[] row = weights.dzRow(e, x[e][t], previousH(e));
        rows.deltas[e] = row;
        return row;
    }

    /** The row that receives ∂L/∂gh_t of example e (a GRU); call after {@link #deltaRow}(e). */
    double[] recurrentDeltaRow(int e) {
        double[] row = weights.recurrentDzRow(e);
        rows.recurrentDeltas[e] = row;
        return row;
    }

    /** Adds the backward steps waiting in {@link LayerWeights} to the weight gradients, column by column. */
    private void addPendingGradients() {
        workers.forRange(weights.cols(), weights.pendingWorkPerColumn(), gradientColumns);
        weights.clearPending();
    }

    private void addPendingColumns(int from, int to, int part) {
        weights.addPendingGradients(from, to, part);
    }

    /** h_{t−1} of example e at the current step: the previous step, the initial state, or null (zeros). */
    double[] previousH(int e) {
        if (t > 0) {
            return hs()[e][t - 1];
        }
        return initial == null ? null : initial.h[e];
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
}

package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * What the fast cells share: a pass over the steps in order (forward) or in reverse
 * (backpropagation through time), each step split over the examples on the layer's threads, the
 * products through the cell's {@link LayerWeights}, and the weight gradients added column by
 * column every {@value LayerWeights#PENDING_STEPS} backward steps. A cell says only what happens
 * to one step of its examples: where its products go ({@link #preActivations}), its activation
 * ({@link #activate}), the gradient of its products ({@link #computeDeltas}) and, if it has more
 * than the path through RW, what reaches h_{t−1} ({@link #toPreviousStates}).
 *
 * <p>While a pass runs, its arguments and the current step sit in fields that the per-step
 * methods read; the threads of one step each work on their own range of examples.
 *
 * @param <W> the cell's weights: how its products are formed
 */
abstract class StepwiseLayer<W extends LayerWeights> implements RecurrentLayer {

    final W weights;
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

    /**
     * A layer of {@code hidden} units over these weights.
     *
     * @param hidden units: the width of h (the weights are blocks·hidden wide)
     */
    StepwiseLayer(W weights, int hidden) {
        this.weights = weights;
        this.n = hidden;
    }

    /** Sizes the cell's per-step caches for at least mb examples of the given steps. */
    abstract void reserveSteps(int miniBatch, int steps);

    /**
     * The products of step t for examples [from, to), from x_t in {@code rows.inputs} and h_{t−1}
     * in {@code rows.previous} (null: zeros), into the cell's per-step rows, where
     * {@link #activate} reads them.
     */
    abstract void preActivations(int from, int to);

    /** The cell's activation of step t for examples [from, to), from its {@link #preActivations}. */
    abstract void activate(int from, int to);

    /**
     * ∂L/∂z_t for examples [from, to) of step t, written into {@link #deltaRow}(e), from
     * ∂L/∂h_t = dhAbove[e][t] + dhNext[e] (and whatever else the cell carries back).
     */
    abstract void computeDeltas(int from, int to);

    /**
     * dhNext[e] = ∂L/∂h_{t−1} for examples [from, to), after {@link #computeDeltas}: dz·RWᵀ. A cell
     * whose step reaches h_{t−1} by more than RW, or sends other rows back through RW, says so here.
     */
    void toPreviousStates(int from, int to) {
        weights.toPreviousStates(from, to, rows.deltas, dhNext);
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
        }
        preActivations(from, to);
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
        toPreviousStates(from, to);
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

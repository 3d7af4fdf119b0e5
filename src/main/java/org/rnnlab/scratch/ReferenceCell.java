package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * What the reference cells (one per cell type, such as {@link SimpleRnnReference}) share besides
 * their equations: the parameter blocks, the pass in progress and its initial state, the two
 * judgement calls of the backward pass that every cell makes alike, and the bookkeeping of the
 * flat gradient. Each cell's forward and backward pass stay whole in the cell's own file.
 */
abstract class ReferenceCell implements RecurrentLayer {

    final ParamBlock wBlock;
    final ParamBlock rwBlock;
    final ParamBlock bBlock;
    /** Hidden units. */
    final int n;
    private final boolean hasCell;
    private final double[] zeros;

    /** hs[e][t] = h_t of example e: what every cell outputs, kept for the layer above and the backward pass. */
    double[][][] hs = new double[0][0][];

    /**
     * The pass in progress: W[k][j] = W(k, j), RW and b read out of the flat parameter array, the
     * state before step 0 (null: zeros) and the number of steps.
     */
    double[][] W;
    double[][] RW;
    double[] b;
    int nIn;
    private RecurrentState initial;
    int steps;

    /**
     * A cell of {@code hidden} units reading W, RW and b of these blocks (a cell with more
     * parameters reads those itself).
     *
     * @param hasCell whether the cell's state has a cell vector c besides h
     */
    ReferenceCell(RecurrentBlocks blocks, int hidden, boolean hasCell) {
        this.wBlock = blocks.w();
        this.rwBlock = blocks.rw();
        this.bBlock = blocks.b();
        this.n = hidden;
        this.hasCell = hasCell;
        this.zeros = new double[hidden];
    }

    /**
     * ∂L/∂h_t of one unit: what the layer above sends at step t plus what step t+1 sends back
     * through RW (the recurrent path).
     */
    protected double dhAt(double fromAbove, double fromNext) {
        return fromAbove + fromNext;
    }

    /** tanh'(z) written with the output y = tanh(z), which the forward pass kept. */
    protected double tanhDerivative(double y) {
        return 1 - y * y;
    }

    /** Starts a forward or backward pass with these parameters. */
    void begin(double[] params, RecurrentState initial, int steps) {
        this.W = wBlock.matrix(params);
        this.RW = rwBlock.matrix(params);
        this.b = bBlock.matrix(params)[0];
        this.nIn = wBlock.rows();
        this.initial = initial;
        this.steps = steps;
    }

    /** kept if it holds mb examples of the given steps (caches are reused), else a new [mb][steps][width] array. */
    static double[][][] perStep(double[][][] kept, int miniBatch, int steps, int width) {
        boolean fits = kept.length >= Math.max(1, miniBatch) && kept[0].length >= steps;
        return fits ? kept : new double[miniBatch][steps][width];
    }

    /** h_{−1} of example e: the initial state, or zeros. */
    double[] initialH(int e) {
        return initial == null ? zeros : initial.h[e];
    }

    /** c_{−1} of example e: the initial state, or zeros. */
    double[] initialC(int e) {
        return initial == null ? zeros : initial.c[e];
    }

    /**
     * The row that receives ∂L/∂x_t of example e, zeroed: the layer below's, or a row of its own
     * when nobody below needs it (the bottom layer).
     */
    double[] dxRow(double[][][] dxBelow, int e, int t) {
        double[] dx = dxBelow == null ? new double[nIn] : dxBelow[e][t];
        Arrays.fill(dx, 0, nIn, 0);
        return dx;
    }

    /** Adds dW, dRW and db (summed over the minibatch and the steps) into the flat gradient. */
    void addGradients(double[] grad, double[][] dW, double[][] dRW, double[] db) {
        wBlock.addTo(grad, dW);
        rwBlock.addTo(grad, dRW);
        bBlock.addTo(grad, new double[][] {db});
    }

    @Override
    public int hidden() {
        return n;
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    @Override
    public RecurrentState newState(int miniBatch) {
        return new RecurrentState(miniBatch, n, hasCell);
    }
}

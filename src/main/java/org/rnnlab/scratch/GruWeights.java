package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * The products of a GRU layer, which keep the input part and the recurrent part apart (the reset
 * gate multiplies the recurrent part of the candidate) and give the recurrent part its own bias
 * RB. In the notation of {@link GruReference}, for each example at step t, with rows of 3n
 * columns:
 * <pre>
 *   forward    gx        = x_t·W + b                    {@link #inputPreActivations}
 *              gh        = h_{t−1}·RW + RB              {@link #recurrentPreActivations}
 *   backward   dx_t      = dgx·Wᵀ                       {@link #toInputs} (to the layer below)
 *              dh_{t−1}  = dgh·RWᵀ (+ z ⊙ dh, the cell's)  {@link #toPreviousStates} (to step t−1)
 *              dW += x_tᵀ·dgx, db += dgx, dRW += h_{t−1}ᵀ·dgh, dRB += dgh   {@link #addPendingGradients}
 * </pre>
 * The backward pass takes two rows per example: dgx ({@link #dzRow}) and dgh
 * ({@link #recurrentDzRow}).
 */
final class GruWeights extends LayerWeights {

    private final ParamBlock rb;
    private final double[] recurrentBias;
    private final double[] gradRb;
    /** The waiting ∂L/∂gh rows, row for row beside the ∂L/∂gx rows of {@link #dzRow}. */
    private double[][] pendingRecurrentDz = new double[0][];

    GruWeights(RecurrentBlocks blocks) {
        super(blocks.w(), blocks.rw(), blocks.b());
        this.rb = blocks.requireRecurrentBias();
        this.recurrentBias = new double[cols];
        this.gradRb = new double[cols];
    }

    /** Copies W, RW, b and RB as the forward pass reads them. */
    @Override
    void loadForward(double[] params) {
        super.loadForward(params);
        RowKernels.copyVector(params, rb.offset(), cols, recurrentBias);
    }

    /** gx_e = x_e·W + b for examples e in [from, to): the input part. */
    void inputPreActivations(int from, int to, double[][] x, double[][] gx) {
        for (int e = from; e < to; e++) {
            System.arraycopy(bias, 0, gx[e], 0, cols);
        }
        for (int k0 = 0; k0 < nIn; k0 += BLOCK) {
            int k1 = Math.min(nIn, k0 + BLOCK);
            for (int e = from; e < to; e++) {
                RowKernels.addCombination(gx[e], cols, x[e], wRows, k0, k1);
            }
        }
    }

    /**
     * gh_e = h_{−1,e}·RW + RB for examples e in [from, to): the recurrent part;
     * {@code hPrevious[e]} null means zeros (gh = RB).
     */
    void recurrentPreActivations(int from, int to, double[][] hPrevious, double[][] gh) {
        for (int e = from; e < to; e++) {
            System.arraycopy(recurrentBias, 0, gh[e], 0, cols);
        }
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK);
            for (int e = from; e < to; e++) {
                if (hPrevious[e] != null) {
                    RowKernels.addCombination(gh[e], cols, hPrevious[e], rwRows, k0, k1);
                }
            }
        }
    }

    @Override
    void startBackward(double[] params, int miniBatch, int parts) {
        super.startBackward(params, miniBatch, parts);
        Arrays.fill(gradRb, 0);
        int rows = miniBatch * PENDING_STEPS;
        if (pendingRecurrentDz.length < rows) {
            pendingRecurrentDz = new double[rows][cols];
        }
    }

    /**
     * The row that receives ∂L/∂gh of example e at the current backward step; call after
     * {@link #dzRow} (which receives ∂L/∂gx) for the same example.
     */
    double[] recurrentDzRow(int e) {
        return pendingRecurrentDz[pendingSteps * miniBatch + e];
    }

    /** ∂W and ∂b from the waiting dgx rows, ∂RW and ∂RB from the dgh rows. */
    @Override
    void addPendingGradients(int from, int to, int part) {
        int rows = pendingSteps * miniBatch;
        for (int j = from; j < to; j++) {
            gradB[j] += columnSum(pendingDz, rows, j);
            gradRb[j] += columnSum(pendingRecurrentDz, rows, j);
        }
        double[] c = coefficients[part];
        for (int k0 = 0; k0 < rows; k0 += BLOCK) {
            int k1 = Math.min(rows, k0 + BLOCK);
            for (int j = from; j < to; j++) {
                column(pendingDz, j, k0, k1, c);
                RowKernels.addCombination(gradW[j], nIn, c, pendingInputs, k0, k1);
                column(pendingRecurrentDz, j, k0, k1, c);
                RowKernels.addCombination(gradRw[j], n, c, pendingPrevious, k0, k1);
            }
        }
    }

    /** Adds the gathered gradients of W, RW, b and RB into the flat gradient. */
    @Override
    void finishBackward(double[] grad) {
        super.finishBackward(grad);
        RowKernels.addVector(gradRb, grad, rb.offset(), cols);
    }
}

package org.rnnlab.scratch;

/**
 * The products of a layer whose input and recurrent products are summed into one row z
 * (SimpleRnn, LSTM). In the notation of the reference cells ({@link SimpleRnnReference},
 * {@link LstmReference}), for each example at step t, with z and dz = ∂L/∂z_t of n (SimpleRnn) or
 * 4n (LSTM) columns:
 * <pre>
 *   forward    z         = x_t·W + h_{t−1}·RW + b      {@link #preActivations}
 *   backward   dx_t      = dz·Wᵀ                        {@link #toInputs} (to the layer below)
 *              dh_{t−1}  = dz·RWᵀ                       {@link #toPreviousStates} (to step t−1)
 *              dW       += x_tᵀ·dz
 *              dRW      += h_{t−1}ᵀ·dz                  {@link #addPendingGradients}, with db += dz
 * </pre>
 * The same dz rows go back through W and through RW.
 */
final class SummedWeights extends LayerWeights {

    SummedWeights(RecurrentBlocks blocks) {
        super(blocks.w(), blocks.rw(), blocks.b());
    }

    /**
     * z_e = x_e·W + h_{−1,e}·RW + b for examples e in [from, to); {@code hPrevious[e]} null means
     * zeros.
     */
    void preActivations(int from, int to, double[][] x, double[][] hPrevious, double[][] z) {
        for (int e = from; e < to; e++) {
            System.arraycopy(bias, 0, z[e], 0, cols);
        }
        for (int k0 = 0; k0 < nIn; k0 += BLOCK) {
            int k1 = Math.min(nIn, k0 + BLOCK);
            for (int e = from; e < to; e++) {
                RowKernels.addCombination(z[e], cols, x[e], wRows, k0, k1);
            }
        }
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK);
            for (int e = from; e < to; e++) {
                if (hPrevious[e] != null) {
                    RowKernels.addCombination(z[e], cols, hPrevious[e], rwRows, k0, k1);
                }
            }
        }
    }

    /** ∂W, ∂RW and ∂b from the one set of waiting dz rows. */
    @Override
    void addPendingGradients(int from, int to, int part) {
        int rows = pendingSteps * miniBatch;
        for (int j = from; j < to; j++) {
            gradB[j] += columnSum(pendingDz, rows, j);
        }
        double[] c = coefficients[part];
        for (int k0 = 0; k0 < rows; k0 += BLOCK) {
            int k1 = Math.min(rows, k0 + BLOCK);
            for (int j = from; j < to; j++) {
                column(pendingDz, j, k0, k1, c);
                RowKernels.addCombination(gradW[j], nIn, c, pendingInputs, k0, k1);
                RowKernels.addCombination(gradRw[j], n, c, pendingPrevious, k0, k1);
            }
        }
    }
}

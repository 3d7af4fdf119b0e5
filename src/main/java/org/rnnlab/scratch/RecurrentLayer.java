package org.rnnlab.scratch;

/**
 * One recurrent layer: a forward pass over a minibatch of sequences that keeps every per-step
 * quantity, and the backward pass that reads them in reverse. Inputs are [example][step][unit];
 * only the first {@code steps} steps of each array are used, so caches sized for longer
 * sequences can be reused.
 */
interface RecurrentLayer {

    int hidden();

    /**
     * Lets the layer split its minibatch loops over these threads. Results must not depend on
     * the thread count; a layer may ignore the offer (the default).
     */
    default void useWorkers(Workers workers) {
    }

    /** Makes the per-step caches hold at least mb examples of the given steps; keeps them if they do. */
    void reserve(int miniBatch, int steps);

    /** h for every example and step of the last forward pass: [mb][steps][hidden]. */
    double[][][] hs();

    /**
     * Runs the layer over the sequences.
     *
     * @param x           layer input, [mb][steps][nIn]
     * @param featureMask 1 where a step exists, or null
     * @param initial     state before the first step, or null for zeros
     */
    void forward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                 RecurrentState initial);

    /**
     * Backpropagation through time over the last forward pass (same arguments), adding this
     * layer's parameter gradients (summed over the minibatch) into {@code grad}.
     *
     * @param dhAbove ∂L/∂h_t from above, [mb][steps][hidden]
     * @param dxBelow receives ∂L/∂x_t, [mb][steps][nIn], or null when nobody needs it
     */
    void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                  RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow);

    /** A zero state for mb examples. */
    RecurrentState newState(int miniBatch);

    /** Copies the state after the last step of the last forward pass into {@code into}. */
    void saveFinalState(int miniBatch, int steps, RecurrentState into);

    /** The value of a 0/1 feature mask, 1 without a mask. */
    static double maskAt(double[][] mask, int example, int step) {
        return mask == null ? 1 : mask[example][step];
    }
}

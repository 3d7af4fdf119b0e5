package org.rnnlab.scratch;

/**
 * This step's rows of every example, as references into a layer's per-step arrays, so that the
 * blocked products of {@link LayerWeights} can take a range of examples at once. Each thread
 * fills and reads only its own range of examples. A cell with more rows per step than these keeps
 * its own references beside them.
 */
final class StepRows {

    /** x_t of each example. */
    double[][] inputs = new double[0][];
    /** h_{t−1} of each example, null for a zero state. */
    double[][] previous = new double[0][];
    /** Where each example's z_t goes (forward) or ∂L/∂x_t goes (backward). */
    double[][] outputs = new double[0][];
    /** ∂L/∂z_t of each example (backward). */
    double[][] deltas = new double[0][];

    /** Makes room for {@code miniBatch} examples; keeps the arrays if they are large enough. */
    void reserve(int miniBatch) {
        if (inputs.length < miniBatch) {
            inputs = new double[miniBatch][];
            previous = new double[miniBatch][];
            outputs = new double[miniBatch][];
            deltas = new double[miniBatch][];
        }
    }
}

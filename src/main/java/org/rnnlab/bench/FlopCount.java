package org.rnnlab.bench;

import org.rnnlab.spec.NetworkSpec;

/**
 * Floating-point operations of one training step, counted from the matrix products alone.
 *
 * <p>A product of a [mb × k] matrix with a [k × m] matrix costs 2·mb·k·m operations (a multiply and
 * an add per term). Per time step a recurrent layer l with n units and g column blocks
 * ({@code CellType.blocks()}: 1 for SimpleRnn, 4 for LSTM, 3 for GRU) multiplies its input (nIn_l
 * features) and its previous output (n) by W and RW ({@code CellType.multiplyAddsPerStep}), and the
 * output layer multiplies the top layer's n units by its [n × nOut] weights at every step (DL4J's
 * RnnOutputLayer, and the scratch network, compute every step even for many-to-one). So
 * <pre>
 *   forward = 2·T·mb·( Σ_l (nIn_l + n)·g·n  +  n·nOut )
 *   step    = 3·forward
 * </pre>
 * since the backward pass does two products of the same size per forward product (one for the
 * gradient of the weights, one for the gradient of the input).
 *
 * <p>Ignored: biases, activation functions, the element-wise products of LSTM gates, the loss, the
 * clipping and the updater (Adam costs about ten operations per parameter and step, which matters
 * only when T·mb is small), and the extra forward pass DL4J's truncated BPTT runs inside its
 * backward pass. The count is therefore a lower bound, and GFLOP/s computed from it says how much
 * of the step is spent in useful matrix arithmetic.
 */
public final class FlopCount {

    private FlopCount() {
    }

    /** Operations of one forward pass over {@code steps} time steps of {@code miniBatch} sequences. */
    public static double forward(NetworkSpec spec, int steps, int miniBatch) {
        double n = spec.hidden();
        double perExampleStep = 0;
        for (int layer = 0; layer < spec.layers(); layer++) {
            double nIn = layer == 0 ? spec.nIn() : n;
            perExampleStep += spec.cell().multiplyAddsPerStep(nIn, n);
        }
        perExampleStep += n * spec.nOut();
        return 2.0 * steps * miniBatch * perExampleStep;
    }

    /** Operations of one training step: forward, backward and update, as {@code 3 × forward}. */
    public static double trainingStep(NetworkSpec spec, int steps, int miniBatch) {
        return 3 * forward(spec, steps, miniBatch);
    }
}

package org.rnnlab.scratch;

/**
 * How the gradient of a truncated-BPTT segment treats the state carried into it from the previous
 * segment. Both run the forward pass (outputs, score, the state handed on) from the carried state;
 * they differ only in the backward pass of the recurrent layers.
 */
public enum TbpttGradient {
    /**
     * What DL4J 1.0.0-M2.1 does: MultiLayerNetwork computes segment gradients with each layer's
     * ordinary {@code backpropGradient}, which re-runs the layer from a zero state. The errors
     * come from the stateful forward pass, but the layer's own activations in the backward pass
     * are those of a zero start, and the carried state never enters the gradient.
     */
    DL4J,
    /**
     * The textbook truncated gradient: backward through the very forward pass that was scored,
     * with the carried state a constant. It is the exact gradient of the segment's score.
     */
    CARRIED_STATE
}

package org.rnnlab.scratch;

/**
 * Mistakes a hand-written BPTT is known to make, each planted by overriding one method of a
 * reference cell's backward pass ({@link FaultyNetworks}), to prove that the cross-check against
 * DL4J catches each of them.
 */
public enum PlantedBug {

    /** None: the reference cells as they are, to show that the faulty ones differ only by their bug. */
    NONE,

    /**
     * The off-by-one of the sine-window original (SimpleRnn only). Its NumPy loop kept the states
     * in a list S with S[0] the initial (zero) state and S[t+1] = h_t, and at step t read S[t]
     * for the tanh derivative and S[t−1] for the previous state, where S[t+1] and S[t] were meant:
     * both one step too early. At t = 0 the derivative reads the zero initial state and the
     * "previous" state S[−1] wraps around to the last one, h_{T−1}.
     */
    OFF_BY_ONE_STEP,

    /** No ∂L/∂h flows from step t+1 back to step t: each step only sees the error from above. */
    NO_RECURRENT_GRADIENT,

    /** The tanh derivative written 1 − y instead of 1 − y² (SimpleRnn: y = h_t; LSTM: y = a_t and tanh(c_t)). */
    WRONG_TANH_DERIVATIVE,

    /** LSTM only: the gradients of the forget and output gates land in each other's columns. */
    SWAPPED_GATES,

    /**
     * GRU only: the backward pass takes the reset gate as applied to h_{t−1} before the product
     * with RW_n (the original GRU paper's candidate, tanh(x·W_n + (r ⊙ h_{t−1})·RW_n)) while the
     * forward pass applies it after the product, as nn.GRU does: dRW_n gets (r ⊙ h_{t−1})ᵀ·dz_n
     * instead of h_{t−1}ᵀ·(r ⊙ dz_n).
     */
    RESET_BEFORE_PRODUCT
}

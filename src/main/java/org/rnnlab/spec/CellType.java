package org.rnnlab.spec;

/** The recurrent cell of every hidden layer. */
public enum CellType {
    /** Elman cell: h_t = tanh(x_t·W + h_{t-1}·RW + b). DL4J's SimpleRnn. */
    SIMPLE_RNN("simplernn"),
    /** LSTM without peepholes, DL4J's gate order [a, f, o, i]. DL4J's LSTM. */
    LSTM("lstm"),
    /**
     * Gated recurrent unit with PyTorch nn.GRU's equations, column blocks [r, z, n]:
     * <pre>
     *   r_t = σ(x_t·W_r + b_r + h_{t−1}·RW_r + RB_r)
     *   z_t = σ(x_t·W_z + b_z + h_{t−1}·RW_z + RB_z)
     *   n_t = tanh(x_t·W_n + b_n + r_t ⊙ (h_{t−1}·RW_n + RB_n))
     *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
     * </pre>
     * Parameters W [nIn, 3n], RW [n, 3n], b [3n] (input bias) and RB [3n] (recurrent bias, which
     * the reset gate scales inside the candidate n). PyTorch's weight_ih_l0 = Wᵀ, weight_hh_l0 =
     * RWᵀ, bias_ih_l0 = b, bias_hh_l0 = RB, with the same gate order r, z, n. rnnlab's own DL4J
     * layer ({@code dl4j.Gru}); DL4J ships none.
     */
    GRU("gru");

    private final String key;

    CellType(String key) {
        this.key = key;
    }

    /** Column blocks of width n in W, RW and b: one per gate or block input. */
    public int blocks() {
        return switch (this) {
            case SIMPLE_RNN -> 1;
            case LSTM -> 4;
            case GRU -> 3;
        };
    }

    /**
     * Whether a layer of this cell has a second bias vector on the recurrent product (parameter
     * RB): the GRU's, which cannot be folded into b because the reset gate multiplies it.
     */
    public boolean hasRecurrentBias() {
        return switch (this) {
            case SIMPLE_RNN, LSTM -> false;
            case GRU -> true;
        };
    }

    /** The name used in settings files and run folders. */
    public String key() {
        return key;
    }
}

package org.rnnlab.spec;

/** The recurrent cell of every hidden layer. */
public enum CellType {
    /** Elman cell: h_t = tanh(x_t·W + h_{t-1}·RW + b). DL4J's SimpleRnn. */
    SIMPLE_RNN("simplernn"),
    /** LSTM without peepholes, DL4J's gate order [a, f, o, i]. DL4J's LSTM. */
    LSTM("lstm");

    private final String key;

    CellType(String key) {
        this.key = key;
    }

    /** Column blocks of width n in W, RW and b: one per gate or block input. */
    public int blocks() {
        return switch (this) {
            case SIMPLE_RNN -> 1;
            case LSTM -> 4;
        };
    }

    /** The name used in settings files and run folders. */
    public String key() {
        return key;
    }
}

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

    /** The name used in settings files and run folders. */
    public String key() {
        return key;
    }
}

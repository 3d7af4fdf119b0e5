package org.rnnlab.spec;

import java.io.Serializable;

/**
 * The architecture of one recurrent network, shared by the DL4J configuration and the scratch
 * network so both are built from the same facts.
 *
 * <p>Layout (DL4J's): layers 0..layers-1 are recurrent cells of width {@code hidden}; layer
 * {@code layers} is the dense output layer. Parameters are named "i_W", "i_RW", "i_b" for
 * recurrent layer i and "L_W", "L_b" for the output layer L = layers.
 *
 * @param cell       recurrent cell type of every hidden layer
 * @param nIn        features per time step
 * @param hidden     units in each recurrent layer
 * @param layers     number of stacked recurrent layers (at least 1)
 * @param nOut       output units
 * @param output     many-to-one (last step) or many-to-many (every step)
 * @param activation output layer activation
 * @param loss       loss function
 * @param bias       whether layers have trainable biases; without, biases stay at zero
 * @param init       weight initialisation
 * @param forgetBias the initial bias of an LSTM's forget gate when the network has biases (DL4J's
 *                   default 1 keeps the gate open at first, so the cell state is carried over)
 * @param precision  the floating-point type it trains in (double unless a settings file says float)
 */
public record NetworkSpec(CellType cell, int nIn, int hidden, int layers, int nOut,
                          OutputMode output, OutputActivation activation, LossKind loss,
                          boolean bias, WeightInitSpec init, double forgetBias, Precision precision)
        implements Serializable {

    /** DL4J's initial forget-gate bias. */
    public static final double DEFAULT_FORGET_BIAS = 1.0;

    /** A network whose LSTM forget gates (if any) start at {@link #DEFAULT_FORGET_BIAS}. */
    public NetworkSpec(CellType cell, int nIn, int hidden, int layers, int nOut, OutputMode output,
                       OutputActivation activation, LossKind loss, boolean bias, WeightInitSpec init) {
        this(cell, nIn, hidden, layers, nOut, output, activation, loss, bias, init, DEFAULT_FORGET_BIAS);
    }

    /** A network in double precision. */
    public NetworkSpec(CellType cell, int nIn, int hidden, int layers, int nOut, OutputMode output,
                       OutputActivation activation, LossKind loss, boolean bias, WeightInitSpec init,
                       double forgetBias) {
        this(cell, nIn, hidden, layers, nOut, output, activation, loss, bias, init, forgetBias, Precision.DOUBLE);
    }

    public NetworkSpec {
        if (precision == null) {
            // a network saved before the precision existed was trained in double
            precision = Precision.DOUBLE;
        }
        if (cell == null || output == null || activation == null || loss == null || init == null) {
            throw new IllegalArgumentException("network spec has a missing field");
        }
        if (!Double.isFinite(forgetBias)) {
            throw new IllegalArgumentException("the forget-gate bias must be a finite number, got " + forgetBias);
        }
        if (nIn < 1 || hidden < 1 || layers < 1 || nOut < 1) {
            throw new IllegalArgumentException("sizes must be positive: nIn=" + nIn + ", hidden=" + hidden
                    + ", layers=" + layers + ", nOut=" + nOut);
        }
    }

    /** The same network in another floating-point type. */
    public NetworkSpec withPrecision(Precision other) {
        return new NetworkSpec(cell, nIn, hidden, layers, nOut, output, activation, loss, bias, init, forgetBias, other);
    }
}

package org.rnnlab.spec;

import java.util.List;
import java.util.OptionalInt;

/**
 * The recurrent cell of every hidden layer, and what the rest of rnnlab needs to know about it:
 * its column blocks and their names, whether it has a second bias, which block is a forget gate,
 * how its weights are initialised and how much it keeps per step for backpropagation. The
 * parameter layout, the weight initialisation, the parameter names of a report, the flop count
 * and the memory estimate read these facts instead of naming cells; the cell's own equations live
 * in its layers (scratch and DL4J).
 */
public enum CellType {
    /**
     * Elman cell: h_t = tanh(x_t·W + h_{t−1}·RW + b). DL4J's SimpleRnn. One block, which is no
     * gate; keeps h and its gradients per step.
     */
    SIMPLE_RNN("simplernn", 1, List.of(), OptionalInt.empty(), false, 4, WeightFans.EACH_MATRIX),
    /**
     * LSTM without peepholes, DL4J's gate order [a, f, o, i]. DL4J's LSTM. Keeps the four gates,
     * c, tanh(c) and h per step.
     */
    LSTM("lstm", 4, List.of("a (block input)", "f (forget)", "o (output)", "i (input)"), OptionalInt.of(1), false, 9,
            WeightFans.WHOLE_LAYER),
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
     * layer ({@code dl4j.Gru}); DL4J ships none. Keeps the input and the recurrent products
     * (3n each), the candidate's factor and h per step.
     */
    GRU("gru", 3, List.of("r (reset)", "z (update)", "n (candidate)"), OptionalInt.empty(), true, 9,
            WeightFans.EACH_MATRIX);

    private final String key;
    private final int blocks;
    private final List<String> gateNames;
    private final OptionalInt forgetGate;
    private final boolean recurrentBias;
    private final int keptPerUnit;
    private final WeightFans fans;

    CellType(String key, int blocks, List<String> gateNames, OptionalInt forgetGate, boolean recurrentBias,
             int keptPerUnit, WeightFans fans) {
        if (!gateNames.isEmpty() && gateNames.size() != blocks) {
            throw new IllegalArgumentException(key + ": " + gateNames.size() + " gate names for " + blocks + " blocks");
        }
        this.key = key;
        this.blocks = blocks;
        this.gateNames = gateNames;
        this.forgetGate = forgetGate;
        this.recurrentBias = recurrentBias;
        this.keptPerUnit = keptPerUnit;
        this.fans = fans;
    }

    /** The name used in settings files and run folders. */
    public String key() {
        return key;
    }

    /**
     * Column blocks of width n in W, RW and b (and RB): one per gate or block input. Also the
     * number of n-wide products of the input and of the previous output per step.
     */
    public int blocks() {
        return blocks;
    }

    /**
     * The gate of each column block, in column order, as a report names it ("f (forget)"); empty
     * for a cell whose single block is no gate.
     */
    public List<String> gateNames() {
        return gateNames;
    }

    /** The column block of the forget gate, whose bias may start other than at zero; empty without one. */
    public OptionalInt forgetGateBlock() {
        return forgetGate;
    }

    /**
     * Whether a layer of this cell has a second bias vector on the recurrent product (parameter
     * RB): the GRU's, which cannot be folded into b because the reset gate multiplies it.
     */
    public boolean hasRecurrentBias() {
        return recurrentBias;
    }

    /** Bias vectors per layer: b, and RB when the cell has one. */
    public int biasVectors() {
        return recurrentBias ? 2 : 1;
    }

    /** Parameters of one layer of n units on nIn inputs: (nIn + n + bias vectors) · blocks · n. */
    public double layerParameters(double nIn, double n) {
        return (nIn + n + biasVectors()) * blocks * n;
    }

    /**
     * Multiply-adds of one step of one example in the products x_t·W and h_{t−1}·RW of a layer of
     * n units on nIn inputs: (nIn + n) · blocks · n.
     */
    public double multiplyAddsPerStep(double nIn, double n) {
        return (nIn + n) * blocks * n;
    }

    /**
     * Values per unit, example and step that a layer keeps for backpropagation through time and
     * handles on the way back (an estimate for the memory a training takes).
     */
    public int keptPerUnit() {
        return keptPerUnit;
    }

    /** The fans the weight initialisation gives W and RW. */
    public WeightFans weightFans() {
        return fans;
    }

    /**
     * The fan-in and fan-out a weight initialisation such as Xavier reads for a layer's W and RW,
     * as the DL4J layer of the cell passes them.
     */
    public enum WeightFans {
        /** Each matrix its own: W (nIn, n), RW (n, n). DL4J's SimpleRnn, and rnnlab's GRU layer. */
        EACH_MATRIX,
        /** W and RW alike: fanIn = n, fanOut = nIn + n. DL4J's LSTM. */
        WHOLE_LAYER;

        /** Fan-in of W ({@code recurrent} false) or RW of a layer of n units on nIn inputs. */
        public double fanIn(int nIn, int n, boolean recurrent) {
            return switch (this) {
                case EACH_MATRIX -> recurrent ? n : nIn;
                case WHOLE_LAYER -> n;
            };
        }

        /** Fan-out of W ({@code recurrent} false) or RW of a layer of n units on nIn inputs. */
        public double fanOut(int nIn, int n, boolean recurrent) {
            return switch (this) {
                case EACH_MATRIX -> n;
                case WHOLE_LAYER -> nIn + n;
            };
        }
    }
}

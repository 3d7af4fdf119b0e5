package org.rnnlab.scratch;

import org.rnnlab.spec.NetworkSpec;

/**
 * Scratch networks whose recurrent layers carry a {@link PlantedBug}: each bug is the reference
 * cell ({@link SimpleRnnReference}, {@link LstmReference}, {@link GruReference}) with one method of its backward pass
 * overridden, so the faulty layers cannot drift from the real equations.
 */
public final class FaultyNetworks {

    private FaultyNetworks() {
    }

    /**
     * A scratch network for the spec with the bug planted in every recurrent layer; its forward
     * pass, score and parameter initialisation are the real ones.
     */
    public static ScratchNetwork withBug(NetworkSpec spec, long seed, PlantedBug bug) {
        return new ScratchNetwork(spec, seed, (cell, blocks, hidden) -> switch (cell) {
            case SIMPLE_RNN -> simpleRnn(blocks, hidden, bug);
            case LSTM -> lstm(blocks, hidden, bug);
            case GRU -> gru(blocks, hidden, bug);
        });
    }

    private static SimpleRnnReference simpleRnn(RecurrentBlocks blocks, int hidden, PlantedBug bug) {
        return switch (bug) {
            case NONE -> new SimpleRnnReference(blocks, hidden);
            case OFF_BY_ONE_STEP -> new SimpleRnnReference(blocks, hidden) {
                // the list S (S[0] = h_{−1}, S[t+1] = h_t) read at S[t] for h_t; NumPy's S[−1] is the last entry
                @Override
                protected double[] h(int e, int t) {
                    return t >= 0 ? super.h(e, t - 1) : super.h(e, steps - 1);
                }
            };
            case NO_RECURRENT_GRADIENT -> new SimpleRnnReference(blocks, hidden) {
                @Override
                protected double dhAt(double fromAbove, double fromNext) {
                    return fromAbove;
                }
            };
            case WRONG_TANH_DERIVATIVE -> new SimpleRnnReference(blocks, hidden) {
                @Override
                protected double tanhDerivative(double y) {
                    return 1 - y;
                }
            };
            case SWAPPED_GATES -> throw new IllegalArgumentException("swapped gates need an LSTM");
            case RESET_BEFORE_PRODUCT -> throw new IllegalArgumentException("the reset gate needs a GRU");
        };
    }

    private static LstmReference lstm(RecurrentBlocks blocks, int hidden, PlantedBug bug) {
        return switch (bug) {
            case NONE -> new LstmReference(blocks, hidden);
            case OFF_BY_ONE_STEP -> throw new IllegalArgumentException(
                    "the off-by-one bug is planted in SimpleRnn layers only");
            case NO_RECURRENT_GRADIENT -> new LstmReference(blocks, hidden) {
                @Override
                protected double dhAt(double fromAbove, double fromNext) {
                    return fromAbove;
                }
            };
            case WRONG_TANH_DERIVATIVE -> new LstmReference(blocks, hidden) {
                @Override
                protected double tanhDerivative(double y) {
                    return 1 - y;
                }
            };
            case SWAPPED_GATES -> new LstmReference(blocks, hidden) {
                @Override
                protected void putGateGradients(double[] dz, int j, double dzA, double dzF, double dzO, double dzI) {
                    super.putGateGradients(dz, j, dzA, dzO, dzF, dzI);
                }
            };
            case RESET_BEFORE_PRODUCT -> throw new IllegalArgumentException("the reset gate needs a GRU");
        };
    }

    private static GruReference gru(RecurrentBlocks blocks, int hidden, PlantedBug bug) {
        return switch (bug) {
            case NONE -> new GruReference(blocks, hidden);
            case OFF_BY_ONE_STEP -> throw new IllegalArgumentException(
                    "the off-by-one bug is planted in SimpleRnn layers only");
            case NO_RECURRENT_GRADIENT -> new GruReference(blocks, hidden) {
                @Override
                protected double dhAt(double fromAbove, double fromNext) {
                    return fromAbove;
                }
            };
            case WRONG_TANH_DERIVATIVE -> new GruReference(blocks, hidden) {
                @Override
                protected double tanhDerivative(double y) {
                    return 1 - y;
                }
            };
            case SWAPPED_GATES -> throw new IllegalArgumentException("swapped gates need an LSTM");
            case RESET_BEFORE_PRODUCT -> new GruReference(blocks, hidden) {
                // (r ⊙ h_{t−1})·RW_n: the reset gate scales h_{t−1}'s entry k, not the product's column j
                @Override
                protected double candidateRecurrentFactor(double[] hPrev, double[] r, int k, int j) {
                    return r[k] * hPrev[k];
                }
            };
        };
    }
}

package org.rnnlab.scratch;

import org.rnnlab.spec.CellType;
import org.rnnlab.spec.NetworkSpec;

/** Scratch networks whose recurrent layers carry a {@link PlantedBug} in their backward pass. */
public final class FaultyNetworks {

    private FaultyNetworks() {
    }

    /**
     * A scratch network for the spec with the bug planted in every recurrent layer; its forward
     * pass, score and parameter initialisation are the real ones.
     */
    public static ScratchNetwork withBug(NetworkSpec spec, long seed, PlantedBug bug) {
        if (bug == PlantedBug.OFF_BY_ONE_STEP && spec.cell() != CellType.SIMPLE_RNN) {
            throw new IllegalArgumentException("the off-by-one bug is planted in SimpleRnn layers only");
        }
        if (bug == PlantedBug.SWAPPED_GATES && spec.cell() != CellType.LSTM) {
            throw new IllegalArgumentException("swapped gates need an LSTM");
        }
        return new ScratchNetwork(spec, seed, (cell, w, rw, b) -> cell == CellType.LSTM
                ? new FaultyLstmLayer(w, rw, b, bug)
                : new FaultySimpleRnnLayer(w, rw, b, bug));
    }
}

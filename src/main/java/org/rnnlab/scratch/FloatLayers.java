package org.rnnlab.scratch;

import org.rnnlab.spec.CellType;

/**
 * Float32 recurrent layers for the scratch network: the same cells as the double layers, for
 * speed in training, agreeing with them to a float tolerance (see the tests). Built on
 * {@link FloatKernels#active()}: the Vector API kernels when the JVM has the module
 * ({@code --add-modules jdk.incubator.vector}), else the plain-Java ones; both give the same bits.
 */
final class FloatLayers {

    private FloatLayers() {
    }

    /** The float layer of {@code hidden} units of the cell, reading the given parameter blocks. */
    static RecurrentLayer create(CellType cell, RecurrentBlocks blocks, int hidden) {
        return create(FloatKernels.active(), cell, blocks, hidden);
    }

    /** Layers on the given kernels, as a network's layer factory. */
    static ScratchNetwork.LayerFactory on(FloatKernels kernels) {
        return (cell, blocks, hidden) -> create(kernels, cell, blocks, hidden);
    }

    static RecurrentLayer create(FloatKernels kernels, CellType cell, RecurrentBlocks blocks, int hidden) {
        return switch (cell) {
            case SIMPLE_RNN -> new FloatSimpleRnnLayer(kernels, blocks, hidden);
            case LSTM -> new FloatLstmLayer(kernels, blocks, hidden);
            case GRU -> new FloatGruLayer(kernels, blocks, hidden);
        };
    }
}

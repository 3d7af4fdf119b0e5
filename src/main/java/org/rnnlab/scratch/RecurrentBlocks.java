package org.rnnlab.scratch;

/**
 * The parameter blocks of one recurrent layer, as {@link ParameterLayout} lays them out: W, RW, b
 * and, for a cell whose recurrent product has its own bias ({@code CellType.hasRecurrentBias}),
 * RB.
 *
 * @param w  input weights W [nIn, blocks·n]
 * @param rw recurrent weights RW [n, blocks·n]
 * @param b  bias b [1, blocks·n]
 * @param rb recurrent bias RB [1, blocks·n], or null for a cell without one
 */
record RecurrentBlocks(ParamBlock w, ParamBlock rw, ParamBlock b, ParamBlock rb) {

    /** The blocks of recurrent layer {@code layer}; RB only when the layout has it. */
    static RecurrentBlocks of(ParameterLayout layout, int layer, boolean recurrentBias) {
        return new RecurrentBlocks(layout.block(layer + "_" + ParamBlock.INPUT_WEIGHTS),
                layout.block(layer + "_" + ParamBlock.RECURRENT_WEIGHTS),
                layout.block(layer + "_" + ParamBlock.BIAS),
                recurrentBias ? layout.block(layer + "_" + ParamBlock.RECURRENT_BIAS) : null);
    }

    /** RB, for a cell that has it. */
    ParamBlock requireRecurrentBias() {
        if (rb == null) {
            throw new IllegalArgumentException("layer of " + w.name() + " has no recurrent bias RB");
        }
        return rb;
    }
}

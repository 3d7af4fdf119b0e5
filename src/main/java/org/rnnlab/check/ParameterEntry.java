package org.rnnlab.check;

import java.util.List;

import org.rnnlab.scratch.ParamBlock;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.NetworkSpec;

/**
 * One entry of one parameter, named as a person reads it: the layer, the parameter, for an LSTM
 * or a GRU the gate its column belongs to and the unit within that gate, the row and the column.
 *
 * @param parameter DL4J's name, e.g. "0_RW"
 * @param layer     layer index (the output layer is the last)
 * @param key       "W", "RW", "b" or "RB"
 * @param gate      for a layer of a gated cell (LSTM, GRU) the gate of the column, as
 *                  {@link CellType#gateNames} names it, otherwise null
 * @param unit      the unit within the gate (gated cells), otherwise the column
 * @param row       row in DL4J's [rows, cols] shape (0 for a bias)
 * @param col       column in that shape
 */
public record ParameterEntry(String parameter, int layer, String key, String gate, int unit, int row, int col) {

    /** The entry (row, col) of a block of the network described by {@code spec}. */
    public static ParameterEntry of(NetworkSpec spec, ParamBlock block, int row, int col) {
        List<String> gates = spec.cell().gateNames();
        if (gates.isEmpty() || block.layer() == spec.layers()) {
            return new ParameterEntry(block.name(), block.layer(), block.key(), null, col, row, col);
        }
        int n = spec.hidden();
        return new ParameterEntry(block.name(), block.layer(), block.key(), gates.get(col / n), col % n, row, col);
    }

    /** E.g. "layer 0 RW row 1 col 6 (gate o (output), unit 0)". */
    @Override
    public String toString() {
        String text = "layer " + layer + " " + key + " row " + row + " col " + col;
        return gate == null ? text : text + " (gate " + gate + ", unit " + unit + ")";
    }
}

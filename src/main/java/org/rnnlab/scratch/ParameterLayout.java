package org.rnnlab.scratch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.spec.NetworkSpec;

/**
 * Where every parameter lives in the flat array, in DL4J's {@code net.params()} order: layer by
 * layer, keys W, RW, b for a recurrent layer and W, b for the output layer, each matrix
 * column-major. Copying parameters or gradients to or from DL4J is therefore one array copy.
 *
 * <p>Shapes: SimpleRnn W [nIn, n], RW [n, n], b [1, n]; LSTM W [nIn, 4n], RW [n, 4n], b [1, 4n]
 * with column blocks [a, f, o, i]; GRU W [nIn, 3n], RW [n, 3n], b [1, 3n], RB [1, 3n] with column
 * blocks [r, z, n] (keys W, RW, b, RB); output W [n, nOut], b [1, nOut].
 */
public final class ParameterLayout {

    private final List<ParamBlock> blocks;
    private final Map<String, ParamBlock> byName;
    private final int[] layerStarts;
    private final int size;

    private ParameterLayout(List<ParamBlock> blocks, int[] layerStarts) {
        this.blocks = Collections.unmodifiableList(blocks);
        this.byName = new LinkedHashMap<>();
        for (ParamBlock block : blocks) {
            byName.put(block.name(), block);
        }
        this.layerStarts = layerStarts;
        this.size = layerStarts[layerStarts.length - 1];
    }

    /** The layout of the network described by the spec. */
    public static ParameterLayout of(NetworkSpec spec) {
        int gateBlocks = spec.cell().blocks();
        int n = spec.hidden();
        List<ParamBlock> blocks = new ArrayList<>();
        int[] layerStarts = new int[spec.layers() + 2];
        int offset = 0;
        for (int layer = 0; layer < spec.layers(); layer++) {
            layerStarts[layer] = offset;
            int nIn = layer == 0 ? spec.nIn() : n;
            offset = add(blocks, layer, ParamBlock.INPUT_WEIGHTS, offset, nIn, gateBlocks * n);
            offset = add(blocks, layer, ParamBlock.RECURRENT_WEIGHTS, offset, n, gateBlocks * n);
            offset = add(blocks, layer, ParamBlock.BIAS, offset, 1, gateBlocks * n);
            if (spec.cell().hasRecurrentBias()) {
                offset = add(blocks, layer, ParamBlock.RECURRENT_BIAS, offset, 1, gateBlocks * n);
            }
        }
        int outputLayer = spec.layers();
        layerStarts[outputLayer] = offset;
        offset = add(blocks, outputLayer, ParamBlock.INPUT_WEIGHTS, offset, n, spec.nOut());
        offset = add(blocks, outputLayer, ParamBlock.BIAS, offset, 1, spec.nOut());
        layerStarts[outputLayer + 1] = offset;
        return new ParameterLayout(blocks, layerStarts);
    }

    private static int add(List<ParamBlock> blocks, int layer, String key, int offset, int rows, int cols) {
        blocks.add(new ParamBlock(layer + "_" + key, layer, key, offset, rows, cols));
        return offset + rows * cols;
    }

    /** All blocks in flat-array order. */
    public List<ParamBlock> blocks() {
        return blocks;
    }

    /** Parameter names in flat-array order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The block of a parameter, by DL4J name ("0_W", "1_b", ...). */
    public ParamBlock block(String name) {
        ParamBlock block = byName.get(name);
        if (block == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + byName.keySet());
        }
        return block;
    }

    public int offset(String name) {
        return block(name).offset();
    }

    public int[] shape(String name) {
        return block(name).shape();
    }

    /** Total number of parameters. */
    public int size() {
        return size;
    }

    /** Number of layers with parameters: the recurrent layers and the output layer. */
    public int layerCount() {
        return layerStarts.length - 1;
    }

    /** First flat index of a layer's parameters (all of a layer's parameters are contiguous). */
    public int layerStart(int layer) {
        return layerStarts[layer];
    }

    /** One past the last flat index of a layer's parameters. */
    public int layerEnd(int layer) {
        return layerStarts[layer + 1];
    }

    /** Names a flat index for messages, e.g. "0_RW(1, 3)". */
    public String describe(int flatIndex) {
        for (ParamBlock block : blocks) {
            if (flatIndex >= block.offset() && flatIndex < block.end()) {
                int local = flatIndex - block.offset();
                return block.name() + "(" + local % block.rows() + ", " + local / block.rows() + ")";
            }
        }
        throw new IndexOutOfBoundsException("flat index " + flatIndex + " is outside [0, " + size + ")");
    }
}

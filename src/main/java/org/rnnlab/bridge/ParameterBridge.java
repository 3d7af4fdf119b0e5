package org.rnnlab.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.scratch.ParamBlock;
import org.rnnlab.scratch.ParameterLayout;
import org.rnnlab.scratch.ScratchNetwork;

/**
 * Moves parameters between a DL4J {@link MultiLayerNetwork}, a {@link ScratchNetwork} and a folder
 * of NumPy .npy files.
 *
 * <p>DL4J's {@code net.params()} and the scratch network's flat array share one layout (layer by
 * layer, W, RW, b, each matrix column-major), so a copy is one array copy. Before copying, the
 * layouts are compared by name, order and shape through {@code net.paramTable()}; a network of
 * another architecture stops with a {@link ParameterMismatchException} naming the first parameter
 * that differs and both shapes. DL4J reports biases as vectors [n], the scratch layout as rows
 * [1, n]; the two count as the same shape.
 *
 * <p>Files: one per parameter, named after it ({@code 0_W.npy}, {@code 0_RW.npy}, {@code 0_b.npy},
 * ...), dtype {@code '<f8'}. Weight matrices are written with DL4J's logical shape [rows, cols]
 * in C order; biases as vectors [n], DL4J's and PyTorch's shape for them. Reading takes C or
 * Fortran order; a vector [n] and a row [1, n] count as the same shape. An import reads and
 * checks every file before it changes any parameter; other files in the folder are ignored.
 *
 * <p>A float32 DL4J network receives the values rounded to float; comparisons need double
 * precision on both sides.
 */
public final class ParameterBridge {

    /** File name suffix of a parameter file. */
    public static final String NPY_SUFFIX = ".npy";

    private ParameterBridge() {
    }

    /**
     * Checks that the DL4J network's parameters have the layout's names, order and shapes.
     *
     * @throws ParameterMismatchException naming the first parameter that differs and both shapes
     */
    public static void checkLayout(MultiLayerNetwork net, ParameterLayout layout) {
        Map<String, INDArray> table = net.paramTable();
        Iterator<Map.Entry<String, INDArray>> dl4j = table.entrySet().iterator();
        for (ParamBlock block : layout.blocks()) {
            if (!dl4j.hasNext()) {
                throw new ParameterMismatchException("parameter " + block.name() + " (scratch shape "
                        + shapeText(block) + ") is missing from the DL4J network, which has " + namesAndShapes(table));
            }
            Map.Entry<String, INDArray> entry = dl4j.next();
            if (!entry.getKey().equals(block.name())) {
                INDArray same = table.get(block.name());
                throw new ParameterMismatchException("parameter " + block.name() + " (scratch shape " + shapeText(block)
                        + ") " + (same == null ? "is missing from the DL4J network"
                        : "has DL4J shape " + Arrays.toString(same.shape()) + " but comes at another position")
                        + "; DL4J has " + entry.getKey() + " " + Arrays.toString(entry.getValue().shape())
                        + " there. DL4J parameters: " + namesAndShapes(table) + ", scratch parameters: "
                        + namesAndShapes(layout));
            }
            int[] shape = intShape(entry.getValue());
            if (!sameShape(block.shape(), shape)) {
                throw new ParameterMismatchException("parameter " + block.name() + " has DL4J shape "
                        + Arrays.toString(shape) + " but scratch shape " + shapeText(block)
                        + ": the networks have different architectures. DL4J parameters: " + namesAndShapes(table)
                        + ", scratch parameters: " + namesAndShapes(layout));
            }
        }
        if (dl4j.hasNext()) {
            Map.Entry<String, INDArray> extra = dl4j.next();
            throw new ParameterMismatchException("parameter " + extra.getKey() + " (DL4J shape "
                    + Arrays.toString(extra.getValue().shape()) + ") of the DL4J network is missing from the scratch "
                    + "layout, which has " + namesAndShapes(layout));
        }
        if (net.numParams() != layout.size()) {
            throw new ParameterMismatchException("the DL4J network has " + net.numParams()
                    + " parameters, the scratch layout " + layout.size());
        }
    }

    /** Copies every parameter of the DL4J network into the scratch network. */
    public static void toScratch(MultiLayerNetwork net, ScratchNetwork scratch) {
        checkLayout(net, scratch.layout());
        scratch.setParams(flatParams(net));
    }

    /** Copies every parameter of the scratch network into the DL4J network. */
    public static void toDl4j(ScratchNetwork scratch, MultiLayerNetwork net) {
        checkLayout(net, scratch.layout());
        net.setParams(Nd4j.createFromArray(scratch.params()).castTo(net.params().dataType()));
    }

    /** All parameters of the DL4J network in its flat order, as doubles. */
    public static double[] flatParams(MultiLayerNetwork net) {
        return net.params().castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** Writes one .npy file per parameter of the scratch network into {@code dir} (created if needed). */
    public static void exportNpy(ScratchNetwork scratch, Path dir) throws IOException {
        Files.createDirectories(dir);
        double[] flat = scratch.params();
        for (ParamBlock block : scratch.layout().blocks()) {
            double[] values = new double[block.size()];
            int k = 0;
            for (int row = 0; row < block.rows(); row++) {
                for (int col = 0; col < block.cols(); col++) {
                    values[k++] = flat[block.index(row, col)];
                }
            }
            NpyFormat.write(fileOf(dir, block.name()), new NpyArray(fileShape(block), values));
        }
    }

    /** Writes one .npy file per parameter of the DL4J network into {@code dir} (created if needed). */
    public static void exportNpy(MultiLayerNetwork net, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, INDArray> entry : net.paramTable().entrySet()) {
            INDArray value = entry.getValue();
            double[] values = Nd4j.toFlattened('c', value.castTo(DataType.DOUBLE)).toDoubleVector();
            NpyFormat.write(fileOf(dir, entry.getKey()), new NpyArray(intShape(value), values));
        }
    }

    /**
     * Sets every parameter of the scratch network from the .npy files in {@code dir}.
     *
     * @throws NoSuchFileException         when a parameter has no file (the message names it)
     * @throws NpyFormatException          when a file is not a .npy file of {@code '<f8'} values
     * @throws ParameterMismatchException  when a file's shape is not the parameter's
     */
    public static void importNpy(Path dir, ScratchNetwork scratch) throws IOException {
        double[] flat = new double[scratch.numParams()];
        for (ParamBlock block : scratch.layout().blocks()) {
            double[] values = readParameter(dir, block.name(), fileShape(block));
            // the file's C order walks rows, the flat layout columns
            int k = 0;
            for (int row = 0; row < block.rows(); row++) {
                for (int col = 0; col < block.cols(); col++) {
                    flat[block.index(row, col)] = values[k++];
                }
            }
        }
        scratch.setParams(flat);
    }

    /**
     * Sets every parameter of the DL4J network from the .npy files in {@code dir}; errors as for
     * the scratch network.
     */
    public static void importNpy(Path dir, MultiLayerNetwork net) throws IOException {
        List<INDArray> targets = new ArrayList<>();
        List<INDArray> sources = new ArrayList<>();
        for (Map.Entry<String, INDArray> entry : net.paramTable().entrySet()) {
            INDArray target = entry.getValue();
            double[] values = readParameter(dir, entry.getKey(), intShape(target));
            targets.add(target);
            sources.add(Nd4j.create(values, target.shape(), 'c'));
        }
        // paramTable's arrays are views of the network's flat parameters
        for (int p = 0; p < targets.size(); p++) {
            targets.get(p).assign(sources.get(p));
        }
    }

    /** The file of a parameter inside a folder, e.g. {@code dir/0_W.npy}. */
    public static Path fileOf(Path dir, String parameter) {
        return dir.resolve(parameter + NPY_SUFFIX);
    }

    /** Reads a parameter's file and checks its shape; returns its values in C order. */
    private static double[] readParameter(Path dir, String parameter, int[] shape) throws IOException {
        Path file = fileOf(dir, parameter);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no file for parameter " + parameter + " (shape "
                    + Arrays.toString(shape) + ")");
        }
        NpyArray array = NpyFormat.read(file);
        if (!sameShape(shape, array.shape())) {
            throw new ParameterMismatchException(file + ": parameter " + parameter + " has shape "
                    + Arrays.toString(shape) + " in the network but " + Arrays.toString(array.shape())
                    + " in the file");
        }
        return array.values();
    }

    /** The shape a parameter's file gets: DL4J's [rows, cols] for weights, [n] for a bias. */
    private static int[] fileShape(ParamBlock block) {
        return block.isBias() ? new int[] {block.cols()} : block.shape();
    }

    /** Equal shapes, or a vector [n] and a row [1, n]: the same values in the same order. */
    private static boolean sameShape(int[] a, int[] b) {
        return Arrays.equals(a, b) || Arrays.equals(asRow(a), asRow(b));
    }

    private static int[] asRow(int[] shape) {
        return shape.length == 1 ? new int[] {1, shape[0]} : shape;
    }

    private static int[] intShape(INDArray array) {
        long[] shape = array.shape();
        int[] result = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            result[d] = Math.toIntExact(shape[d]);
        }
        return result;
    }

    private static String shapeText(ParamBlock block) {
        return Arrays.toString(block.shape());
    }

    private static List<String> namesAndShapes(ParameterLayout layout) {
        List<String> names = new ArrayList<>();
        for (ParamBlock block : layout.blocks()) {
            names.add(block.name() + " " + shapeText(block));
        }
        return names;
    }

    private static List<String> namesAndShapes(Map<String, INDArray> table) {
        List<String> names = new ArrayList<>();
        table.forEach((name, value) -> names.add(name + " " + Arrays.toString(value.shape())));
        return names;
    }
}

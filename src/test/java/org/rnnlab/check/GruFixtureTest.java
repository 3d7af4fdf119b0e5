package org.rnnlab.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rnnlab.bridge.Batches;
import org.rnnlab.bridge.NpyArray;
import org.rnnlab.bridge.NpyFormat;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.scratch.ParamBlock;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;

/**
 * The fixture in {@code src/test/resources/gru-fixture/}: a two-layer GRU in nn.GRU's layout
 * (weights, input, outputs, final hidden states, loss, gradients) whose outputs, loss and
 * gradients were computed in float64 by libtorch, PyTorch's C++ library (its GRU operator and
 * autograd), and agree with an independent NumPy program of nn.GRU's equations (see the folder's
 * README). DL4J's GRU layer and the scratch GRU, given its weights through the mapping
 * W = weight_ih_lᵀ, RW = weight_hh_lᵀ, b = bias_ih_l, RB = bias_hh_l (gate order r, z, n on both
 * sides), reproduce it to 1e-12.
 *
 * <p>The fixture's loss is Σ (output − target)² / H over every step, example and unit. Here the
 * GRU layers are followed by an identity output layer with W = I and b = 0 and DL4J's MSE, whose
 * score times the minibatch is that sum, and whose raw gradient (summed over the minibatch) is the
 * loss's gradient.
 */
class GruFixtureTest {

    private static final Logger LOG = LoggerFactory.getLogger(GruFixtureTest.class);

    private static final Path FIXTURE = Path.of("src/test/resources/gru-fixture");
    private static final double TOLERANCE = 1e-12;
    private static final int N_IN = 3;
    private static final int H = 4;
    private static final int LAYERS = 2;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void dl4jAndScratchReproduceTheNnGruFixture() throws IOException {
        NpyArray input = read("input");
        int steps = input.shape()[0];
        int mb = input.shape()[1];
        assertArrayEquals(new int[] {steps, mb, N_IN}, input.shape());
        NetworkSpec spec = new NetworkSpec(CellType.GRU, N_IN, H, LAYERS, H, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true, WeightInitSpec.xavier());
        ScratchNetwork scratch = new ScratchNetwork(spec, 1);
        scratch.setParams(parametersFromPyTorch(scratch));
        MultiLayerNetwork net = NetworkFactory.network(spec, new TrainingSpec(UpdaterKind.SGD, 0.1, ClipSpec.none(), mb,
                1, 0, 1));
        ParameterBridge.toDl4j(scratch, net);

        SequenceBatch batch = SequenceBatch.of(batchMajor(input), batchMajor(read("target")));
        double[][][] expectedOutput = batchMajor(read("output"));
        List<String> checked = new ArrayList<>();

        // outputs: the top layer's h at every step (the output layer passes it through)
        assertClose(flat(expectedOutput), flat(scratch.output(batch.features(), null)), "scratch output");
        INDArray dl4jOutput = net.output(Batches.toNcw(batch.features()));
        assertClose(flat(expectedOutput), flat(Batches.fromNcw(dl4jOutput)), "DL4J output");
        checked.add("output");

        // final hidden states of both layers, from DL4J's carried state after the whole sequence
        NpyArray hN = read("h_n");
        net.rnnClearPreviousState();
        net.rnnTimeStep(Batches.toNcw(batch.features()));
        for (int layer = 0; layer < LAYERS; layer++) {
            Map<String, INDArray> state = net.rnnGetPreviousState(layer);
            INDArray h = state.values().iterator().next();
            double[] expected = new double[mb * H];
            double[] actual = new double[mb * H];
            for (int e = 0; e < mb; e++) {
                for (int j = 0; j < H; j++) {
                    expected[e * H + j] = hN.get(layer, e, j);
                    actual[e * H + j] = h.getDouble(e, j);
                }
            }
            assertClose(expected, actual, "DL4J h_n of layer " + layer);
        }
        checked.add("h_n");

        // loss and gradients
        double loss = read("loss").values()[0];
        double[] scratchGradient = new double[scratch.numParams()];
        double scratchScore = scratch.computeGradientAndScore(batch, scratchGradient);
        double[] dl4jGradient = new double[scratch.numParams()];
        double dl4jScore = GradientComparison.dl4jGradientAndScore(net, batch, dl4jGradient);
        assertEquals(loss, scratchScore * mb, TOLERANCE * loss, "scratch loss");
        assertEquals(loss, dl4jScore * mb, TOLERANCE * loss, "DL4J loss");
        checked.add("loss");
        double[] expectedGradient = gradientsFromPyTorch(scratch);
        for (ParamBlock block : scratch.layout().blocks()) {
            if (block.layer() == LAYERS) {
                continue; // the output layer is rnnlab's addition, not part of the fixture
            }
            double[] expected = slice(expectedGradient, block);
            assertClose(expected, slice(scratchGradient, block), "scratch gradient of " + block.name());
            assertClose(expected, slice(dl4jGradient, block), "DL4J gradient of " + block.name());
            checked.add(block.name());
        }

        // the gradient with respect to the input, which DL4J hands back below its first layer
        net.rnnClearPreviousState();
        INDArray epsilon = net.calculateGradients(Batches.toNcw(batch.features()), Batches.toNcw(batch.labels()),
                null, null).getSecond();
        assertClose(flat(batchMajor(read("grad_input"))), flat(Batches.fromNcw(epsilon)), "DL4J input gradient");
        checked.add("grad_input");
        assertEquals(4 + 4 * LAYERS, checked.size(), checked.toString());
    }

    /** The scratch network's flat parameters from nn.GRU's arrays; output layer W = I, b = 0. */
    private static double[] parametersFromPyTorch(ScratchNetwork scratch) throws IOException {
        return fromPyTorch(scratch, "");
    }

    /** The fixture's gradients laid out like the parameters (output layer zero). */
    private static double[] gradientsFromPyTorch(ScratchNetwork scratch) throws IOException {
        return fromPyTorch(scratch, "grad_");
    }

    /**
     * W(k, c) = weight_ih_l[c][k], RW(k, c) = weight_hh_l[c][k] (transposes; rows c in gate order
     * r, z, n are rnnlab's column blocks in the same order), b = bias_ih_l, RB = bias_hh_l.
     */
    private static double[] fromPyTorch(ScratchNetwork scratch, String prefix) throws IOException {
        double[] flat = new double[scratch.numParams()];
        for (ParamBlock block : scratch.layout().blocks()) {
            if (block.layer() == LAYERS) {
                if (prefix.isEmpty() && !block.isBias()) {
                    for (int j = 0; j < H; j++) {
                        flat[block.index(j, j)] = 1;
                    }
                }
                continue;
            }
            String torchName = switch (block.key()) {
                case ParamBlock.INPUT_WEIGHTS -> "weight_ih";
                case ParamBlock.RECURRENT_WEIGHTS -> "weight_hh";
                case ParamBlock.BIAS -> "bias_ih";
                case ParamBlock.RECURRENT_BIAS -> "bias_hh";
                default -> throw new IllegalStateException("unexpected GRU parameter " + block.name());
            };
            NpyArray torch = read(prefix + torchName + "_l" + block.layer());
            for (int row = 0; row < block.rows(); row++) {
                for (int col = 0; col < block.cols(); col++) {
                    flat[block.index(row, col)] = block.isBias() ? torch.get(col) : torch.get(col, row);
                }
            }
        }
        return flat;
    }

    /** [T, B, width] (PyTorch's sequence-first layout) to [B][T][width]. */
    private static double[][][] batchMajor(NpyArray array) {
        int[] shape = array.shape();
        double[][][] result = new double[shape[1]][shape[0]][shape[2]];
        for (int t = 0; t < shape[0]; t++) {
            for (int e = 0; e < shape[1]; e++) {
                for (int k = 0; k < shape[2]; k++) {
                    result[e][t][k] = array.get(t, e, k);
                }
            }
        }
        return result;
    }

    private static NpyArray read(String name) throws IOException {
        return NpyFormat.read(FIXTURE.resolve(name + ".npy"));
    }

    private static double[] slice(double[] flat, ParamBlock block) {
        double[] part = new double[block.size()];
        System.arraycopy(flat, block.offset(), part, 0, block.size());
        return part;
    }

    private static double[] flat(double[][][] values) {
        List<Double> all = new ArrayList<>();
        for (double[][] example : values) {
            for (double[] step : example) {
                for (double v : step) {
                    all.add(v);
                }
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Normwise relative difference max|expected − actual| / max|expected| within the tolerance. */
    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": sizes");
        double scale = 0;
        double difference = 0;
        for (int k = 0; k < expected.length; k++) {
            scale = Math.max(scale, Math.abs(expected[k]));
            difference = Math.max(difference, Math.abs(expected[k] - actual[k]));
        }
        assertTrue(scale > 0, what + ": the fixture holds only zeros");
        assertTrue(difference <= TOLERANCE * scale, what + ": relative difference " + difference / scale);
        LOG.info("{}: relative difference {}", what, difference / scale);
    }
}

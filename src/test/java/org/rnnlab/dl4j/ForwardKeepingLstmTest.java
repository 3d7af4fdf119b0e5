package org.rnnlab.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.bridge.Batches;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.Precision;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.testing.CheckFixtures;
import org.rnnlab.testing.TestBatches.MaskLayout;

/**
 * The LSTM layer that keeps its training forward pass is DL4J's LSTM in every number: the same
 * gradients and the same training trajectory to the last bit as the stock layer, in double and in
 * float, with and without masks, on one and two layers, with truncated BPTT; it keeps every
 * setting through JSON and ModelSerializer, and never uses a kept pass for another input.
 */
class ForwardKeepingLstmTest {

    private static final TrainingSpec ADAM = new TrainingSpec(UpdaterKind.ADAM, 0.02, ClipSpec.none(), 3, 1, 0, 7);

    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(1, MaskLayout.NONE, OutputMode.EVERY_STEP, Precision.DOUBLE),
                Arguments.of(2, MaskLayout.PADDED_END, OutputMode.EVERY_STEP, Precision.DOUBLE),
                Arguments.of(2, MaskLayout.NONE, OutputMode.LAST_STEP, Precision.FLOAT),
                Arguments.of(1, MaskLayout.PADDED_END, OutputMode.LAST_STEP, Precision.FLOAT));
    }

    @ParameterizedTest(name = "{0} layers, masks {1}, {2}, {3}")
    @MethodSource("networks")
    void gradientsAndTrainingAreTheStockLayersToTheLastBit(int layers, MaskLayout masks, OutputMode mode,
                                                          Precision precision) {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 3, 5, layers, 2, mode,
                CheckFixtures.OUTPUTS.get(mode == OutputMode.LAST_STEP ? 3 : 0), true).withPrecision(precision);
        DataSet data = dataFor(spec, masks, 11L * layers + masks.ordinal());
        MultiLayerNetwork stock = network(spec, ADAM, Dl4jLstm.STOCK);
        MultiLayerNetwork kept = network(spec, ADAM, Dl4jLstm.KEEP_FORWARD);
        assertSame(org.deeplearning4j.nn.layers.recurrent.LSTM.class, stock.getLayer(0).getClass());
        assertInstanceOf(ForwardKeepingLstmImpl.class, kept.getLayer(layers - 1));
        assertArrayEquals(stock.params().toDoubleVector(), kept.params().toDoubleVector(), 0, "same initial parameters");

        stock.setInput(data.getFeatures());
        stock.setLabels(data.getLabels());
        stock.setLayerMaskArrays(data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        stock.computeGradientAndScore();
        kept.setInput(data.getFeatures());
        kept.setLabels(data.getLabels());
        kept.setLayerMaskArrays(data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        kept.computeGradientAndScore();
        for (int i = 0; i < layers; i++) {
            assertFalse(((ForwardKeepingLstmImpl) kept.getLayer(i)).holdsForwardPass(),
                    "layer " + i + ": the backward pass took the kept forward pass");
        }
        double[] stockGradient = stock.gradient().gradient().toDoubleVector();
        assertTrue(maxAbs(stockGradient) > 0, "a gradient to compare");
        assertArrayEquals(stockGradient, kept.gradient().gradient().toDoubleVector(), 0);
        assertEquals(stock.score(), kept.score(), 0);

        for (int step = 0; step < 6; step++) {
            stock.fit(data);
            kept.fit(data);
            assertArrayEquals(stock.params().toDoubleVector(), kept.params().toDoubleVector(), 0, "after step " + step);
            assertEquals(stock.score(), kept.score(), 0, "score at step " + step);
        }
        assertArrayEquals(flat(stock.output(data.getFeatures())), flat(kept.output(data.getFeatures())), 0);
    }

    @Test
    void truncatedBpttTrainsAsTheStockLayer() {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 2, 4, 2, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(3), true);
        TrainingSpec tbptt = new TrainingSpec(UpdaterKind.ADAM, 0.02, ClipSpec.none(), 3, 1, 3, 5);
        DataSet data = dataFor(spec, MaskLayout.NONE, 3);
        MultiLayerNetwork stock = network(spec, tbptt, Dl4jLstm.STOCK);
        MultiLayerNetwork kept = network(spec, tbptt, Dl4jLstm.KEEP_FORWARD);
        for (int step = 0; step < 4; step++) {
            stock.fit(data);
            kept.fit(data);
        }
        assertNotEquals(0.0, maxAbs(stock.params().toDoubleVector()));
        assertArrayEquals(stock.params().toDoubleVector(), kept.params().toDoubleVector(), 0);
        // generation step by step, which keeps nothing
        INDArray first = data.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0));
        assertArrayEquals(flat(stock.rnnTimeStep(first)), flat(kept.rnnTimeStep(first)), 0);
    }

    /**
     * A kept pass belongs to the input it was computed from: when the layer's input changed between
     * the forward and the backward pass, the backward pass runs the forward pass again, as the stock
     * layer always does.
     */
    @Test
    void aPassKeptForAnotherInputIsNotUsed() {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 3, 4, 1, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        MultiLayerNetwork stockNet = network(spec, ADAM, Dl4jLstm.STOCK);
        MultiLayerNetwork keptNet = network(spec, ADAM, Dl4jLstm.KEEP_FORWARD);
        stockNet.initGradientsView();
        keptNet.initGradientsView();
        ForwardKeepingLstmImpl kept = (ForwardKeepingLstmImpl) keptNet.getLayer(0);
        org.deeplearning4j.nn.api.Layer stock = stockNet.getLayer(0);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        INDArray a = dataFor(spec, MaskLayout.NONE, 1).getFeatures();
        INDArray b = dataFor(spec, MaskLayout.NONE, 2).getFeatures();
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 3, 4, 5);

        kept.activate(a, true, none);
        assertTrue(kept.holdsForwardPass());
        kept.setInput(b, none);
        double[] keptGradient = gradient(kept.backpropGradient(epsilon, none));
        stock.setInput(b, none);
        double[] stockGradient = gradient(stock.backpropGradient(epsilon, none));
        assertArrayEquals(stockGradient, keptGradient, 0);

        // and with the same input, the kept pass gives what the stock layer's second pass gives
        kept.activate(a, true, none);
        keptGradient = gradient(kept.backpropGradient(epsilon, none));
        stock.setInput(a, none);
        stock.activate(true, none);
        stockGradient = gradient(stock.backpropGradient(epsilon, none));
        assertArrayEquals(stockGradient, keptGradient, 0);
        assertNotEquals(0.0, maxAbs(keptGradient));

        // inference keeps nothing
        kept.activate(a, false, none);
        assertFalse(kept.holdsForwardPass());
    }

    @Test
    void theConfigurationIsTheStockLayersAndSurvivesJsonAndModelSerializer() throws IOException {
        NetworkSpec spec = CheckFixtures.spec(CellType.LSTM, 3, 4, 2, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(3), true);
        TrainingSpec clipped = new TrainingSpec(UpdaterKind.ADAM, 0.01, new ClipSpec(ClipSpec.Kind.ELEMENTWISE, 0.5), 3, 1, 0, 9);
        MultiLayerConfiguration stock = NetworkFactory.configuration(spec, clipped, DataType.DOUBLE, Dl4jLstm.STOCK);
        MultiLayerConfiguration kept = NetworkFactory.configuration(spec, clipped, DataType.DOUBLE, Dl4jLstm.KEEP_FORWARD);
        String keptJson = kept.toJson();
        assertTrue(keptJson.contains(ForwardKeepingLstm.class.getName()), "the JSON names the layer");
        // every setting the builder made is there: the JSON differs in the class name alone
        assertEquals(stock.toJson(), keptJson.replace(ForwardKeepingLstm.class.getName(), LSTM.class.getName()));
        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(keptJson);
        assertEquals(kept, read);
        assertInstanceOf(ForwardKeepingLstm.class, read.getConf(1).getLayer());

        MultiLayerNetwork net = new MultiLayerNetwork(kept);
        net.init();
        DataSet data = dataFor(spec, MaskLayout.NONE, 4);
        for (int i = 0; i < 3; i++) {
            net.fit(data);
        }
        Path file = dir.resolve("lstm.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertInstanceOf(ForwardKeepingLstmImpl.class, restored.getLayer(0));
        net.fit(data);
        restored.fit(data);
        assertArrayEquals(net.params().toDoubleVector(), restored.params().toDoubleVector(), 0);
    }

    @Test
    void onlyALayerBuiltByDl4jsOwnBuilderIsCopied() {
        ForwardKeepingLstm already = new ForwardKeepingLstm();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForwardKeepingLstm.of(already));
        assertTrue(e.getMessage().contains(ForwardKeepingLstm.class.getName()), e.getMessage());
    }

    @Test
    void theSystemPropertyPicksTheLayerAndRejectsOtherNames() {
        String before = System.getProperty(Dl4jLstm.PROPERTY);
        try {
            System.clearProperty(Dl4jLstm.PROPERTY);
            assertEquals(Dl4jLstm.KEEP_FORWARD, Dl4jLstm.fromSystemProperty());
            System.setProperty(Dl4jLstm.PROPERTY, " stock ");
            assertEquals(Dl4jLstm.STOCK, Dl4jLstm.fromSystemProperty());
            System.setProperty(Dl4jLstm.PROPERTY, "cached");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Dl4jLstm::fromSystemProperty);
            for (String part : List.of(Dl4jLstm.PROPERTY, "'cached'", "keep-forward", "stock")) {
                assertTrue(e.getMessage().contains(part), e.getMessage());
            }
        } finally {
            if (before == null) {
                System.clearProperty(Dl4jLstm.PROPERTY);
            } else {
                System.setProperty(Dl4jLstm.PROPERTY, before);
            }
        }
    }

    private static MultiLayerNetwork network(NetworkSpec spec, TrainingSpec training, Dl4jLstm lstm) {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(spec, training,
                NetworkFactory.dataType(spec.precision()), lstm));
        net.init();
        return net;
    }

    private static DataSet dataFor(NetworkSpec spec, MaskLayout masks, long seed) {
        // many-to-one: the label mask keeps each sequence's last step, as the runner's data does
        DataSet data = Batches.toDataSet(new ScratchNetwork(spec, 1).withOutputModeMask(
                CheckFixtures.batch(spec, 3, 5, masks, false, new Random(seed))));
        DataType type = NetworkFactory.dataType(spec.precision());
        return new DataSet(Batches.castTo(data.getFeatures(), type), Batches.castTo(data.getLabels(), type),
                data.getFeaturesMaskArray() == null ? null : Batches.castTo(data.getFeaturesMaskArray(), type),
                data.getLabelsMaskArray() == null ? null : Batches.castTo(data.getLabelsMaskArray(), type));
    }

    private static double[] gradient(Pair<Gradient, INDArray> result) {
        Gradient g = result.getFirst();
        return Nd4j.toFlattened(g.gradientForVariable().values()).toDoubleVector();
    }

    private static double[] flat(INDArray array) {
        return Nd4j.toFlattened('c', array).toDoubleVector();
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}

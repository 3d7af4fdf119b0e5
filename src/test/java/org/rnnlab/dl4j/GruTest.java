package org.rnnlab.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.rnnlab.bridge.Batches;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.testing.CheckFixtures;
import org.rnnlab.testing.Dl4jGradientCheck;
import org.rnnlab.testing.TestArrays;
import org.rnnlab.testing.TestBatches.MaskLayout;

/**
 * rnnlab's DL4J GRU layer as DL4J's own tools see it: its gradient passes GradientCheckUtil, it
 * trains with DL4J's updaters, survives ModelSerializer, and generates step by step with
 * rnnTimeStep what it computes for the whole sequence.
 */
class GruTest {

    /** GradientCheckUtil's own conditions: plain SGD at rate 1, full BPTT, double precision. */
    private static final TrainingSpec CHECKABLE = new TrainingSpec(UpdaterKind.SGD, 1.0, ClipSpec.none(), 3, 1, 0, 11);

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    /**
     * Four networks cover each choice both ways, and each pair of choices at least once:
     * (layers, masks, output) = (1, none, every step), (1, padded, last step), (2, padded, every
     * step), (2, none, last step).
     */
    @Test
    void gradientCheckPassesWithAndWithoutMasksOnOneAndTwoLayersManyToOneAndManyToMany() {
        List<String> checked = new ArrayList<>();
        for (int layers = 1; layers <= 2; layers++) {
            for (MaskLayout masks : List.of(MaskLayout.NONE, MaskLayout.PADDED_END)) {
                boolean sameChoice = (layers == 1) == (masks == MaskLayout.NONE);
                OutputMode mode = sameChoice ? OutputMode.EVERY_STEP : OutputMode.LAST_STEP;
                NetworkSpec spec = CheckFixtures.spec(CellType.GRU, 2, 2, layers, 2, mode,
                        CheckFixtures.OUTPUTS.get(mode == OutputMode.LAST_STEP ? 2 : 0), true);
                MultiLayerNetwork net = NetworkFactory.network(spec, CHECKABLE);
                // random parameters, biases included, so that no gate starts in a special place
                ScratchNetwork scratch = new ScratchNetwork(spec, 1);
                double[] params = scratch.params();
                Random random = new Random(31L * layers + masks.ordinal());
                for (int k = 0; k < params.length; k++) {
                    params[k] = random.nextGaussian() * 0.7;
                }
                scratch.setParams(params);
                ParameterBridge.toDl4j(scratch, net);
                SequenceBatch batch = scratch.withOutputModeMask(CheckFixtures.batch(spec, 3, 4, masks, false,
                        new Random(layers * 7L + mode.ordinal())));
                DataSet data = Batches.toDataSet(batch);
                String what = layers + " layers, " + mode + ", masks " + masks;
                assertEquals(masks != MaskLayout.NONE, data.getFeaturesMaskArray() != null, what);
                boolean passed = Dl4jGradientCheck.passes(net, data, Set.of(), 0);
                assertTrue(passed, "GradientCheckUtil failed: " + what);
                checked.add(what);
            }
        }
        assertEquals(4, checked.size());
        assertEquals(2, checked.stream().filter(w -> w.contains("LAST_STEP")).count(), checked.toString());
    }

    @Test
    void trainsWithEveryUpdater() {
        NetworkSpec spec = CheckFixtures.spec(CellType.GRU, 2, 3, 1, 1, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        DataSet data = Batches.toDataSet(CheckFixtures.batch(spec, 4, 3, MaskLayout.NONE, false, new Random(3)));
        List<IUpdater> updaters = List.of(new Sgd(0.1), new Nesterovs(0.05, 0.9), new Adam(0.02), new AdaMax(0.02),
                new Nadam(0.02), new AMSGrad(0.02), new RmsProp(0.01), new AdaGrad(0.1), new AdaDelta());
        for (IUpdater updater : updaters) {
            MultiLayerConfiguration conf = NetworkFactory.configuration(spec, CHECKABLE);
            conf.getConfs().forEach(layer -> ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.getLayer())
                    .setIUpdater(updater.clone()));
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            double[] recurrentBias = net.getParam("0_RB").toDoubleVector();
            double before = net.score(data);
            for (int i = 0; i < 10; i++) {
                net.fit(data);
            }
            double after = net.score(data);
            String name = updater.getClass().getSimpleName();
            assertTrue(after < before, name + ": score " + before + " -> " + after);
            assertTrue(TestArrays.maxAbsDifference(recurrentBias, net.getParam("0_RB").toDoubleVector()) > 0,
                    name + ": the recurrent bias trains");
        }
    }

    @Test
    void savedAndRestoredNetworkGivesTheSameOutputsAndKeepsTraining() throws IOException {
        NetworkSpec spec = CheckFixtures.spec(CellType.GRU, 2, 3, 2, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(3), true);
        TrainingSpec adam = new TrainingSpec(UpdaterKind.ADAM, 0.01, ClipSpec.none(), 3, 1, 0, 5);
        MultiLayerNetwork net = NetworkFactory.network(spec, adam);
        DataSet data = Batches.toDataSet(CheckFixtures.batch(spec, 3, 4, MaskLayout.NONE, false, new Random(9)));
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        Path file = dir.resolve("gru.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);

        assertInstanceOf(Gru.class, restored.getLayer(0).conf().getLayer());
        assertInstanceOf(GruImpl.class, restored.getLayer(1));
        assertArrayEquals(ParameterBridge.flatParams(net), ParameterBridge.flatParams(restored), 0);
        assertArrayEquals(flat(net.output(data.getFeatures())), flat(restored.output(data.getFeatures())), 0);
        // the updater state came along: the next step is the same on both
        net.fit(data);
        restored.fit(data);
        assertArrayEquals(ParameterBridge.flatParams(net), ParameterBridge.flatParams(restored), 0);
    }

    /**
     * The backward pass that takes the training forward pass just made gives, bit for bit, what it
     * gives when it runs the forward pass again (the input changed in between, or no forward pass
     * came before); and a forward pass for another input is never taken.
     */
    @Test
    void backpropFromTheKeptForwardPassEqualsBackpropThatRunsItAgain() {
        NetworkSpec spec = CheckFixtures.spec(CellType.GRU, 2, 3, 1, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        MultiLayerNetwork net = NetworkFactory.network(spec, CHECKABLE);
        net.initGradientsView();
        GruImpl layer = (GruImpl) net.getLayer(0);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        SequenceBatch masked = CheckFixtures.batch(spec, 3, 4, MaskLayout.PADDED_END, false, new Random(5));
        INDArray a = Batches.toDataSet(masked).getFeatures();
        INDArray mask = Batches.toDataSet(masked).getFeaturesMaskArray();
        INDArray b = Batches.toDataSet(CheckFixtures.batch(spec, 3, 4, MaskLayout.NONE, false, new Random(6)))
                .getFeatures();
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 3, 3, 4);

        layer.setMaskArray(mask);
        layer.activate(a, true, none);
        double[] kept = backprop(layer, epsilon, none);
        double[] again = backprop(layer, epsilon, none); // nothing kept now: the forward pass runs again
        assertArrayEquals(again, kept, 0);
        assertTrue(Arrays.stream(kept).anyMatch(v -> v != 0), "a gradient to compare");

        layer.setMaskArray(null);
        layer.activate(a, true, none);
        layer.setInput(b, none);
        double[] forB = backprop(layer, epsilon, none);
        layer.activate(b, false, none);
        assertArrayEquals(backprop(layer, epsilon, none), forB, 0);
    }

    private static double[] backprop(GruImpl layer, INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> result = layer.backpropGradient(epsilon, workspaceMgr);
        double[] params = result.getFirst().gradient().toDoubleVector();
        double[] eps = flat(result.getSecond());
        double[] both = Arrays.copyOf(params, params.length + eps.length);
        System.arraycopy(eps, 0, both, params.length, eps.length);
        return both;
    }

    private static double[] flat(INDArray array) {
        return Nd4j.toFlattened('c', array).toDoubleVector();
    }

    @Test
    void rnnTimeStepGeneratesWhatTheWholeSequenceComputesAndScratchAgrees() {
        NetworkSpec spec = CheckFixtures.spec(CellType.GRU, 2, 3, 2, 2, OutputMode.EVERY_STEP,
                CheckFixtures.OUTPUTS.get(0), true);
        MultiLayerNetwork net = NetworkFactory.network(spec, CHECKABLE);
        ScratchNetwork scratch = new ScratchNetwork(spec, 8);
        ParameterBridge.toDl4j(scratch, net);
        SequenceBatch batch = CheckFixtures.batch(spec, 2, 6, MaskLayout.NONE, false, new Random(12));
        INDArray features = Batches.toNcw(batch.features());
        INDArray whole = net.output(features);

        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray x = features.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
            INDArray step = net.rnnTimeStep(x);
            double[][] scratchStep = scratch.timeStep(x.toDoubleMatrix());
            for (int e = 0; e < 2; e++) {
                for (int k = 0; k < 2; k++) {
                    assertEquals(whole.getDouble(e, k, t), step.getDouble(e, k), 1e-14, "step " + t);
                    assertEquals(whole.getDouble(e, k, t), scratchStep[e][k], 1e-14, "scratch step " + t);
                }
            }
        }
        assertTrue(net.rnnGetPreviousState(0).containsKey(GruImpl.STATE_KEY_PREVIOUS_H));
        net.rnnClearPreviousState();
        INDArray first = net.rnnTimeStep(features.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)));
        assertEquals(whole.getDouble(1, 1, 0), first.getDouble(1, 1), 1e-14, "a cleared state starts from zero");
    }
}

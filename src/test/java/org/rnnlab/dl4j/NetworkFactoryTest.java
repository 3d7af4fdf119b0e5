package org.rnnlab.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Sgd;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.AddingTask;
import org.rnnlab.lab.tasks.CharModelTask;
import org.rnnlab.lab.tasks.TemporalOrderTask;
import org.rnnlab.lab.tasks.SeriesWindowTask;
import org.rnnlab.lab.tasks.SineGenerationTask;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.testing.Dl4jGradientCheck;
import org.rnnlab.testing.SettingsCopies;

class NetworkFactoryTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    /** Entries checked per parameter array of a network with a vocabulary-wide input and output. */
    private static final int WIDE_SUBSET = 60;
    /** Entries checked per parameter array of a network trained on sequences longer than {@link #LONG_SEQUENCE}. */
    private static final int LONG_SUBSET = 4;
    private static final int LONG_SEQUENCE = 40;

    static Stream<Path> referenceSettings() throws IOException {
        return SettingsCopies.allReferences().stream();
    }

    /**
     * Each experiment's network, shrunk to a few units (and two layers, to cover stacking), passes
     * DL4J's own finite-difference gradient check on a real minibatch of its own data, masks included.
     * Weights start from Xavier init here: with E3's 0.001-scale weights the gradients are so small
     * against a score summed over 49 steps that central differences drown in rounding.
     */
    @ParameterizedTest
    @MethodSource("referenceSettings")
    void gradientCheckPassesOnEachExperimentsNetwork(Path reference) throws IOException {
        // DL4J's gradient check runs in double, also on the networks whose files train in float
        Map<String, String> small = new HashMap<>(Map.of("hidden", "3", "layers", "2", "batch", "3",
                "init", "xavier", "precision", "double"));
        ExperimentSettings loaded = TaskKinds.load(reference, DataFiles.dataDir());
        if (loaded.task() instanceof SeriesWindowTask.Settings) {
            small.put("window", "5");
        }
        if (loaded.task() instanceof SineGenerationTask.Settings) {
            small.put("windows.per.sequence", "1");
            small.put("sequences.per.epoch", "3");
        }
        // A character model's input and output are as wide as its text's vocabulary (121 characters):
        // of each of its larger parameter arrays, an evenly spread subset is checked.
        boolean wide = loaded.task() instanceof CharModelTask.Settings;
        if (wide) {
            small.put("window", "3");
        }
        // The long-lag kinds draw their data in code: fewer sequences, and adding sequences of 10 steps.
        if (loaded.task() instanceof AddingTask.Settings) {
            small.putAll(Map.of("length", "10", "epoch.sequences", "6", "test.sequences", "6"));
        }
        if (loaded.task() instanceof TemporalOrderTask.Settings) {
            small.putAll(Map.of("epoch.sequences", "6", "test.sequences", "6"));
        }
        ExperimentSettings settings = TaskKinds.load(SettingsCopies.edit(reference, dir, small),
                DataFiles.dataDir());
        // Long sequences (temporal order's 100-110 steps, the control charts' 60, E3's 50) make every
        // central difference a long DL4J pass: a subset of each parameter array is checked, as for the
        // wide character model.
        boolean longSequences = settings.task().shape().sequenceLength() > LONG_SEQUENCE;
        // GradientCheckUtil needs plain SGD with rate 1 and full BPTT; the gradient does not depend on them.
        TrainingSpec checkable = new TrainingSpec(UpdaterKind.SGD, 1.0, ClipSpec.none(),
                3, 1, 0, settings.training().seed());
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(settings.network(), checkable));
        net.init();
        DataSetIterator data = TaskKinds.task(settings).trainingData(3);
        DataSet batch = data.next();

        boolean passed = Dl4jGradientCheck.passes(net, batch, frozenBiases(settings),
                wide ? WIDE_SUBSET : longSequences ? LONG_SUBSET : 0);
        assertTrue(passed, "DL4J gradient check failed for " + reference);
        assertEquals(DataType.DOUBLE, net.params().dataType());
    }

    /**
     * Without biases the network's biases have a zero-rate updater, and GradientCheckUtil reads the
     * gradient after the updater: frozen parameters are not part of what is trained, so not checked.
     */
    private static Set<String> frozenBiases(ExperimentSettings settings) {
        Set<String> frozen = new HashSet<>();
        if (!settings.network().bias()) {
            for (int layer = 0; layer <= settings.network().layers(); layer++) {
                frozen.add(layer + "_b");
                if (layer < settings.network().layers() && settings.network().cell().hasRecurrentBias()) {
                    frozen.add(layer + "_RB");
                }
            }
        }
        return frozen;
    }

    @Test
    void recurrentLayersUseTanhAndBiasFreeNetworksKeepBiasesAtZero() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e2-sine-window-simplernn", dir, Map.of("hidden", "4"));
        assertEquals(false, settings.network().bias());
        MultiLayerNetwork net = NetworkFactory.network(settings.network(), settings.training());
        BaseLayer recurrent = (BaseLayer) net.getLayer(0).conf().getLayer();
        assertInstanceOf(ActivationTanH.class, recurrent.getActivationFn());
        assertEquals(0.0, ((Sgd) recurrent.getBiasUpdater()).getLearningRate());

        DataSetIterator data = TaskKinds.task(settings).trainingData(8);
        for (int i = 0; i < 5; i++) {
            net.fit(data.next());
        }
        INDArray bias = net.getParam("0_b");
        INDArray outputBias = net.getParam("1_b");
        assertEquals(0.0, bias.amaxNumber().doubleValue(), "recurrent bias moved");
        assertEquals(0.0, outputBias.amaxNumber().doubleValue(), "output bias moved");
        assertTrue(net.getParam("0_W").amaxNumber().doubleValue() > 0, "weights should train");
    }

    @Test
    void lstmForgetGateStartsOpenOnlyWithBiases() throws IOException {
        ExperimentSettings withBias = SettingsCopies.load("e2-sine-window-lstm", dir, Map.of("hidden", "4"));
        MultiLayerNetwork net = NetworkFactory.network(withBias.network(), withBias.training());
        INDArray b = net.getParam("0_b");
        // DL4J's LSTM column blocks: [a, f, o, i], each of width n = 4.
        for (int j = 0; j < 16; j++) {
            assertEquals(j >= 4 && j < 8 ? 1.0 : 0.0, b.getDouble(j), "bias column " + j);
        }
        assertInstanceOf(LSTM.class, net.getLayer(0).conf().getLayer());

        Path dir2 = dir.resolve("nobias");
        Files.createDirectories(dir2);
        ExperimentSettings noBias = SettingsCopies.load("e2-sine-window-lstm", dir2, Map.of("hidden", "4", "bias", "false"));
        MultiLayerNetwork bare = NetworkFactory.network(noBias.network(), noBias.training());
        assertEquals(0.0, bare.getParam("0_b").amaxNumber().doubleValue());
    }
}

package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.spec.Precision;
import org.rnnlab.testing.SettingsCopies;

/** A saved run loads as the same function whichever implementation's file holds its network. */
class SavedRunTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    /** Tiny versions of one reference settings file per kind, and an input file of that kind to predict on. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("sunspots-lstm", Map.of("hidden", "5", "epochs", "2", "stop.patience", "0"),
                        "sunspots/yearly.csv"),
                Arguments.of("e2-sine-window-simplernn", Map.of("hidden", "5", "epochs", "2"), "e2-sine/test.txt"),
                Arguments.of("e1-letter-parity-lstm", Map.of("hidden", "3", "epochs", "2"), "e1-letters/all-length4.csv"),
                Arguments.of("e3-sine-warmup-lstm", Map.of("hidden", "4", "epochs", "2", "generation.steps", "6"),
                        "e3-sine/start-0.txt"),
                Arguments.of("control-chart-variable-lstm", Map.of("hidden", "4", "layers", "1", "epochs", "1"),
                        "control-chart-variable/test"),
                Arguments.of("char-model-lstm", Map.of("hidden", "5", "epochs", "1", "windows.per.epoch", "8",
                        "sample.length", "5", "precision", "double"), null),
                Arguments.of("char-model-lstm", Map.of("hidden", "5", "epochs", "1", "windows.per.epoch", "8",
                        "sample.length", "5", "precision", "float"), null));
    }

    /**
     * One DL4J network saved both ways: its run folder's model.zip, and a copy of the folder holding
     * its parameters as .npy files instead, which loads as a scratch network built from the settings.
     * Both give the same outputs, to 1e-12 (1e-5 for a network in float), on every minibatch of the run's training data, and the
     * same predictions file (or, for the character model, the same sampled text).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void dl4jAndScratchLoadsOfOneNetworkGiveTheSameOutputs(String reference, Map<String, String> changes,
                                                          String input) throws IOException {
        ExperimentSettings settings = SettingsCopies.load(reference, dir, changes);
        Path dl4jFolder = Trainer.run(settings, Implementation.DL4J.create(settings), dir.resolve("runs")).folder();
        Path scratchFolder = dir.resolve("runs/" + dl4jFolder.getFileName() + "-as-npy");
        copyFolder(dl4jFolder, scratchFolder);
        Files.delete(scratchFolder.resolve(SavedRun.DL4J_MODEL));
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(dl4jFolder.resolve(SavedRun.DL4J_MODEL).toFile());
        ParameterBridge.exportNpy(net, scratchFolder.resolve(SavedRun.SCRATCH_PARAMETERS));

        SavedRun dl4j = SavedRun.open(dl4jFolder, DataFiles.dataDir());
        SavedRun scratch = SavedRun.open(scratchFolder, DataFiles.dataDir());
        assertEquals(Implementation.DL4J, dl4j.implementation());
        assertEquals(Implementation.SCRATCH, scratch.implementation());
        SequenceModel a = dl4j.model();
        SequenceModel b = scratch.model();
        DataSetIterator data = TaskKinds.task(dl4j.settings()).trainingData(64);
        double largest = 0;
        int batches = 0;
        for (data.reset(); data.hasNext() && batches < 20; batches++) {
            DataSet batch = data.next();
            INDArray left = a.output(batch.getFeatures(), batch.getFeaturesMaskArray());
            INDArray right = b.output(batch.getFeatures(), batch.getFeaturesMaskArray());
            largest = Math.max(largest, left.sub(right).amaxNumber().doubleValue());
        }
        assertTrue(batches > 0);
        // a float network's outputs (probabilities, of order 1) are computed in float on both sides
        double tolerance = dl4j.settings().network().precision() == Precision.FLOAT ? 1e-5 : 1e-12;
        assertTrue(largest <= tolerance, "largest output difference " + largest);

        if (input == null) {
            String fromDl4j = dl4j.sampler().sample(a, "The ", 40, 0.8, 5);
            String fromScratch = scratch.sampler().sample(b, "The ", 40, 0.8, 5);
            assertEquals(40, fromDl4j.codePointCount(0, fromDl4j.length()));
            assertEquals(fromDl4j, fromScratch, "the same draws from the same probabilities");
            return;
        }
        Path file = DataFiles.dataDir().resolve(input);
        int rows = dl4j.predictor().predict(a, file, dir.resolve("dl4j.csv"));
        assertEquals(rows, scratch.predictor().predict(b, file, dir.resolve("scratch.csv")));
        List<String> left = Files.readAllLines(dir.resolve("dl4j.csv"));
        List<String> right = Files.readAllLines(dir.resolve("scratch.csv"));
        assertEquals(rows + 1, left.size());
        assertEquals(left.get(0), right.get(0));
        double worst = 0;
        for (int r = 1; r < left.size(); r++) {
            String[] l = left.get(r).split(",", -1);
            String[] q = right.get(r).split(",", -1);
            assertEquals(l.length, q.length);
            for (int c = 0; c < l.length; c++) {
                if (isNumber(l[c]) && l[c].contains(".")) {
                    worst = Math.max(worst, Math.abs(Double.parseDouble(l[c]) - Double.parseDouble(q[c])));
                } else {
                    assertEquals(l[c], q[c], "row " + r + " column " + c);
                }
            }
        }
        System.out.printf("%s: %d predictions, DL4J and scratch loads differ by at most %.2g%n", reference, rows, worst);
        assertTrue(worst <= 1e-12, "largest prediction difference " + worst);
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}

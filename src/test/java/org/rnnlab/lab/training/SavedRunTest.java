package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.SettingsCopies;

/** A saved run loads as the same function whichever implementation's file holds its network. */
class SavedRunTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    /**
     * One DL4J network saved both ways: its run folder's model.zip, and a copy of the folder holding
     * its parameters as .npy files instead, which loads as a scratch network built from the settings.
     * Both give the same outputs, to 1e-12, on every minibatch of the run's training data.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"sunspots-lstm", "e2-sine-window-simplernn"})
    void dl4jAndScratchLoadsOfOneNetworkGiveTheSameOutputs(String reference) throws IOException {
        ExperimentSettings settings = SettingsCopies.load(reference, dir,
                Map.of("hidden", "5", "epochs", "2", "stop.patience", "0"));
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
        for (data.reset(); data.hasNext(); batches++) {
            DataSet batch = data.next();
            INDArray left = a.output(batch.getFeatures(), batch.getFeaturesMaskArray());
            INDArray right = b.output(batch.getFeatures(), batch.getFeaturesMaskArray());
            largest = Math.max(largest, left.sub(right).amaxNumber().doubleValue());
        }
        assertTrue(batches > 0);
        assertTrue(largest <= 1e-12, "largest output difference " + largest);
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

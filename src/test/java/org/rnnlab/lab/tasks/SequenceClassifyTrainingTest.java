package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.testing.SettingsCopies;
import org.rnnlab.data.generate.ControlChartGenerator;
import org.rnnlab.data.files.LabelledRowsFile;
import org.rnnlab.data.files.LabelledSequence;
import org.rnnlab.data.files.LabelledSequenceSet;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.RunOutcome;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.Trainer;

/**
 * A small LSTM on an easy subset of the control chart patterns, rising against falling trends cut to
 * 20..30 steps (so every minibatch is padded and masked), in the rows layout: it learns them, DL4J
 * and the scratch network trained from the same start agree, and masking does not change a
 * sequence's prediction.
 */
class SequenceClassifyTrainingTest {

    private static final int TRAIN_PER_CLASS = 8;
    private static final int TEST_PER_CLASS = 6;

    @TempDir
    Path dir;

    private Path data;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    /** Increasing (class 0) and decreasing (class 1) trends of the control chart generator, ragged. */
    @BeforeEach
    void trends() throws IOException {
        data = dir.resolve("data");
        Files.createDirectories(data);
        SplittableRandom random = new SplittableRandom(3);
        writeRows("train.csv", trendRows(TRAIN_PER_CLASS, random));
        writeRows("test.csv", trendRows(TEST_PER_CLASS, random));
    }

    @Test
    void testTinyLstmLearnsTrendsAndBothImplementationsAgree() throws IOException {
        ExperimentSettings settings = settings("lstm", 0.05, 30);
        Path runs = dir.resolve("runs");
        Dl4jNetwork dl4j = Dl4jNetwork.create(settings);
        ScratchTrainable scratch = ScratchTrainable.startingFrom(settings, dl4j.parameters());
        RunOutcome dl4jRun = Trainer.run(settings, dl4j, runs);
        RunOutcome scratchRun = Trainer.run(settings, scratch, runs);

        Map<String, Double> d = dl4jRun.row().metrics();
        Map<String, Double> s = scratchRun.row().metrics();
        assertTrue(d.get("test_accuracy") >= 11.0 / 12, "DL4J test accuracy " + d);
        assertTrue(d.get("macro_f1") >= 0.9, "DL4J macro F1 " + d);
        for (String metric : List.of("train_loss", "train_accuracy", "test_loss", "test_accuracy", "macro_f1")) {
            assertEquals(d.get(metric), s.get(metric), 1e-9, metric);
        }
        double[] a = dl4j.parameters();
        double[] b = scratch.parameters();
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        assertTrue(diff < 1e-9, "parameters after training differ by " + diff);

        // DL4J's own evaluation of its network, masks and all, gives the numbers the task reports.
        SequenceClassifyTask task = (SequenceClassifyTask) TaskKinds.task(settings);
        Evaluation own = dl4j.net().evaluate(task.testData());
        assertEquals(own.accuracy(), d.get("test_accuracy"), 1e-15);
        assertEquals(ResultRow.OK, dl4jRun.row().status());
        for (String file : List.of("confusion.png", "loss.png", "summary.md", "metrics.csv")) {
            assertTrue(Files.size(dl4jRun.folder().resolve(file)) > 0, file);
        }
        String summary = Files.readString(scratchRun.folder().resolve("summary.md"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("(confusion.png)") && summary.contains("## Test set, per class")
                && summary.contains("## Misclassified test sequences"), summary);
    }

    /**
     * A sequence's output at its last step is the same in a padded, masked minibatch of sequences of
     * other lengths as on its own, for both cells and both implementations (untrained networks).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lstm", "simplernn"})
    void testRaggedBatchPredictsAsEachSequenceAlone(String cell) throws IOException {
        ExperimentSettings settings = settings(cell, 0.01, 1);
        Dl4jNetwork dl4j = Dl4jNetwork.create(settings);
        ScratchTrainable scratch = ScratchTrainable.startingFrom(settings, dl4j.parameters());
        Path test = data.resolve("test.csv");
        for (SequenceModel model : List.of(dl4j.model(), scratch.model())) {
            LabelledSequenceSet rows = LabelledSequenceSet.of(test, LabelledRowsFile.read(test, 2));
            ClassPredictions together = ClassPredictions.collect(model, SequenceIterators.labelledSequences(rows, 2, 64));
            ClassPredictions alone = ClassPredictions.collect(model, SequenceIterators.labelledSequences(rows, 2, 1));
            assertEquals(2 * TEST_PER_CLASS, together.size());
            for (int i = 0; i < together.size(); i++) {
                assertEquals(alone.steps(i), together.steps(i));
                for (int k = 0; k < 2; k++) {
                    assertEquals(alone.probability(i, k), together.probability(i, k), 1e-12,
                            cell + " sequence " + i + " of " + alone.steps(i) + " steps");
                }
            }
        }
    }

    private List<LabelledSequence> trendRows(int perClass, SplittableRandom random) {
        List<LabelledSequence> rows = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int label = 0; label < 2; label++) {
                // generator classes 2 (increasing) and 3 (decreasing) become classes 0 and 1
                double[] series = ControlChartGenerator.series(2 + label, random);
                rows.add(new LabelledSequence(label, series).prefix(random.nextInt(20, 31)));
            }
        }
        return rows;
    }

    /** train.generated: new series every epoch, the same ones for every training of the run's seed. */
    @Test
    void testGeneratedTrainingSeriesAreNewEveryEpochAndTheSameForEachTraining() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("control-chart-variable-generated-lstm", dir,
                Map.of("train.generated.series", "20"));
        Task task = TaskKinds.task(settings);
        assertTrue(!task.sameDataEveryEpoch(), "drawn anew every epoch, so the trainer must not keep them");
        DataSetIterator first = task.trainingData(20);
        INDArray epoch1 = first.next().getFeatures().dup();
        first.reset();
        INDArray epoch2 = first.next().getFeatures().dup();
        assertTrue(!epoch1.equalsWithEps(epoch2, 0), "epoch 2 draws other series than epoch 1");
        DataSetIterator second = task.fresh().trainingData(20);
        assertEquals(epoch1, second.next().getFeatures(), "another training of the run starts from the same draws");
        assertEquals(20, epoch1.size(0), "train.generated.series per epoch");
    }

    private void writeRows(String name, List<LabelledSequence> rows) throws IOException {
        Files.writeString(data.resolve(name), LabelledRowsFile.format(List.of("label, then the series"), rows),
                StandardCharsets.UTF_8);
    }

    private ExperimentSettings settings(String cell, double learningRate, int epochs) throws IOException {
        String text = String.join("\n",
                "experiment = sequence-classify", "data.layout = rows", "data.train = train.csv",
                "data.test = test.csv", "classes = 2", "class.names = rising, falling",
                "cell = " + cell, "layers = 1", "hidden = 6", "bias = true", "init = xavier",
                "output.activation = softmax", "loss = mcxent", "updater = adam", "learning.rate = " + learningRate,
                "clip = none", "batch = 8", "epochs = " + epochs, "tbptt = 0", "seed = 4", "checkpoint.every = 0", "engine = local", "");
        Path file = Files.writeString(dir.resolve("trends-" + cell + ".properties"), text, StandardCharsets.UTF_8);
        return TaskKinds.load(file, data);
    }
}

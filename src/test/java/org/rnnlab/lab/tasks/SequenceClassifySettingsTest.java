package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SequenceShape;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.testing.SettingsCopies;

/**
 * The keys of {@code sequence-classify} and the data they name: every problem stops before training
 * with the settings file, the key, and for a data problem the data file, line, column, value and
 * what is allowed; no run folder is left looking complete.
 */
class SequenceClassifySettingsTest {

    @TempDir
    Path dir;

    private Path data;

    /** Three classes, two training and one test sequence each, four steps of one value. */
    @BeforeEach
    void smallSets() throws IOException {
        data = dir.resolve("data");
        for (String set : List.of("train", "test")) {
            int perClass = set.equals("train") ? 2 : 1;
            for (int i = 0; i < 3 * perClass; i++) {
                write("small/" + set + "/features/" + i + ".csv", "1.0\n2.0\n3.0\n" + i + ".5\n");
                write("small/" + set + "/labels/" + i + ".csv", (i % 3) + "\n");
            }
        }
        write("rows/train.csv", "# label, then one value per step\n0,1,2,3\n1,3,2\n2,5,5,5,5\n");
        write("rows/test.csv", "label,v1,v2,v3\n2,5,5,5\n");
    }

    @Test
    void testReferenceSettingsGiveTheDataShape() throws IOException {
        ExperimentSettings fixed = SettingsCopies.load("control-chart-lstm", dir, Map.of());
        assertEquals(new SequenceShape(1, 6, OutputMode.LAST_STEP, 60), fixed.task().shape());
        SequenceClassifyTask.Settings task = SequenceClassifyTask.KIND.settingsOf(fixed);
        assertEquals("upward shift", task.classNames().get(4));
        assertEquals(450, task.trainShape().sequences());
        assertEquals(150, task.testShape().sequences());

        ExperimentSettings variable = SettingsCopies.load("control-chart-variable-lstm", dir, Map.of());
        SequenceClassifyTask.Settings ragged = SequenceClassifyTask.KIND.settingsOf(variable);
        assertTrue(ragged.trainShape().ragged());
        assertEquals(ragged.trainShape().longest(), variable.task().shape().sequenceLength());
    }

    /** The rows example holds the numbered folder's series, so its run sees the same minibatches. */
    @Test
    void testRowsReferenceSettingsGiveTheNumberedFilesMinibatches() throws IOException {
        ExperimentSettings numbered = SettingsCopies.load("control-chart-lstm", dir, Map.of());
        ExperimentSettings rows = SettingsCopies.load("control-chart-rows-lstm", dir, Map.of());
        SequenceClassifyTask.Settings rowsTask = SequenceClassifyTask.KIND.settingsOf(rows);
        assertEquals(SequenceClassifyTask.Layout.ROWS, rowsTask.layout());
        assertEquals(SequenceClassifyTask.KIND.settingsOf(numbered).trainShape(), rowsTask.trainShape());
        assertEquals(numbered.task().shape(), rows.task().shape());

        DataSetIterator fromFiles = TaskKinds.task(numbered).trainingData(numbered.training().batch());
        DataSetIterator fromRows = TaskKinds.task(rows).trainingData(rows.training().batch());
        int batches = 0;
        while (fromFiles.hasNext()) {
            assertTrue(fromRows.hasNext(), "as many minibatches");
            DataSet expected = fromFiles.next();
            DataSet actual = fromRows.next();
            assertArrayEquals(expected.getFeatures().shape(), actual.getFeatures().shape());
            assertArrayEquals(flat(expected.getFeatures()), flat(actual.getFeatures()), 0.0,
                    "standardised features to the last bit, minibatch " + batches);
            assertArrayEquals(flat(expected.getLabels()), flat(actual.getLabels()), 0.0, "labels, minibatch " + batches);
            assertArrayEquals(flat(expected.getLabelsMaskArray()), flat(actual.getLabelsMaskArray()), 0.0,
                    "label masks, minibatch " + batches);
            batches++;
        }
        assertFalse(fromRows.hasNext(), "as many minibatches");
        assertEquals(9, batches, "450 series in minibatches of 50");
    }

    private static double[] flat(INDArray array) {
        return array.dup('c').reshape(array.length()).toDoubleVector();
    }

    @Test
    void testBothLayoutsAndNoNamesAreRead() throws IOException {
        SequenceClassifyTask.Settings files = SequenceClassifyTask.KIND.settingsOf(load(Map.of()));
        assertEquals(List.of("0", "1", "2"), files.classNames());
        assertEquals(new SequenceShape(1, 3, OutputMode.LAST_STEP, 4), files.shape());

        ExperimentSettings rows = load(Map.of("data.layout", "rows", "data.train", "rows/train.csv",
                "data.test", "rows/test.csv", "class.names", "low, middle, high"));
        assertEquals(new SequenceShape(1, 3, OutputMode.LAST_STEP, 4), rows.task().shape());
        assertEquals(List.of("low", "middle", "high"), SequenceClassifyTask.KIND.settingsOf(rows).classNames());
    }

    @Test
    void testLabelOutsideTheClassesNamesFileLineAndValue() throws IOException {
        Path label = write("small/train/labels/4.csv", "3\n");
        assertRefused(Map.of(), "'data.train'", label.toString(), "line 1", "column 'label'", "'3'",
                "an integer in 0..2");
        write("rows/train.csv", "0,1,2\n1,2,3\n2,3,4\n7,1,2\n");
        assertRefused(Map.of("data.layout", "rows", "data.train", "rows/train.csv", "data.test", "rows/test.csv"),
                "'data.train'", "rows/train.csv", "line 4", "column 'label'", "'7'", "an integer in 0..2");
    }

    @Test
    void testSequenceFileWithAnotherColumnCountIsRefused() throws IOException {
        Path file = write("small/train/features/3.csv", "1.0\n2.0,7\n3.0\n4.0\n");
        assertRefused(Map.of(), "'data.train'", file.toString(), "line 2", "has 2 values", "expected 1");
    }

    @Test
    void testMissingLabelFileIsRefused() throws IOException {
        Files.delete(data.resolve("small/test/labels/1.csv"));
        assertRefused(Map.of(), "'data.test'", "labels/1.csv", "is missing", "features/1.csv has no label");
    }

    @Test
    void testEmptyNonNumericAndNonFiniteCellsAreRefused() throws IOException {
        Path file = write("small/train/features/2.csv", "1.0\n\n3.0\n4.0\n");
        assertRefused(Map.of(), "'data.train'", file.toString(), "line 2", "no blank or comment lines");
        write("small/train/features/2.csv", "1.0\n2.0\nabc\n4.0\n");
        assertRefused(Map.of(), file.toString(), "line 3", "column 'v1'", "'abc'", "not a number");
        write("small/train/features/2.csv", "1.0\nNaN\n3.0\n4.0\n");
        assertRefused(Map.of(), file.toString(), "line 2", "'NaN'", "a finite number");
        write("rows/test.csv", "2,5,Infinity,5\n");
        assertRefused(Map.of("data.layout", "rows", "data.train", "rows/train.csv", "data.test", "rows/test.csv"),
                "'data.test'", "rows/test.csv", "line 1", "column 'v2'", "'Infinity'", "a finite number");
    }

    @Test
    void testClassesBeyondTheTrainingLabelsAreRefusedOnTheClassesKey() {
        assertRefused(Map.of("classes", "5"), "key 'classes'", "'5'", "no sequence of class [3, 4]");
    }

    @Test
    void testLayoutThatDoesNotMatchTheDataNamesBoth() {
        assertRefused(Map.of("data.layout", "rows"), "key 'data.train'", "'small/train'",
                "a CSV file of rows", "this is a folder", "data.layout = numbered-files");
        assertRefused(Map.of("data.train", "rows/train.csv"), "key 'data.train'", "'rows/train.csv'",
                "a folder holding features/ and labels/", "this is a file", "data.layout = rows");
        assertRefused(Map.of("data.layout", "tables"), "key 'data.layout'", "'tables'", "numbered-files | rows");
    }

    @Test
    void testMissingFolderIsNamedWithItsKey() {
        assertRefused(Map.of("data.test", "small/tset"), "key 'data.test'", "'small/tset'", "does not exist");
    }

    @Test
    void testTestSetWithOtherColumnsThanTrainingIsRefused() throws IOException {
        for (int i = 0; i < 3; i++) {
            write("small/test/features/" + i + ".csv", "1,2\n3,4\n");
        }
        assertRefused(Map.of(), "key 'data.test'", "1 value(s) per step", "these have 2");
    }

    @Test
    void testClassNamesMustBeOnePerClassAndDifferent() {
        assertRefused(Map.of("class.names", "a, b"), "key 'class.names'", "3 comma-separated names", "found 2");
        assertRefused(Map.of("class.names", "a, b, a"), "key 'class.names'", "'a' is given twice");
        assertRefused(Map.of("classes", "1"), "key 'classes'", "an integer >= 2");
    }

    @Test
    void testGeneratedTestSetKeysAreOptionalAndChecked() throws IOException {
        assertEquals(SequenceClassifyTask.GeneratedTest.NONE,
                SequenceClassifyTask.KIND.settingsOf(load(Map.of())).generated(), "none unless asked for");
        ExperimentSettings variable = SettingsCopies.load("control-chart-variable-lstm", dir,
                Map.of("test.generated.series", "600", "test.generated.seed", "-4"));
        assertEquals(new SequenceClassifyTask.GeneratedTest(SequenceClassifyTask.Generated.CONTROL_CHART_VARIABLE,
                600, -4), SequenceClassifyTask.KIND.settingsOf(variable).generated());

        assertRefused(Map.of("test.generated", "sunspots"), "key 'test.generated'", "'sunspots'",
                "none | control-chart | control-chart-variable");
        assertRefused(Map.of("test.generated", "control-chart"), "key 'test.generated'",
                "1 value per step in 6 classes", "classes = 3");
        assertRefused(Map.of("test.generated.series", "100"), "key 'test.generated.series'",
                "no value without test.generated");
    }

    @Test
    void testGeneratedTestSetSizeIsBounded() throws IOException {
        for (String series : List.of("0", "100001", "2000000000", "many")) {
            SettingsException e = assertThrows(SettingsException.class, () -> SettingsCopies.load(
                    "control-chart-lstm", dir, Map.of("test.generated.series", series)));
            assertTrue(e.getMessage().contains("key 'test.generated.series'") && e.getMessage().contains(
                    "'" + series + "'"), e.getMessage());
        }
    }

    @Test
    void testGeneratedTrainingKeysAreOptionalAndChecked() throws IOException {
        assertEquals(SequenceClassifyTask.GeneratedTrain.NONE,
                SequenceClassifyTask.KIND.settingsOf(load(Map.of())).generatedTrain(), "none unless asked for");
        ExperimentSettings generated = SettingsCopies.load("control-chart-variable-generated-lstm", dir, Map.of());
        assertEquals(new SequenceClassifyTask.GeneratedTrain(SequenceClassifyTask.Generated.CONTROL_CHART_VARIABLE,
                450), SequenceClassifyTask.KIND.settingsOf(generated).generatedTrain());
        ExperimentSettings fewer = SettingsCopies.load("control-chart-variable-lstm", dir,
                Map.of("train.generated", "control-chart", "train.generated.series", "20"));
        assertEquals(new SequenceClassifyTask.GeneratedTrain(SequenceClassifyTask.Generated.CONTROL_CHART, 20),
                SequenceClassifyTask.KIND.settingsOf(fewer).generatedTrain());

        assertRefused(Map.of("train.generated", "sunspots"), "key 'train.generated'", "'sunspots'",
                "none | control-chart | control-chart-variable");
        assertRefused(Map.of("train.generated", "control-chart"), "key 'train.generated'",
                "1 value per step in 6 classes", "classes = 3");
        assertRefused(Map.of("train.generated.series", "100"), "key 'train.generated.series'",
                "no value without train.generated");
        for (String series : List.of("0", "2000000000", "many")) {
            SettingsException e = assertThrows(SettingsException.class, () -> SettingsCopies.load(
                    "control-chart-lstm", dir, Map.of("train.generated", "control-chart", "train.generated.series",
                            series)));
            assertTrue(e.getMessage().contains("key 'train.generated.series'") && e.getMessage().contains(
                    "'" + series + "'"), e.getMessage());
        }
    }

    /** A settings file for the small numbered-files sets, with some keys changed. */
    private Path settings(Map<String, String> changes) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("experiment", "sequence-classify");
        keys.put("data.layout", "numbered-files");
        keys.put("data.train", "small/train");
        keys.put("data.test", "small/test");
        keys.put("classes", "3");
        keys.put("class.names", "none");
        keys.put("cell", "lstm");
        keys.put("layers", "1");
        keys.put("hidden", "4");
        keys.put("bias", "true");
        keys.put("init", "xavier");
        keys.put("output.activation", "softmax");
        keys.put("loss", "mcxent");
        keys.put("updater", "adam");
        keys.put("learning.rate", "0.01");
        keys.put("clip", "none");
        keys.put("batch", "3");
        keys.put("epochs", "2");
        keys.put("tbptt", "0");
        keys.put("seed", "1");
        keys.put("checkpoint.every", "0");
        keys.put("engine", "local");
        keys.putAll(changes);
        StringBuilder text = new StringBuilder();
        keys.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        return Files.writeString(dir.resolve("small-lstm.properties"), text.toString(), StandardCharsets.UTF_8);
    }

    private ExperimentSettings load(Map<String, String> changes) throws IOException {
        return TaskKinds.load(settings(changes), data);
    }

    /**
     * Loading the settings and training them, as a run does, stops with a message holding every one
     * of {@code parts} and the settings file; no run folder under the runs root looks complete.
     */
    private void assertRefused(Map<String, String> changes, String... parts) {
        Path runs = dir.resolve("runs");
        SettingsException e = assertThrows(SettingsException.class,
                () -> Trainer.runDl4j(load(changes), runs));
        assertTrue(e.getMessage().contains("small-lstm.properties"), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
        if (Files.isDirectory(runs)) {
            try (Stream<Path> folders = Files.list(runs)) {
                assertFalse(folders.anyMatch(f -> !f.getFileName().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX)),
                        "a run folder looks complete");
            } catch (IOException io) {
                throw new AssertionError(io);
            }
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = data.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

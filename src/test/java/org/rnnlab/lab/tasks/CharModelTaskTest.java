package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.files.Vocabulary;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.RunOutcome;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.testing.SettingsCopies;

/**
 * The character model's arithmetic (bits per character, drawing at a temperature) on hand-made
 * numbers and models, its settings checks on bad input, and whole runs on a tiny periodic text,
 * "abac" repeated: its unigram entropy is 1.5 bits per character, a model of the last character
 * alone scores 0.5 (after an 'a' comes 'b' or 'c' with equal odds), and a model that remembers two
 * characters back can score nearly 0.
 */
class CharModelTaskTest {

    @TempDir
    Path dir;

    private Path dataDir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @BeforeEach
    void tinyText() throws IOException {
        dataDir = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dataDir.resolve("abac.txt"), "abac".repeat(300), StandardCharsets.UTF_8);
    }

    @Test
    void aTinyLstmLearnsAPeriodicTextFarBelowItsUnigramEntropyAndBelowAOneCharacterContext() throws IOException {
        ExperimentSettings settings = load(Map.of("hidden", "8", "batch", "8", "epochs", "30",
                "learning.rate", "0.05", "sample.every", "30"));
        ResultRow row = Trainer.run(settings, ScratchTrainable.create(settings), dir.resolve("runs")).row();
        assertEquals(1.5, row.metrics().get("unigram_bpc"), 1e-12);
        assertTrue(row.metrics().get("validation_bpc") < 0.1, "validation bpc " + row.metrics().get("validation_bpc"));
    }

    @Test
    void dl4jAndScratchAgreeOnATinyRunWithTwoLayersAndTruncatedBptt() throws IOException {
        ExperimentSettings settings = load(Map.of("layers", "2", "hidden", "5", "tbptt", "5", "batch", "8",
                "windows.per.epoch", "16", "epochs", "3", "sample.every", "2"));
        Dl4jNetwork dl4j = Dl4jNetwork.create(settings);
        ScratchTrainable scratch = ScratchTrainable.startingFrom(settings, dl4j.parameters());
        RunOutcome dl4jRun = Trainer.run(settings, dl4j, dir.resolve("runs"));
        RunOutcome scratchRun = Trainer.run(settings, scratch, dir.resolve("runs"));

        double[] a = dl4j.parameters();
        double[] b = scratch.parameters();
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        assertTrue(largest < 1e-12, "parameters differ by " + largest);
        assertEquals(dl4jRun.row().metrics().get("validation_bpc"), scratchRun.row().metrics().get("validation_bpc"),
                1e-12);
        assertTrue(dl4jRun.row().metrics().get("train_chars_per_s") > 0);

        // Same seed, (nearly) the same network: the same samples, after epoch 2 and after the last.
        String dl4jSummary = Files.readString(dl4jRun.folder().resolve("summary.md"), StandardCharsets.UTF_8);
        String scratchSummary = Files.readString(scratchRun.folder().resolve("summary.md"), StandardCharsets.UTF_8);
        String samples = dl4jSummary.substring(dl4jSummary.indexOf("## Sample after epoch 2"));
        assertTrue(samples.contains("## Sample after epoch 3"), dl4jSummary);
        assertEquals(samples, scratchSummary.substring(scratchSummary.indexOf("## Sample after epoch 2")));

        CharModelTask.Settings task = (CharModelTask.Settings) settings.task();
        assertEquals(task.vocabulary(), Vocabulary.read(dl4jRun.folder().resolve(CharModelTask.VOCABULARY_FILE)));
        assertTrue(Files.size(dl4jRun.folder().resolve("bpc.png")) > 0);
    }

    @Test
    void bitsPerCharacterOfAHandMadeOutputIsTheMeanOfMinusLog2OfTheLabelledProbability() {
        // [mb = 2, V = 3, T = 2]; the labelled characters get 1/2, 1/4 (example 0) and 1, 1/8 (example 1).
        INDArray probabilities = Nd4j.create(new double[][][] {
            {{0.5, 0.25}, {0.25, 0.5}, {0.25, 0.25}},
            {{0.0, 0.125}, {1.0, 0.5}, {0.0, 0.375}}});
        INDArray labels = Nd4j.create(new double[][][] {
            {{1, 0}, {0, 0}, {0, 1}},
            {{0, 1}, {1, 0}, {0, 0}}});
        assertEquals((1 + 2 + 0 + 3) / 4.0, CharModelTask.bitsPerCharacter(probabilities, labels), 1e-15);
    }

    @Test
    void aProbabilityOfZeroCostsWhatDl4jsClippedCrossEntropyCharges() {
        INDArray probabilities = Nd4j.create(new double[][][] {{{1.0}, {0.0}}});
        INDArray labels = Nd4j.create(new double[][][] {{{0}, {1}}});
        double clipped = -Math.log(CharModelTask.SMALLEST_PROBABILITY) / Math.log(2);
        assertEquals(clipped, CharModelTask.bitsPerCharacter(probabilities, labels), 1e-12);
    }

    @Test
    void theVocabularyIsEveryCharacterOfTheWholeTextAndSetsTheNetworksWidth() throws IOException {
        Files.writeString(dataDir.resolve("tail.txt"), "abac".repeat(90) + "abcZ".repeat(10), StandardCharsets.UTF_8);
        ExperimentSettings settings = load(Map.of("data.text", "tail.txt", "validation.fraction", "0.1"));
        CharModelTask.Settings task = (CharModelTask.Settings) settings.task();
        assertEquals(Vocabulary.of("abcZ"), task.vocabulary(), "Z occurs only in the validation part");
        assertEquals(4, settings.network().nIn());
        assertEquals(4, settings.network().nOut());
    }

    @Test
    void aPromptCharacterOutsideTheVocabularyStopsNamingTheKeyTheCharacterAndWhatIsAllowed() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load(Map.of("sample.prompt", "ab\\tc")));
        String message = e.getMessage();
        assertTrue(message.contains("key 'sample.prompt'") && message.contains("'\\t' (U+0009)")
                && message.contains("character 3 of the prompt") && message.contains("3 characters are 'abc'"),
                message);
    }

    @Test
    void aTextThatIsNotUtf8StopsNamingTheKeyAndTheBadByte() throws IOException {
        Files.write(dataDir.resolve("latin1.txt"), new byte[] {'a', 'b', (byte) 0xE9, 'c', '\n'});
        SettingsException e = assertThrows(SettingsException.class, () -> load(Map.of("data.text", "latin1.txt")));
        assertTrue(e.getMessage().contains("key 'data.text'") && e.getMessage().contains("latin1.txt")
                && e.getMessage().contains("not UTF-8") && e.getMessage().contains("0xE9"), e.getMessage());
    }

    @Test
    void aTextTooShortForOneWindowInEachPartStopsNamingTheKeyAndTheLengths() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load(Map.of("window", "300")));
        assertTrue(e.getMessage().contains("key 'data.text'") && e.getMessage().contains("window + 1 = 301")
                && e.getMessage().contains("has 1200 characters")
                && e.getMessage().contains("validation part holds only 240"),
                e.getMessage());
    }

    @Test
    void aCharacterModelNeedsASoftmaxOutputAndCrossEntropy() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load(Map.of("output.activation", "identity", "loss", "mse")));
        assertTrue(e.getMessage().contains("key 'output.activation'") && e.getMessage().contains("softmax"),
                e.getMessage());
    }

    /**
     * The demo's LSTM settings on the periodic text, with {@code changes}; in double, as these tests
     * compare DL4J and scratch to the last digits.
     */
    private ExperimentSettings load(Map<String, String> changes) throws IOException {
        Map<String, String> all = new HashMap<>(Map.of("data.text", "abac.txt", "window", "12",
                "validation.fraction", "0.2", "windows.per.epoch", "0", "sample.prompt", "ab", "sample.length", "40",
                "precision", "double"));
        all.putAll(changes);
        return SettingsCopies.load("char-model-lstm", dir, dataDir, all);
    }
}

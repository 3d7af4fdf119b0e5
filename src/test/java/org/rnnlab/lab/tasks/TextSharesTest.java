package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.files.TextCharacters;
import org.rnnlab.data.files.Vocabulary;
import org.rnnlab.dl4j.Backend;

/** The training windows dealt into shares: each epoch its share, and every share's worth of epochs each window once. */
class TextSharesTest {

    private static final int WINDOW = 4;
    /** The training part: 83 characters hold 20 windows of 4 and the character after the last. */
    private static final int END = 83;

    @TempDir
    Path dir;

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @Test
    void everyShareOfEpochsReadsEachWindowOnceAndEachEpochItsOwnShare() throws IOException {
        StringBuilder text = new StringBuilder();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 120; i++) {
            text.append("abcdefgh".charAt(random.nextInt(8)));
        }
        Path file = dir.resolve("text.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Vocabulary vocabulary = Vocabulary.of(text.toString());
        TextShares all = new TextShares(TextCharacters.read(file), vocabulary, WINDOW, END, 0);
        TextShares dealt = new TextShares(TextCharacters.read(file), vocabulary, WINDOW, END, 6);
        assertEquals(1, all.count());
        assertEquals(4, dealt.count(), "20 windows, at most 6 an epoch");

        int[] epochsDone = new int[1];
        DataSetIterator data = dealt.byEpoch(3, () -> epochsDone[0]);
        List<String> seen = new ArrayList<>();
        long characters = 0;
        for (int epoch = 0; epoch < dealt.count(); epoch++) {
            epochsDone[0] = epoch;
            data.reset();
            List<String> windows = windows(data, vocabulary);
            assertEquals(windows(dealt.share(epoch, 3), vocabulary), windows, "epoch " + epoch + " reads its share");
            assertEquals(windows.size() * (long) WINDOW, dealt.charactersInEpoch(epoch));
            characters += dealt.charactersInEpoch(epoch);
            seen.addAll(windows);
        }
        List<String> inOrder = windows(all.byEpoch(7, () -> 0), vocabulary);
        assertEquals(20, inOrder.size());
        assertEquals(inOrder.stream().sorted().toList(), seen.stream().sorted().toList(),
                "four epochs read each window once");
        assertEquals(20L * WINDOW, characters);
        assertEquals(text.substring(0, WINDOW), inOrder.get(0), "windows start at the text's start");
    }

    /** The windows an iterator reads, as text: each example's input characters. */
    private static List<String> windows(DataSetIterator data, Vocabulary vocabulary) {
        List<String> windows = new ArrayList<>();
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray hot = batch.getFeatures().argMax(1);
            for (int example = 0; example < hot.size(0); example++) {
                StringBuilder window = new StringBuilder();
                for (int step = 0; step < hot.size(1); step++) {
                    window.appendCodePoint(vocabulary.codePoint(hot.getInt(example, step)));
                }
                windows.add(window.toString());
            }
        }
        return windows;
    }
}

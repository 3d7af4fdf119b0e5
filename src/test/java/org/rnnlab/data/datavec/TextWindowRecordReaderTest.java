package org.rnnlab.data.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.rnnlab.data.files.DataFileAssertions.assertMessage;
import static org.rnnlab.data.files.DataFileAssertions.failsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.files.DataFileAssertions;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.TextCharacters;
import org.rnnlab.data.files.TextFile;
import org.rnnlab.data.files.Vocabulary;

/** Next-character windows cut from a span of a text: one-hot steps, labels one character ahead. */
class TextWindowRecordReaderTest {

    private static final String TEXT = "abcabcabcab";
    private static final Vocabulary ABC = Vocabulary.of(TEXT);

    @TempDir
    Path dir;

    @BeforeAll
    static void useDoubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void oneHotFeaturesAndLabelsDecodeToTheWindowAndTheTextOneCharacterLater() throws IOException {
        Path text = write("abc.txt", TEXT);
        SequenceRecordReaderDataSetIterator iterator = SequenceIterators.textWindows(TextCharacters.read(text), ABC, 3, 3, 0, 11, 10);
        DataSet batch = iterator.next();
        assertArrayEquals(new long[] {3, 3, 3}, batch.getFeatures().shape(), "windows at 0, 3, 6: [mb, V, T]");
        assertArrayEquals(new long[] {3, 3, 3}, batch.getLabels().shape());
        assertNull(batch.getFeaturesMaskArray());
        assertNull(batch.getLabelsMaskArray());
        for (int i = 0; i < 3; i++) {
            int start = 3 * i;
            assertEquals(TEXT.substring(start, start + 3), decode(batch.getFeatures(), i), "window " + i);
            assertEquals(TEXT.substring(start + 1, start + 4), decode(batch.getLabels(), i), "next characters " + i);
        }
        assertFalse(iterator.hasNext());
    }

    @Test
    void strideOneGivesEveryWindowThatHasANextCharacter() throws IOException {
        TextWindowRecordReader reader = new TextWindowRecordReader(TextCharacters.read(write("abc.txt", TEXT)), ABC, 3,
                1, 0, TEXT.length());
        assertEquals(8, reader.sequenceCount(), "starts 0..7: the last window's label is character 10");
        assertEquals(7, reader.windowStart(7));
        SequenceRecord first = reader.nextSequence();
        List<Writable> step = first.getSequenceRecord().get(0);
        assertEquals(4, step.size(), "V one-hot values, then the label index");
        assertEquals(List.of(1.0, 0.0, 0.0, 1.0), step.stream().map(Writable::toDouble).toList(), "'a', then 'b' (index 1)");
        reader.reset();
        SequenceRecord reloaded = reader.loadSequenceFromMetaData(first.getMetaData());
        assertEquals(first.getSequenceRecord(), reloaded.getSequenceRecord());
    }

    @Test
    void trainingAndValidationSpansSplitOneText() throws IOException {
        String text = "abcd".repeat(25);
        Path file = write("long.txt", text);
        int split = TextFile.validationStart(text.length(), 0.2);
        assertEquals(80, split);
        Vocabulary vocabulary = Vocabulary.of(text.substring(0, split));
        DataSet validation = SequenceIterators.textWindows(TextCharacters.read(file), vocabulary, 5, 5, split,
                text.length(), 10).next();
        assertEquals(3, validation.numExamples(), "20 characters: windows at 80, 85, 90 (95 has no next character)");
        assertEquals(text.substring(80, 85), decodeWith(vocabulary, validation.getFeatures(), 0));
    }

    @Test
    void nonBmpCharactersAreOneStepEach() throws IOException {
        String grin = "\uD83D\uDE00";
        String text = "a" + grin + "b" + grin + "a";
        Vocabulary vocabulary = Vocabulary.of(text);
        DataSet batch = SequenceIterators.textWindows(TextCharacters.read(write("emoji.txt", text)), vocabulary, 4,
                4, 0, 5, 1).next();
        assertArrayEquals(new long[] {1, 3, 4}, batch.getFeatures().shape(), "5 characters, not 7 chars");
        assertEquals("a" + grin + "b" + grin, decodeWith(vocabulary, batch.getFeatures(), 0));
        assertEquals(grin + "b" + grin + "a", decodeWith(vocabulary, batch.getLabels(), 0));
    }

    @Test
    void testTextShorterThanOneWindowAndTheNextCharacter() throws IOException {
        Path text = write("abc.txt", TEXT);
        DataFileException e = failsWith(() -> SequenceIterators.textWindows(TextCharacters.read(text), ABC, 3, 3, 8, 11, 1), text, 0);
        assertMessage(e, "span 8..11 holds 3 characters", "window of 3", "at least 4");
    }

    @Test
    void testSpanBeyondTheText() throws IOException {
        Path text = write("abc.txt", TEXT);
        assertMessage(failsWith(() -> SequenceIterators.textWindows(TextCharacters.read(text), ABC, 3, 3, 0, 20, 1), text, 0),
                "has 11 characters", "0..20");
    }

    @Test
    void testUnknownCharacterNamesItsLineAndColumn() throws IOException {
        Path text = write("accent.txt", "abc\nab\u00e9c\n");
        Vocabulary known = Vocabulary.of("abc\n");
        DataFileException e = failsWith(() -> SequenceIterators.textWindows(TextCharacters.read(text), known, 2, 2, 0, 9, 1), text, 2);
        assertMessage(e, "'\u00e9' (U+00E9)", "column 3", "offset 6", "vocabulary of 4 characters");
    }

    @Test
    void testTextThatIsNotUtf8() throws IOException {
        Path text = dir.resolve("latin1.txt");
        Files.write(text, new byte[] {'a', 'b', (byte) 0xE9, 'c'});
        assertMessage(failsWith(() -> SequenceIterators.textWindows(TextCharacters.read(text), ABC, 1, 1, 0, 3, 1), text, 0), "byte offset 2");
    }

    /** The characters whose one-hot columns example {@code i} of a [mb, V, T] array holds, step by step. */
    private static String decode(INDArray oneHot, int i) {
        return decodeWith(ABC, oneHot, i);
    }

    private static String decodeWith(Vocabulary vocabulary, INDArray oneHot, int i) {
        INDArray example = oneHot.slice(i);
        int[] indices = new int[(int) example.size(1)];
        for (int t = 0; t < indices.length; t++) {
            indices[t] = example.getColumn(t).argMax().getInt(0);
            assertEquals(1.0, example.getColumn(t).sumNumber().doubleValue(), "one-hot at step " + t);
        }
        return vocabulary.decode(indices);
    }

    private Path write(String name, String text) throws IOException {
        return DataFileAssertions.write(dir, name, text);
    }
}

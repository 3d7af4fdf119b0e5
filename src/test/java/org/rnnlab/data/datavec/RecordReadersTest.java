package org.rnnlab.data.datavec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.data.files.LetterExample;
import org.rnnlab.data.files.LettersFile;
import org.rnnlab.data.files.Series;

/** The readers on their own, as DataVec drives them: read, reset, reload by metadata. */
class RecordReadersTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);

    @Test
    void letterReaderGivesOneHotStepsOrOneLabelStep(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, "# two strings\nsequence,label\n\nab,1\ncbca,0\n");
        List<LetterExample> strings = LettersFile.read(csv);
        LetterSequenceRecordReader features = new LetterSequenceRecordReader(strings, ReaderMode.FEATURES);
        LetterSequenceRecordReader labels = new LetterSequenceRecordReader(strings, ReaderMode.LABELS);

        assertEquals(2, features.sequenceCount());
        assertEquals(List.of(List.of(0.0, 0.0, 1.0), List.of(0.0, 1.0, 0.0)), values(features.sequenceRecord()));
        assertEquals(List.of(List.of(1.0, 0.0, 0.0), List.of(0.0, 1.0, 0.0), List.of(1.0, 0.0, 0.0),
                List.of(0.0, 0.0, 1.0)), values(features.sequenceRecord()));
        assertFalse(features.hasNext());
        assertThrows(NoSuchElementException.class, features::sequenceRecord);

        assertEquals(List.of(List.of(1.0)), values(labels.sequenceRecord()));
        assertEquals(List.of(List.of(0.0)), values(labels.sequenceRecord()));
        assertNull(labels.getLabels(), "labels are numbers, not class names");
    }

    @Test
    void resetReplaysAndMetadataReloadsTheSameSequence() {
        SeriesWindowRecordReader reader = new SeriesWindowRecordReader(Series.read(DataFiles.e4Train(DATA)), 4,
                ReaderMode.FEATURES);
        assertTrue(reader.resetSupported());
        reader.sequenceRecord();
        SequenceRecord second = reader.nextSequence();
        reader.reset();
        List<List<Writable>> first = reader.sequenceRecord();
        assertEquals(List.of(List.of(0.0), List.of(Math.sin(1 / 20.0)), List.of(Math.sin(2 / 20.0)),
                List.of(Math.sin(3 / 20.0))), values(first));

        SequenceRecord reloaded = reader.loadSequenceFromMetaData(second.getMetaData());
        assertEquals(values(second.getSequenceRecord()), values(reloaded.getSequenceRecord()));
        assertEquals(DataFiles.e4Train(DATA).toAbsolutePath().toUri(), reloaded.getMetaData().getURI());
        assertEquals(List.of(Math.sin(1 / 20.0)), values(reloaded.getSequenceRecord()).get(0));
    }

    @Test
    void nextStepSequencesNeverSpanTwoSeries(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "1.0\n2.0\n3.0\n");
        Files.writeString(dir.resolve("b.txt"), "10.0\n20.0\n");
        NextStepRecordReader reader = new NextStepRecordReader(List.of(Series.read(dir.resolve("a.txt")),
                Series.read(dir.resolve("b.txt"))));
        assertEquals(2, reader.sequenceCount(), "one sequence per series");
        assertEquals(List.of(List.of(1.0, 2.0), List.of(2.0, 3.0)), values(reader.sequenceRecord()));
        SequenceRecord second = reader.nextSequence();
        assertEquals(List.of(List.of(10.0, 20.0)), values(second.getSequenceRecord()));
        assertEquals(dir.resolve("b.txt").toUri(), second.getMetaData().getURI());
    }

    @Test
    void readersRefuseMisuseWithAClearMessage() {
        LetterSequenceRecordReader letters = new LetterSequenceRecordReader(
                LettersFile.read(DataFiles.e1Train(DATA)), ReaderMode.FEATURES);
        UnsupportedOperationException noSplit = assertThrows(UnsupportedOperationException.class,
                () -> letters.initialize(new FileSplit(DataFiles.e1Train(DATA).toFile())));
        assertTrue(noSplit.getMessage().contains("constructor"), noSplit.getMessage());

        SeriesWindowRecordReader series = new SeriesWindowRecordReader(Series.read(DataFiles.e4Train(DATA)), 4,
                ReaderMode.FEATURES);
        UnsupportedOperationException notSequence = assertThrows(UnsupportedOperationException.class, series::next);
        assertTrue(notSequence.getMessage().contains("sequenceRecord()"), notSequence.getMessage());

        SineWindowDrawReader draws = new SineWindowDrawReader(SequenceIteratorsTest.e3Windows(), 1, 1, 2);
        UnsupportedOperationException drawsNoSplit = assertThrows(UnsupportedOperationException.class,
                () -> draws.initialize(new FileSplit(DataFiles.e3Window(DATA, 0).toFile())));
        assertTrue(drawsNoSplit.getMessage().contains("constructor"), drawsNoSplit.getMessage());
        assertEquals(49, draws.stepsPerSequence());
    }

    private static List<List<Double>> values(List<List<Writable>> sequence) {
        List<List<Double>> steps = new ArrayList<>();
        for (List<Writable> step : sequence) {
            List<Double> row = new ArrayList<>();
            step.forEach(w -> row.add(w.toDouble()));
            steps.add(row);
        }
        return steps;
    }
}

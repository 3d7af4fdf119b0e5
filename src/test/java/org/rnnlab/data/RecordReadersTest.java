package org.rnnlab.data;

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

/** The readers on their own, as DataVec drives them: initialize, read, reset, reload by metadata. */
class RecordReadersTest {

    private static final Path DATA = Path.of(DataFiles.DEFAULT_DATA_DIR);

    @Test
    void letterReaderGivesOneHotStepsOrOneLabelStep(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, "# two strings\nsequence,label\n\nab,1\ncbca,0\n");
        LetterSequenceRecordReader features = new LetterSequenceRecordReader(ReaderMode.FEATURES);
        features.initialize(new FileSplit(csv.toFile()));
        LetterSequenceRecordReader labels = new LetterSequenceRecordReader(ReaderMode.LABELS);
        labels.initialize(new FileSplit(csv.toFile()));

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
        SeriesWindowRecordReader reader = new SeriesWindowRecordReader(4, ReaderMode.FEATURES);
        reader.initialize(new FileSplit(DataFiles.e4Train(DATA).toFile()));
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
    void windowsNeverSpanTwoFilesOfOneSplit(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "1.0\n2.0\n3.0\n");
        Files.writeString(dir.resolve("b.txt"), "10.0\n20.0\n30.0\n40.0\n");
        SeriesWindowRecordReader labels = new SeriesWindowRecordReader(2, ReaderMode.LABELS);
        labels.initialize(new FileSplit(dir.toFile()));
        List<Double> targets = new ArrayList<>();
        while (labels.hasNext()) {
            targets.add(labels.sequenceRecord().get(0).get(0).toDouble());
        }
        assertEquals(3, targets.size(), "1 window of a.txt and 2 of b.txt");
        assertTrue(targets.containsAll(List.of(3.0, 30.0, 40.0)), targets.toString());
    }

    @Test
    void readersRefuseMisuseWithAClearMessage() {
        LetterSequenceRecordReader uninitialized = new LetterSequenceRecordReader(ReaderMode.FEATURES);
        IllegalStateException noData = assertThrows(IllegalStateException.class, uninitialized::hasNext);
        assertTrue(noData.getMessage().contains("initialize"), noData.getMessage());

        SeriesWindowRecordReader series = new SeriesWindowRecordReader(4, ReaderMode.FEATURES);
        series.initialize(new FileSplit(DataFiles.e4Train(DATA).toFile()));
        UnsupportedOperationException notSequence = assertThrows(UnsupportedOperationException.class, series::next);
        assertTrue(notSequence.getMessage().contains("sequenceRecord()"), notSequence.getMessage());

        SineWindowDrawReader draws = new SineWindowDrawReader(DataFiles.e3Windows(DATA), 1, 1, 2);
        UnsupportedOperationException noSplit = assertThrows(UnsupportedOperationException.class,
                () -> draws.initialize(new FileSplit(DataFiles.e3Window(DATA, 0).toFile())));
        assertTrue(noSplit.getMessage().contains("constructor"), noSplit.getMessage());
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

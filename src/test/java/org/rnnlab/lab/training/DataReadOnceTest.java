package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.data.generate.ControlChartGenerator;
import org.rnnlab.data.files.DataFileReads;
import org.rnnlab.data.DataFiles;
import org.rnnlab.data.files.LabelledRowsFile;
import org.rnnlab.data.generate.TrainTestSplit;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.SettingsCopies;

/**
 * A run reads each of its data files once: settings, task, the DL4J and the scratch trainings over
 * several epochs, every evaluation and the final results, through {@link ExperimentRunner}, for every
 * task kind that reads files (and both layouts of labelled sequences). Every DataVec reader is built
 * over what the task read. Reads are counted from the data package's debug log ({@link DataFileReads}).
 */
class DataReadOnceTest {

    /** A reference settings file made small, the data directory its paths resolve against. */
    record Case(String name, String reference, Map<String, String> changes, boolean ownData) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    static Path ownData;

    @TempDir
    Path dir;

    @BeforeAll
    static void smallData() throws IOException {
        Backend.configure();
        String text = Files.readString(DataFiles.dataDir().resolve("text/rnnlab-docs.txt"), StandardCharsets.UTF_8);
        Path small = Files.createDirectories(ownData.resolve("text")).resolve("small.txt");
        Files.writeString(small, text.substring(0, 3000), StandardCharsets.UTF_8);
        TrainTestSplit series = ControlChartGenerator.generateVariableLength(ControlChartGenerator.SEED);
        Path rows = Files.createDirectories(ownData.resolve("rows"));
        Files.writeString(rows.resolve("train.csv"), LabelledRowsFile.format(List.of(), series.train().subList(0, 60)));
        Files.writeString(rows.resolve("test.csv"), LabelledRowsFile.format(List.of(), series.test().subList(0, 30)));
    }

    static Stream<Case> everyKindThatReadsFiles() {
        return Stream.of(
                new Case("letter-parity", "e1-letter-parity-lstm", Map.of("hidden", "3", "epochs", "3"), false),
                new Case("series-window", "e4-sine-slow-lstm", Map.of("hidden", "3", "epochs", "3", "batch", "64"),
                        false),
                new Case("series-forecast", "sunspots-lstm", Map.of("hidden", "3", "epochs", "3"), false),
                new Case("sequence-classify, numbered files", "control-chart-lstm", Map.of("layers", "1",
                        "hidden", "3", "epochs", "2", "batch", "150", "test.generated.series", "60"), false),
                new Case("sequence-classify, rows", "control-chart-variable-lstm", Map.of("layers", "1",
                        "hidden", "3", "epochs", "2", "batch", "30", "data.layout", "rows",
                        "data.train", "rows/train.csv", "data.test", "rows/test.csv", "test.generated", "none"), true),
                new Case("sine-generation", "e3-sine-warmup-lstm", Map.of("hidden", "3", "epochs", "3",
                        "windows.per.sequence", "2", "sequences.per.epoch", "2", "batch", "1",
                        "generation.steps", "5"), false),
                new Case("char-model", "char-model-lstm", Map.of("data.text", "text/small.txt", "hidden", "3",
                        "epochs", "3", "window", "12", "windows.per.epoch", "6", "batch", "3", "sample.every", "1",
                        "sample.length", "12", "sample.prompt", "the"), true));
    }

    @Test
    void everyTaskKindThatReadsFilesHasACase() throws IOException {
        List<String> covered = new ArrayList<>();
        for (Case c : everyKindThatReadsFiles().toList()) {
            covered.add(c.name().split(",")[0]);
        }
        for (Path reference : SettingsCopies.allReferences()) {
            ExperimentSettings settings = TaskKinds.load(reference, DataFiles.dataDir());
            if (!settings.task().dataFiles().isEmpty()) {
                assertTrue(covered.contains(settings.task().kind()), reference + ": its kind "
                        + settings.task().kind() + " reads data files, and has no case here");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindThatReadsFiles")
    void aRunReadsEachDataFileOnce(Case c) throws IOException {
        Path data = c.ownData() ? ownData : DataFiles.dataDir();
        Path file = SettingsCopies.edit(SettingsCopies.reference(c.reference()),
                Files.createDirectories(dir.resolve("settings")), c.changes());
        Path runs = dir.resolve("runs");
        Map<Path, Integer> underData = new TreeMap<>();
        List<Path> expected;
        try (DataFileReads reads = new DataFileReads()) {
            List<PreparedExperiment> prepared = ExperimentRunner.prepare(List.of(file), data);
            expected = filesOf(prepared.get(0).settings().task().dataFiles());
            List<ResultRow> rows = ExperimentRunner.run(prepared, runs, ExperimentRunner.resultsFile(runs),
                    new StopRequest()).table().rows();
            assertEquals(2, rows.size(), "a DL4J and a scratch run");
            rows.forEach(row -> assertTrue(row.isOk(), row.status()));
            reads.counts().forEach((read, times) -> {
                if (read.startsWith(data.toAbsolutePath().normalize())) {
                    underData.put(read, times);
                }
            });
        }
        Map<Path, Integer> once = new TreeMap<>();
        expected.forEach(expectedFile -> once.put(expectedFile, 1));
        assertEquals(once, underData, "each data file read once, and no other");
    }

    /** The files of the settings' data files and folders, as absolute paths. */
    private static List<Path> filesOf(List<Path> dataFiles) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dataFile : dataFiles) {
            if (Files.isDirectory(dataFile)) {
                try (Stream<Path> all = Files.walk(dataFile)) {
                    all.filter(Files::isRegularFile).forEach(f -> files.add(f.toAbsolutePath().normalize()));
                }
            } else {
                files.add(dataFile.toAbsolutePath().normalize());
            }
        }
        return files;
    }
}

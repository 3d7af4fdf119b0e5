package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.tasks.Task;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.SettingsCopies;

/** The runner keeps what finished when a later run fails, and stops runs at a step when asked. */
class ExperimentRunnerTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @AfterEach
    void parallelDefault() {
        System.clearProperty(ExperimentRunner.PARALLEL_PROPERTY);
    }

    @Test
    void aFailureInTheThirdExperimentKeepsTheRowsOfTheFirstTwo() throws IOException {
        System.setProperty(ExperimentRunner.PARALLEL_PROPERTY, "1");
        List<PreparedExperiment> prepared = new ArrayList<>(ExperimentRunner.prepare(
                List.of(tiny("first"), tiny("second"), tiny("third")), DataFiles.dataDir()));
        PreparedExperiment third = prepared.get(2);
        prepared.set(2, new PreparedExperiment(third.settings(), new FailingTask(third.newTask())));
        Path runs = dir.resolve("runs");
        Path csv = ExperimentRunner.resultsFile(runs);

        RunFailedException e = assertThrows(RunFailedException.class,
                () -> ExperimentRunner.run(prepared, runs, csv, new StopRequest()));
        assertTrue(e.getMessage().contains("unexpected IllegalStateException: the disk went away"), e.getMessage());
        assertTrue(e.getMessage().contains("left incomplete with FAILED.txt"), e.getMessage());
        assertTrue(Files.readString(e.folder().resolve("FAILED.txt")).contains("the disk went away"));

        List<String> rows = Files.readAllLines(csv);
        assertEquals(5, rows.size(), "header and the DL4J and scratch rows of the first two: " + rows);
        assertTrue(rows.get(1).startsWith("first,simplernn,dl4j,") && rows.get(4).startsWith("second,simplernn,scratch,"),
                rows.toString());
    }

    @Test
    void aStopRequestEndsTrainingAtTheNextStepWithItsMetricsSoFar() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir,
                Map.of("hidden", "3", "epochs", "1000", "stop.patience", "0"));
        StopRequest stop = new StopRequest();
        Task task = new StoppingTask(TaskKinds.task(settings), stop, 300);
        Path runs = dir.resolve("runs");
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class,
                () -> Trainer.run(settings, task, Dl4jNetwork.create(settings), runs, stop));
        assertEquals(143, e.reason().exitStatus());
        Path folder = e.folders().get(0);
        assertTrue(folder.getFileName().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX));
        String note = Files.readString(folder.resolve(Trainer.STOPPED));
        assertTrue(note.contains("stopped by SIGTERM during epoch 301 of 1000"), note);
        assertTrue(note.contains("checkpoint"), note);
        List<String> metrics = Files.readAllLines(folder.resolve("metrics.csv"));
        assertEquals(1 + 300 / Trainer.evaluationInterval(1000), metrics.size(), metrics.toString());
        assertFalse(Files.exists(folder.resolve("model.zip")));
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".tmp-")));
        }

        assertThrows(TrainingStoppedException.class,
                () -> Trainer.run(settings, task, Dl4jNetwork.create(settings), runs, stop), "no new run starts");
        try (Stream<Path> folders = Files.list(runs)) {
            assertEquals(1, folders.count(), "a run that is not started leaves no folder");
        }
    }

    @Test
    void oneImplementationTrainsAloneAndGivesTheRowItGivesBesideTheOther() throws IOException {
        Path file = tiny("alone");
        List<PreparedExperiment> both = ExperimentRunner.prepare(List.of(file), DataFiles.dataDir());
        List<ResultRow> rows = run(both, "both");
        assertEquals(2, rows.size());

        List<ResultRow> scratchOnly = run(List.of(both.get(0).implementing("scratch")), "scratch");
        assertEquals(1, scratchOnly.size());
        assertEquals("scratch", scratchOnly.get(0).implementation());
        assertFalse(scratchOnly.get(0).metrics().containsKey("param_diff_vs_dl4j"), "no comparison without DL4J");
        for (Map.Entry<String, Double> metric : scratchOnly.get(0).metrics().entrySet()) {
            if (!metric.getKey().equals(Trainer.MS_PER_EPOCH)) {
                assertEquals(rows.get(1).metrics().get(metric.getKey()), metric.getValue(), metric.getKey()
                        + ": from DL4J's initial parameters, as beside DL4J");
            }
        }

        Path dl4jFile = SettingsCopies.edit(file, Files.createDirectories(dir.resolve("dl4j-only")),
                Map.of("implementations", "DL4J"));
        List<ResultRow> dl4jOnly = run(ExperimentRunner.prepare(List.of(dl4jFile), DataFiles.dataDir()), "dl4j");
        assertEquals(List.of("dl4j"), dl4jOnly.stream().map(ResultRow::implementation).toList());
        assertEquals(rows.get(0).metrics().get("validation_loss"), dl4jOnly.get(0).metrics().get("validation_loss"));
    }

    @Test
    void invocationsStartedTogetherGetResultsFilesOfTheirOwn() throws Exception {
        Path runs = dir.resolve("together");
        int invocations = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(invocations);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(invocations);
        try {
            List<java.util.concurrent.Future<Path>> files = new ArrayList<>();
            for (int i = 0; i < invocations; i++) {
                files.add(pool.submit(() -> {
                    start.await();
                    return ExperimentRunner.resultsFile(runs);
                }));
            }
            java.util.Set<Path> distinct = new java.util.HashSet<>();
            for (java.util.concurrent.Future<Path> file : files) {
                Path csv = file.get();
                assertTrue(Files.exists(csv), csv + " is taken for its invocation at once");
                distinct.add(csv);
                distinct.add(ExperimentRunner.comparisonsFolder(csv));
            }
            assertEquals(2 * invocations, distinct.size(), "a results file and a comparison folder each: " + distinct);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoRunsStartedTogetherEachKeepAllTheirRowsInTheirOwnFile() throws Exception {
        Path runs = dir.resolve("pair");
        List<Path> files = List.of(tiny("first"), tiny("second"));
        for (int round = 0; round < 3; round++) {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<Path>> csvs = new ArrayList<>();
                for (Path file : files) {
                    csvs.add(pool.submit(() -> {
                        List<PreparedExperiment> prepared = ExperimentRunner.prepare(List.of(file), DataFiles.dataDir());
                        start.await();
                        Path csv = ExperimentRunner.resultsFile(runs);
                        ExperimentRunner.run(prepared, runs, csv, new StopRequest());
                        return csv;
                    }));
                }
                Path first = csvs.get(0).get();
                Path second = csvs.get(1).get();
                assertFalse(first.equals(second), "round " + round + ": one file for both: " + first);
                for (Path csv : List.of(first, second)) {
                    String name = csv.equals(first) ? "first" : "second";
                    List<String> lines = Files.readAllLines(csv);
                    assertEquals(3, lines.size(), csv + ": " + lines);
                    assertTrue(lines.get(1).startsWith(name + ",") && lines.get(2).startsWith(name + ","),
                            lines.toString());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private List<ResultRow> run(List<PreparedExperiment> prepared, String name) throws IOException {
        Path runs = dir.resolve("runs-" + name);
        return ExperimentRunner.run(prepared, runs, ExperimentRunner.resultsFile(runs), new StopRequest()).table().rows();
    }

    private Path tiny(String name) throws IOException {
        Path copy = SettingsCopies.edit(SettingsCopies.reference("e4-sine-slow-simplernn"),
                Files.createDirectories(dir.resolve(name)), Map.of("hidden", "2", "epochs", "3"));
        return Files.move(copy, copy.resolveSibling(name + "-simplernn.properties"));
    }

    /** A task whose training data cannot be read: a failure in the middle of a run of experiments. */
    private record FailingTask(Task task) implements Task {
        @Override
        public Task fresh() {
            return new FailingTask(task.fresh());
        }

        @Override
        public DataSetIterator trainingData(int batch) {
            throw new IllegalStateException("the disk went away");
        }

        @Override
        public List<String> epochMetricNames() {
            return task.epochMetricNames();
        }

        @Override
        public double[] epochMetrics(SequenceModel model) {
            return task.epochMetrics(model);
        }

        @Override
        public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
            return task.finish(model, log, folder, label);
        }
    }

    /** A task that asks to stop (as SIGTERM would) once its metrics were taken after {@code epochs} epochs. */
    private static final class StoppingTask implements Task {
        private final Task task;
        private final StopRequest stop;
        private final int epochs;
        private int evaluations;

        StoppingTask(Task task, StopRequest stop, int epochs) {
            this.task = task;
            this.stop = stop;
            this.epochs = epochs;
        }

        @Override
        public Task fresh() {
            return new StoppingTask(task.fresh(), stop, epochs);
        }

        @Override
        public DataSetIterator trainingData(int batch) {
            return task.trainingData(batch);
        }

        @Override
        public boolean sameDataEveryEpoch() {
            return task.sameDataEveryEpoch();
        }

        @Override
        public List<String> epochMetricNames() {
            return task.epochMetricNames();
        }

        @Override
        public double[] epochMetrics(SequenceModel model) {
            evaluations++;
            if (evaluations * Trainer.evaluationInterval(1000) >= epochs) {
                stop.request("SIGTERM", 143);
            }
            return task.epochMetrics(model);
        }

        @Override
        public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
            return task.finish(model, log, folder, label);
        }
    }
}

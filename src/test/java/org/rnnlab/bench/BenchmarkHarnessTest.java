package org.rnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.dl4j.Dl4jLstm;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.Precision;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;
import org.rnnlab.testing.SettingsCopies;

class BenchmarkHarnessTest {

    private static NativeThreads threads;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        threads = NativeThreads.recordDefaults();
    }

    @Test
    void flopCountOfTinyNetworksByHand() {
        // SimpleRnn 2 -> 3 -> 1, T 4, mb 5: per example and step (2+3)·1·3 + 3·1 = 18 multiply-adds
        NetworkSpec rnn = network(CellType.SIMPLE_RNN, 2, 3, 1);
        assertEquals(2 * 4 * 5 * 18, FlopCount.forward(rnn, 4, 5), 1e-9);
        assertEquals(3 * 720, FlopCount.trainingStep(rnn, 4, 5), 1e-9);

        // two LSTM layers 1 -> 2 -> 2 -> 1, T 1, mb 1: (1+2)·4·2 + (2+2)·4·2 + 2·1 = 58
        NetworkSpec lstm = network(CellType.LSTM, 1, 2, 2);
        assertEquals(116, FlopCount.forward(lstm, 1, 1), 1e-9);
        assertEquals(348, FlopCount.trainingStep(lstm, 1, 1), 1e-9);
    }

    @Test
    void timerWarmsUpThenTimesUntilTheBudgetAndTheMinimumAreMet() {
        long[] now = {0};
        TrainingStep tenMilliseconds = () -> now[0] += 10_000_000L;
        Budget budget = new Budget(Duration.ofMillis(50), Duration.ofMillis(100), 3, 1000);

        StepTimes times = new StepTimer(budget, () -> now[0]).measure(tenMilliseconds);
        assertEquals(5, times.warmupSteps());
        assertEquals(10, times.steps());
        assertEquals(10, times.quartiles().median(), 1e-9);
        assertEquals(0, times.quartiles().interquartileRange(), 1e-9);
        assertEquals(100, times.stepsPerSecond(), 1e-9);

        StepTimes atLeast = new StepTimer(budget.withMinSteps(25), () -> now[0]).measure(tenMilliseconds);
        assertEquals(25, atLeast.steps(), "a slow case still gets its minimum of steps");

        StepTimes capped = new StepTimer(new Budget(Duration.ZERO, Duration.ofSeconds(10), 1, 7), () -> now[0])
                .measure(tenMilliseconds);
        assertEquals(1, capped.warmupSteps(), "at least one warm-up step");
        assertEquals(7, capped.steps(), "never more than maxSteps");
    }

    @Test
    void theOwnKernelsChildGetsThisJvmsCollectorAndNothingElseOfItsOptions() {
        assertEquals(List.of("-XX:+UseParallelGC"), Dl4jDefaultsProbe.collectorOptions(List.of("-Xmx2g",
                "-XX:+UseParallelGC", "--add-modules=jdk.incubator.vector", "-XX:-UseCompressedOops",
                "-Dmaven.home=/opt/maven")));
        assertEquals(List.of(), Dl4jDefaultsProbe.collectorOptions(List.of("-Xss4m")));
    }

    @Test
    void dl4jsStockLstmIsTimedBesideRnnlabsOnLstmCasesOnlyAndInFloat() {
        TrainingSpec training = new TrainingSpec(UpdaterKind.ADAM, 1e-3, ClipSpec.none(), 2, 1, 0, 1);
        BenchCase lstm = new BenchCase("tiny lstm", network(CellType.LSTM, 2, 3, 1), training, 5, 3);
        BenchCase gru = new BenchCase("tiny gru", network(CellType.GRU, 2, 3, 1), training, 5, 3);
        assertTrue(SpeedBenchmark.implementations(lstm).contains(TrainingSetup.DL4J_FLOAT_STOCK_LSTM));
        assertFalse(SpeedBenchmark.implementations(gru).contains(TrainingSetup.DL4J_FLOAT_STOCK_LSTM));
        assertEquals(Dl4jLstm.STOCK, TrainingSetup.DL4J_FLOAT_STOCK_LSTM.dl4jLstm());
        assertEquals(Precision.FLOAT, TrainingSetup.DL4J_FLOAT_STOCK_LSTM.precision());
        // the row of DL4J as it comes has DL4J's layer too; every other DL4J row has rnnlab's
        assertEquals(Dl4jLstm.STOCK, TrainingSetup.DL4J_DOUBLE_DEFAULTS.dl4jLstm());
        assertEquals(Dl4jLstm.KEEP_FORWARD, TrainingSetup.DL4J_FLOAT.dl4jLstm());
        assertEquals(Dl4jLstm.KEEP_FORWARD, TrainingSetup.DL4J_DOUBLE_OWN_KERNELS.dl4jLstm());
    }

    @Test
    void quickRunOfATinyCaseGivesARowOfPositiveNumbersPerImplementation() {
        BenchCase tiny = new BenchCase("tiny simplernn", network(CellType.SIMPLE_RNN, 2, 3, 1),
                new TrainingSpec(UpdaterKind.ADAM, 1e-3, ClipSpec.none(), 2, 1, 0, 1), 5, 3);
        List<SpeedRow> rows = new SpeedBenchmark(Budget.QUICK, threads).run(List.of(tiny));

        assertEquals(SpeedBenchmark.implementations(tiny), rows.stream().map(SpeedRow::implementation).toList());
        for (SpeedRow row : rows) {
            String what = row.implementation().label();
            assertTrue(row.steps() >= 3, what + " steps " + row.steps());
            assertTrue(row.medianMillis() > 0 && row.iqrMillis() >= 0, what);
            assertTrue(row.stepsPerSecond() > 0 && row.gflops() > 0 && row.speedVsDl4j() > 0, what);
            assertTrue(row.peakHeapMb() > 0, what);
            assertEquals(!row.implementation().isDl4j(), Double.isNaN(row.offHeapMb()), what);
        }
        double fastestDl4jDouble = Math.max(rows.get(TrainingSetup.DL4J_DOUBLE.ordinal()).speedVsDl4j(),
                Math.max(rows.get(TrainingSetup.DL4J_DOUBLE_DEFAULTS.ordinal()).speedVsDl4j(),
                        rows.get(TrainingSetup.DL4J_DOUBLE_OWN_KERNELS.ordinal()).speedVsDl4j()));
        assertEquals(1.0, fastestDl4jDouble, 1e-12, "the faster DL4J double row is the reference");

        Table table = BenchmarkSuite.speedTable(rows);
        String text = table.render();
        assertTrue(text.contains("tiny simplernn") && text.contains("1x3 T5 b2") && text.contains("scratch-double"),
                text);
        List<String> csv = table.toCsv().lines().toList();
        assertEquals(1 + rows.size(), csv.size());
        assertEquals(table.header().size(), csv.get(1).split(",", -1).length);
    }

    @Test
    void optionsSelectCasesAndRejectUnknownArguments() {
        BenchmarkOptions options = BenchmarkOptions.parse("--quick", "--only=e2, template", "--no-memory");
        assertTrue(options.quick());
        assertFalse(options.memory());
        assertFalse(options.endToEnd());
        assertFalse(options.checkpoint());
        assertTrue(BenchmarkOptions.parse("--checkpoint").checkpoint());
        assertTrue(options.selects("E2 lstm 1x100 T25 b55"));
        assertTrue(options.selects("template lstm 2x256 T100 b64"));
        assertFalse(options.selects("E1 lstm 1x4 T4 b12"));
        assertEquals(Budget.QUICK, options.budget());
        assertEquals(List.of(100, 1000), options.memoryLengths());
        assertTrue(BenchmarkOptions.parse().selects("anything"));

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkOptions.parse("--qiuck"));
        assertTrue(unknown.getMessage().contains("--qiuck") && unknown.getMessage().contains("--quick"),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--only="));
    }

    @Test
    void everyOptionTheUsageTextListsIsTakenAndChangesTheRun() {
        BenchmarkOptions defaults = BenchmarkOptions.parse();
        assertEquals(BenchmarkOptions.defaults(), defaults);
        for (String form : BenchmarkOptions.OPTIONS.keySet()) {
            String arg = form.contains("=") ? form.substring(0, form.indexOf('=') + 1) + "E2" : form;
            assertNotEquals(defaults, BenchmarkOptions.parse(arg), form);
        }
    }

    /**
     * The checkpoint section on a tiny network: a row per implementation, checkpoints that exist on
     * disk with the network's parameters in them, and the overhead as the share of ten epochs.
     */
    @Test
    void checkpointSectionTimesAWriteAgainstAnEpoch(@TempDir Path dir) throws Exception {
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-lstm", dir, Map.of("hidden", "3",
                "batch", "64"));
        List<CheckpointBenchmark.Row> rows = new CheckpointBenchmark(dir.resolve("work"), 3).run(settings, 1);
        assertEquals(List.of("dl4j", "scratch"), rows.stream().map(CheckpointBenchmark.Row::implementation).toList());
        assertEquals(rows.get(0).parameters(), rows.get(1).parameters());
        for (CheckpointBenchmark.Row row : rows) {
            assertTrue(row.epochSeconds() > 0 && row.writeSeconds() > 0, row.toString());
            assertTrue(row.megabytes() * 1024 * 1024 > 8 * row.parameters(), "the parameters are in it: " + row);
            assertEquals(100 * row.writeSeconds() / (10 * row.epochSeconds()), row.overheadPercent(), 1e-12);
        }
        assertEquals(2, BenchmarkSuite.checkpointTable(rows).rows().size());
    }

    /**
     * The stats section on a tiny network: three rows per implementation (no stats, every 10, every
     * update), the first the baseline of its ratios and the only one without a stats file.
     */
    @Test
    void statsSectionTimesStepsWithAndWithoutTheStatsFile(@TempDir Path dir) throws Exception {
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-lstm", dir, Map.of("hidden", "3",
                "batch", "64"));
        List<StatsBenchmark.Row> rows = new StatsBenchmark(dir.resolve("work"), 2, 20).run(List.of(settings));
        assertEquals(6, rows.size());
        for (int i = 0; i < rows.size(); i += 3) {
            assertEquals(List.of(0, 10, 1), rows.subList(i, i + 3).stream().map(StatsBenchmark.Row::every).toList());
            assertEquals(1.0, rows.get(i).ratio(), 1e-12);
            assertEquals(0.0, rows.get(i).fileKib());
            assertTrue(rows.get(i + 1).fileKib() > 0 && rows.get(i + 2).fileKib() > 0,
                    "the stats files were written: " + rows.subList(i, i + 3));
            rows.subList(i, i + 3).forEach(row -> assertTrue(row.stepMs() > 0, row.toString()));
        }
        assertEquals(List.of("dl4j", "scratch"), List.of(rows.get(0).implementation(), rows.get(3).implementation()));
        assertEquals(6, BenchmarkSuite.statsTable(rows).rows().size());
    }

    private static NetworkSpec network(CellType cell, int nIn, int hidden, int layers) {
        return new NetworkSpec(cell, nIn, hidden, layers, 1, OutputMode.EVERY_STEP, OutputActivation.IDENTITY,
                LossKind.MSE, true, WeightInitSpec.normal(0, 0.1));
    }
}

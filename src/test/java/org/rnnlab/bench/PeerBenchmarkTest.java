package org.rnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnnlab.bench.Peer.Precision;
import org.rnnlab.lab.report.Quartiles;
import org.rnnlab.lab.report.Table;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.TrainingSpec;

/** The peer section's arithmetic, with a peer that reports fixed times instead of training. */
class PeerBenchmarkTest {

    private static final Budget BUDGET = new Budget(Duration.ZERO, Duration.ZERO, 1, 10);

    /** Float: 10 ms on one thread, 8 on two; double: 20 and 30. Products: 2 and 1 ms, 4 and 3 ms. */
    private static final class FixedPeer implements Peer {

        final List<SequenceBatch> batches = new ArrayList<>();
        final String refused;

        FixedPeer(String refused) {
            this.refused = refused;
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public List<String> describe() {
            return List.of("a peer of fixed times");
        }

        @Override
        public StepTimes time(BenchCase benchCase, SequenceBatch batch, Precision precision, int threads,
                              Budget budget) {
            if (benchCase.name().equals(refused)) {
                throw new UnsupportedOperationException("not this one");
            }
            batches.add(batch);
            double ms = precision == Precision.FLOAT ? (threads == 1 ? 10 : 8) : (threads == 1 ? 20 : 30);
            double[] millis = {ms, ms, ms};
            return new StepTimes(millis, Quartiles.of(millis), 1, Double.NaN, 0, -1);
        }

        @Override
        public TrainedRun train(NetworkSpec network, TrainingSpec training, List<SequenceBatch> updates,
                                List<SequenceBatch> validation, Precision precision, int threads) {
            throw new UnsupportedOperationException("not timed here");
        }

        @Override
        public double matrixProductMillis(int n, Precision precision, int threads, Budget budget) {
            return precision == Precision.FLOAT ? (threads == 1 ? 2 : 1) : (threads == 1 ? 4 : 3);
        }
    }

    @Test
    void everyCaseAtBothPrecisionsAndThreadCountsOnTheSameMinibatchAsRnnlab() {
        BenchCase template = BenchCases.template();
        FixedPeer peer = new FixedPeer("");
        PeerBenchmark.Result result = new PeerBenchmark(peer, BUDGET).run(List.of(template));
        assertEquals(4, result.rows().size());
        assertEquals(4, result.ceilings().size());
        SequenceBatch rnnlabs = CaseData.randomBatch(template.network(), template.steps(), template.miniBatch(),
                SpeedBenchmark.DATA_SEED);
        for (SequenceBatch batch : peer.batches) {
            assertArrayEquals(rnnlabs.features()[3][7], batch.features()[3][7]);
            assertArrayEquals(rnnlabs.labels()[63][99], batch.labels()[63][99]);
        }
        assertEquals(2.0 * 1024 * 1024 * 1024 / 1e-3 / 1e9, result.ceiling(Precision.FLOAT), 1e-6);
        assertEquals(2.0 * 1024 * 1024 * 1024 / 3e-3 / 1e9, result.ceiling(Precision.DOUBLE), 1e-6);
        assertEquals(8, result.best(template.name(), template.size(), Precision.FLOAT).orElseThrow().medianMillis());
        assertEquals(20, result.best(template.name(), template.size(), Precision.DOUBLE).orElseThrow().medianMillis());
        assertEquals(8, result.best(template.name(), template.size(), null).orElseThrow().medianMillis());
    }

    @Test
    void eachRnnlabRowIsSetAgainstThePeersBestAtItsPrecisionAndAtAll() {
        BenchCase template = BenchCases.template();
        PeerBenchmark.Result result = new PeerBenchmark(new FixedPeer(""), BUDGET).run(List.of(template));
        double flops = template.flopsPerStep();
        List<SpeedRow> rnnlab = List.of(row(template, TrainingSetup.DL4J_DOUBLE, 40, flops),
                row(template, TrainingSetup.DL4J_FLOAT, 16, flops));
        Table table = PeerBenchmark.comparisonTable(rnnlab, result);
        assertEquals(2, table.rows().size());
        List<String> header = table.header();

        List<Table.Cell> dbl = table.rows().get(0);
        assertEquals("float64 x1", dbl.get(header.indexOf("peer_same")).text());
        assertEquals(2.0, number(dbl, header, "time_vs_same"), 1e-12);
        assertEquals("float32 x2", dbl.get(header.indexOf("peer_best")).text());
        assertEquals(5.0, number(dbl, header, "time_vs_best"), 1e-12);
        double doubleGflops = flops / 0.040 / 1e9;
        assertEquals(100 * doubleGflops / result.ceiling(Precision.DOUBLE), number(dbl, header, "ceiling_percent"),
                1e-9);

        List<Table.Cell> flt = table.rows().get(1);
        assertEquals("float32 x2", flt.get(header.indexOf("peer_same")).text());
        assertEquals(2.0, number(flt, header, "time_vs_same"), 1e-12);
        assertEquals(2.0, number(flt, header, "time_vs_best"), 1e-12);
        assertEquals(result.ceiling(Precision.FLOAT), number(flt, header, "ceiling_gflop_per_s"), 1e-9);
    }

    @Test
    void aCaseThePeerCannotTrainIsLeftOutOfBothTables() {
        BenchCase lstm = BenchCases.template();
        BenchCase gru = BenchCases.templateGru();
        PeerBenchmark.Result result = new PeerBenchmark(new FixedPeer(gru.name()), BUDGET).run(List.of(lstm, gru));
        assertEquals(4, result.rows().size());
        assertTrue(result.rows().stream().allMatch(r -> r.benchCase().equals(lstm)));
        Table table = PeerBenchmark.comparisonTable(List.of(row(lstm, TrainingSetup.SCRATCH_DOUBLE, 30, 1e9),
                row(gru, TrainingSetup.SCRATCH_DOUBLE, 30, 1e9)), result);
        assertEquals(1, table.rows().size());
        assertEquals(4, PeerBenchmark.stepTable(result).rows().size());
    }

    @Test
    void floatRowsCompareWithFloatAndEveryOtherRowWithDouble() {
        assertEquals(Precision.FLOAT, PeerBenchmark.precisionOf(TrainingSetup.DL4J_FLOAT));
        for (TrainingSetup setup : TrainingSetup.values()) {
            if (setup != TrainingSetup.DL4J_FLOAT) {
                assertEquals(setup.label().contains("float") ? Precision.FLOAT : Precision.DOUBLE,
                        PeerBenchmark.precisionOf(setup), setup.label());
            }
        }
        assertEquals(Precision.DOUBLE, PeerBenchmark.precisionOf(TrainingSetup.SCRATCH_DOUBLE));
    }

    @Test
    void bitsPerCharacterWeighEachValidationMinibatchByItsWindows() {
        BenchCase template = BenchCases.template();
        SequenceBatch four = CaseData.randomBatch(template.network(), 10, 4, 1);
        SequenceBatch one = CaseData.randomBatch(template.network(), 10, 1, 2);
        // losses are per window (summed over its 10 steps): 10 ln 2 is one bit per character
        double bits = PeerCharModel.bits(List.of(10 * Math.log(2), 30 * Math.log(2)), List.of(four, one), 10);
        assertEquals((4 * 1.0 + 1 * 3.0) / 5, bits, 1e-12);
    }

    private static SpeedRow row(BenchCase c, TrainingSetup setup, double millis, double flops) {
        return new SpeedRow(c.name(), c.size(), setup, "1", 5, millis, 1, flops / (millis / 1000) / 1e9, 1, 0, 0, 0);
    }

    private static double number(List<Table.Cell> row, List<String> header, String column) {
        return Double.parseDouble(row.get(header.indexOf(column)).csv());
    }
}

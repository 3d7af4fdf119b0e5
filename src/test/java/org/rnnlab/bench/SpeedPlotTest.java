package org.rnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.bench.Peer.Precision;
import org.rnnlab.lab.report.RatioBarPlot;

/** What the speed plot draws from the speed rows and a peer's. */
class SpeedPlotTest {

    private static SpeedRow row(BenchCase benchCase, TrainingSetup setup, double medianMillis, double speedVsDl4j) {
        return new SpeedRow(benchCase.name(), benchCase.size(), setup, "1", 5, medianMillis, 0, 1, speedVsDl4j,
                0, 0, 0);
    }

    @Test
    void eachImplementationAgainstDl4jDoubleAndThePeersBestAtEachPrecision() {
        BenchCase template = BenchCases.template();
        // DL4J double takes 100 ms: the scratch row at 25 ms is 4x as fast, the defaults row at 200 half
        List<SpeedRow> rows = List.of(
                row(template, TrainingSetup.DL4J_DOUBLE_DEFAULTS, 200, 0.5),
                row(template, TrainingSetup.DL4J_DOUBLE, 100, 1.0),
                row(template, TrainingSetup.SCRATCH_FLOAT_THREADS, 25, 4.0));
        PeerBenchmark.Result peer = new PeerBenchmark.Result("fixed", List.of(), List.of(
                new PeerBenchmark.Row(template, Precision.FLOAT, 1, 3, 20, 0),
                new PeerBenchmark.Row(template, Precision.FLOAT, 2, 3, 10, 0),
                new PeerBenchmark.Row(template, Precision.DOUBLE, 1, 3, 50, 0)), List.of());

        RatioBarPlot plot = SpeedPlot.of(rows, peer).orElseThrow();

        assertEquals(List.of(template.label()), plot.categories());
        Map<String, double[]> series = plot.series();
        assertEquals(List.of("dl4j-double-defaults", "dl4j-double", "scratch-float-threads", "fixed float32 (best)",
                "fixed float64 (best)"), List.copyOf(series.keySet()));
        assertArrayEquals(new double[] {0.5}, series.get("dl4j-double-defaults"));
        assertArrayEquals(new double[] {4.0}, series.get("scratch-float-threads"));
        // the peer's best float step, 10 ms (two threads), against DL4J's 100
        assertArrayEquals(new double[] {10.0}, series.get("fixed float32 (best)"), 1e-12);
        assertArrayEquals(new double[] {2.0}, series.get("fixed float64 (best)"), 1e-12);
    }

    @Test
    void aCaseWithoutARowLeavesAGapAndRowsWithoutAReferenceAreLeftOut() {
        BenchCase template = BenchCases.template();
        BenchCase small = new BenchCase("small", template.network(), template.training(), 3, 1);
        List<SpeedRow> rows = List.of(
                row(template, TrainingSetup.DL4J_DOUBLE, 100, 1.0),
                row(template, TrainingSetup.SCRATCH_DOUBLE, 50, 2.0),
                row(small, TrainingSetup.SCRATCH_DOUBLE_THREADS, 1, 8.0),
                row(small, TrainingSetup.SCRATCH_DOUBLE, 2, Double.NaN));

        RatioBarPlot plot = SpeedPlot.of(rows, null).orElseThrow();

        assertEquals(List.of(template.label(), small.label()), plot.categories());
        double[] scratch = plot.series().get("scratch-double");
        assertEquals(2.0, scratch[0]);
        assertTrue(Double.isNaN(scratch[1]));
        assertTrue(Double.isNaN(plot.series().get("scratch-double-threads")[0]));
        assertEquals(8.0, plot.series().get("scratch-double-threads")[1]);
        assertTrue(SpeedPlot.of(List.of(row(small, TrainingSetup.SCRATCH_DOUBLE, 2, Double.NaN)), null).isEmpty());
    }
}

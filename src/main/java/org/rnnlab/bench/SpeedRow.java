package org.rnnlab.bench;

/**
 * One line of the speed table: one implementation timed on one case.
 *
 * @param caseName           e.g. "E2 lstm"
 * @param size               e.g. "1x100 T25 b55"
 * @param implementation     how it was trained
 * @param threads            ND4J's thread counts in effect, per op / master / OpenBLAS (scratch: 1)
 * @param steps              timed steps
 * @param medianMillis       median step time
 * @param iqrMillis          inter-quartile range of the step times
 * @param gflops             {@link FlopCount} operations per second at the median, in 1e9
 * @param speedVsDl4j        DL4J double's median (rnnlab's threads) over this row's: above 1 is faster
 * @param peakHeapMb         the most used Java heap between timed steps, MiB
 * @param allocatedKbPerStep Java heap allocated per step, KiB (NaN if unknown)
 * @param offHeapMb          ND4J's off-heap memory at its peak, MiB (NaN for scratch)
 */
public record SpeedRow(String caseName, String size, TrainingSetup implementation, String threads, int steps,
                       double medianMillis, double iqrMillis, double gflops, double speedVsDl4j, double peakHeapMb,
                       double allocatedKbPerStep, double offHeapMb) {

    /** Steps per second at the median step time. */
    public double stepsPerSecond() {
        return 1000.0 / medianMillis;
    }

    /** The same row with its speed ratio against {@code dl4jMedianMillis}. */
    SpeedRow comparedWith(double dl4jMedianMillis) {
        return new SpeedRow(caseName, size, implementation, threads, steps, medianMillis, iqrMillis, gflops,
                dl4jMedianMillis / medianMillis, peakHeapMb, allocatedKbPerStep, offHeapMb);
    }
}

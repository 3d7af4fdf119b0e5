package org.rnnlab.bench;

import org.rnnlab.lab.report.Quartiles;

/**
 * What {@link StepTimer} measured for one implementation on one case.
 *
 * @param millis                 the duration of every timed step, in the order they ran
 * @param quartiles              quartiles of {@code millis}
 * @param warmupSteps            untimed steps run before
 * @param allocatedBytesPerStep  Java heap allocated by the stepping thread per step (mean), or NaN
 *                               when the JVM cannot tell
 * @param peakHeapBytes          the most used Java heap seen between timed steps
 * @param peakOffHeapBytes       the most off-heap memory the step reported, or -1 when it has none
 */
public record StepTimes(double[] millis, Quartiles quartiles, int warmupSteps, double allocatedBytesPerStep,
                        long peakHeapBytes, long peakOffHeapBytes) {

    /** Number of timed steps. */
    public int steps() {
        return millis.length;
    }

    /** Steps per second at the median step time. */
    public double stepsPerSecond() {
        return 1000.0 / quartiles.median();
    }
}

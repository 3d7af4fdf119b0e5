package org.rnnlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

import org.rnnlab.lab.report.Quartiles;

/**
 * Times training steps one at a time: the measuring method of the whole benchmark.
 *
 * <ol>
 *   <li>Warm-up: run untimed steps until {@link Budget#warmup()} has passed (at least one). The
 *       JIT compiles the hot loops, ND4J allocates its workspaces, caches reach their size.</li>
 *   <li>Ask for a garbage collection, so garbage of the warm-up is not collected in a timed step.</li>
 *   <li>Timed steps: read {@link System#nanoTime()} right before and right after each single step
 *       (forward, backward and update), until {@link Budget#timed()} has passed and at least
 *       {@link Budget#minSteps()} steps are done.</li>
 *   <li>Report the median step time and the inter-quartile range: a step that a collection or
 *       another process on the machine stretched moves neither much.</li>
 * </ol>
 * Between two timed steps, outside the timed span, the timer reads the used Java heap and the
 * step's off-heap bytes and keeps the largest values; around each step it reads how many bytes the
 * thread allocated ({@link ThreadAllocations}).
 *
 * <p>No statistics beyond that (no confidence intervals, no outlier removal): the comparisons the
 * benchmark makes are between factors, not percent. Other work on the machine widens the
 * inter-quartile range before it moves the median, so a wide range says a number is shaky.
 */
public final class StepTimer {

    private static final int INITIAL_CAPACITY = 256;

    private final Budget budget;
    private final LongSupplier clock;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    /** A timer on {@link System#nanoTime()}. */
    public StepTimer(Budget budget) {
        this(budget, System::nanoTime);
    }

    /** A timer on the given nanosecond clock (tests drive it by hand). */
    StepTimer(Budget budget, LongSupplier clock) {
        if (budget == null || clock == null) {
            throw new IllegalArgumentException("a step timer needs a budget and a clock");
        }
        this.budget = budget;
        this.clock = clock;
    }

    public Budget budget() {
        return budget;
    }

    /** Warms up, then times steps as the class comment says. */
    public StepTimes measure(TrainingStep step) {
        int warmupSteps = warmUp(step);
        System.gc();

        double[] millis = new double[INITIAL_CAPACITY];
        int count = 0;
        long allocated = 0;
        boolean allocationKnown = true;
        long peakHeap = memory.getHeapMemoryUsage().getUsed();
        long peakOffHeap = step.offHeapBytes();
        long end = clock.getAsLong() + budget.timed().toNanos();
        while (count < budget.minSteps() || (count < budget.maxSteps() && clock.getAsLong() < end)) {
            long allocatedBefore = ThreadAllocations.current();
            long start = clock.getAsLong();
            step.run();
            long stop = clock.getAsLong();
            long allocatedAfter = ThreadAllocations.current();

            if (count == millis.length) {
                millis = Arrays.copyOf(millis, 2 * count);
            }
            millis[count++] = (stop - start) / 1e6;
            if (allocatedBefore < 0 || allocatedAfter < 0) {
                allocationKnown = false;
            } else {
                allocated += allocatedAfter - allocatedBefore;
            }
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            peakOffHeap = Math.max(peakOffHeap, step.offHeapBytes());
        }
        double[] timed = Arrays.copyOf(millis, count);
        return new StepTimes(timed, Quartiles.of(timed), warmupSteps,
                allocationKnown ? (double) allocated / count : Double.NaN, peakHeap, peakOffHeap);
    }

    private int warmUp(TrainingStep step) {
        long end = clock.getAsLong() + budget.warmup().toNanos();
        int steps = 0;
        do {
            step.run();
            steps++;
        } while (clock.getAsLong() < end);
        return steps;
    }
}

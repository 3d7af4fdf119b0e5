package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.rnnlab.testing.TestBatches;

class WorkersTest {

    private static final long LARGE = Workers.MIN_PARALLEL_WORK;

    @Test
    void everyIndexRunsExactlyOnceAndLargeLoopsUseEveryThread() {
        Workers workers = Workers.of(3);
        for (int count : new int[] {1, 2, 3, 7, 100, 1001}) {
            AtomicIntegerArray visits = new AtomicIntegerArray(count);
            ConcurrentHashMap<Integer, String> threadOfPart = new ConcurrentHashMap<>();
            for (int repeat = 0; repeat < 50; repeat++) {
                workers.forRange(count, LARGE, (from, to, part) -> {
                    threadOfPart.put(part, Thread.currentThread().getName());
                    for (int i = from; i < to; i++) {
                        visits.incrementAndGet(i);
                    }
                });
            }
            for (int i = 0; i < count; i++) {
                assertEquals(50, visits.get(i), "index " + i + " of " + count);
            }
            if (count >= 3) {
                assertEquals(3, threadOfPart.size(), "parts used for " + count + ": " + threadOfPart);
                assertEquals(3, threadOfPart.values().stream().distinct().count(), "threads: " + threadOfPart);
            }
        }
    }

    @Test
    void smallLoopsStayOnTheCaller() {
        Workers workers = Workers.of(2);
        String caller = Thread.currentThread().getName();
        workers.forRange(10, 1, (from, to, part) -> {
            assertEquals(0, from);
            assertEquals(10, to);
            assertEquals(caller, Thread.currentThread().getName());
        });
    }

    @Test
    void aFailureOnAHelperReachesTheCallerAndThePoolKeepsWorking() {
        Workers workers = Workers.of(2);
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> workers.forRange(100, LARGE, (from, to, part) -> {
                    if (part == 1) {
                        throw new IllegalStateException("part 1 failed");
                    }
                }));
        assertEquals("part 1 failed", thrown.getMessage());
        int[] sum = new int[1];
        AtomicIntegerArray seen = new AtomicIntegerArray(100);
        workers.forRange(100, LARGE, (from, to, part) -> {
            for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 100; i++) {
            sum[0] += seen.get(i);
        }
        assertEquals(100, sum[0]);
    }

    @Test
    void poolsAreSharedPerThreadCountAndZeroIsRefused() {
        assertSame(Workers.SINGLE, Workers.of(1));
        assertSame(Workers.of(2), Workers.of(2));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Workers.of(0));
        assertTrue(bad.getMessage().contains("at least 1"), bad.getMessage());
    }

    /**
     * Scores and gradients do not depend on the thread count, to the last bit: each example's row
     * and each weight column is computed whole by one thread. The minibatch is large enough for
     * every layer loop to be split; masks, two layers (so ∂L/∂x flows down) and both cells.
     */
    @Test
    void gradientsAreBitForBitTheSameForAnyThreadCount() {
        for (CellType cell : CellType.values()) {
            NetworkSpec spec = TestBatches.spec(cell, 3, 32, 2, 2, OutputMode.EVERY_STEP, OutputActivation.IDENTITY,
                    LossKind.MSE, true);
            SequenceBatch batch = TestBatches.batch(spec, 61, 6, MaskLayout.PADDED_START, true, new Random(8));
            double[] reference = null;
            double referenceScore = 0;
            for (int threads = 1; threads <= 3; threads++) {
                ScratchNetwork network = new ScratchNetwork(spec, 5);
                network.setThreads(threads);
                assertEquals(threads, network.threads());
                double[] gradient = new double[network.numParams()];
                double score = network.computeGradientAndScore(batch, gradient);
                if (reference == null) {
                    reference = gradient;
                    referenceScore = score;
                } else {
                    assertEquals(referenceScore, score, 0, cell + " score with " + threads + " threads");
                    assertArrayEquals(reference, gradient, 0, cell + " gradient with " + threads + " threads");
                }
            }
        }
    }
}

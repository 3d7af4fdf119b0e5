package org.rnnlab.scratch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits a loop over [0, count) into one contiguous part per thread and runs the parts at the same
 * time: part 0 on the calling thread, the others on helper threads that this object keeps.
 *
 * <p>The layers split only loops whose iterations write disjoint outputs (one example's row, one
 * weight column), and every output is computed by the same sequence of operations whichever part
 * it falls in. So results are bit-for-bit the same for any number of threads.
 *
 * <p>A handoff costs a few microseconds, so small loops run on the caller alone: see
 * {@link #MIN_PARALLEL_WORK}. There is one pool per thread count in the process ({@link #of}),
 * shared by every network that asks for that count; it serves one caller at a time, and a caller
 * that finds it busy runs its loop alone instead of waiting. Helpers are daemon threads that wait
 * spinning for a short while, then sleep until the next loop.
 */
final class Workers {

    /** Runs iterations [from, to) of a loop; {@code part} (0 .. threads − 1) names the thread's share. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to, int part);
    }

    /** Loops with less estimated work (multiply-adds) than this run on the caller alone. */
    static final long MIN_PARALLEL_WORK = 40_000;

    /** How long a helper spins for the next loop before it parks, in spin-wait hints. */
    private static final int SPINS_BEFORE_PARKING = 20_000;

    /** One thread: every loop runs on the caller. */
    static final Workers SINGLE = new Workers(1);

    private final int threads;
    private final ReentrantLock busy = new ReentrantLock();
    private Thread[] helpers;

    /** The loop being run; written before {@code posted} is raised, read after it is seen. */
    private Range task;
    private int taskCount;
    private volatile long posted;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Throwable failure;

    private Workers(int threads) {
        this.threads = threads;
    }

    private static final Map<Integer, Workers> SHARED = new ConcurrentHashMap<>();

    /** The process's pool that runs loops on {@code threads} threads (the caller included). */
    static Workers of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return threads == 1 ? SINGLE : SHARED.computeIfAbsent(threads, Workers::new);
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over [0, count), split over the threads when the loop is large enough.
     *
     * @param workPerItem estimated multiply-adds per iteration, to decide whether splitting pays
     */
    void forRange(int count, long workPerItem, Range body) {
        int parts = Math.min(threads, count);
        if (parts <= 1 || count * workPerItem < MIN_PARALLEL_WORK || !busy.tryLock()) {
            body.run(0, count, 0);
            return;
        }
        try {
            runSplit(count, parts, body);
        } finally {
            busy.unlock();
        }
    }

    private void runSplit(int count, int parts, Range body) {
        startHelpersOnce();
        task = body;
        taskCount = count;
        failure = null;
        pending.set(threads - 1);
        posted++;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        Throwable own = null;
        try {
            body.run(0, end(0, count), 0);
        } catch (Throwable t) {
            own = t;
        }
        while (pending.get() > 0) {
            Thread.onSpinWait();
        }
        task = null;
        Throwable helperFailure = failure;
        if (own != null || helperFailure != null) {
            Throwable thrown = own != null ? own : helperFailure;
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(thrown);
        }
    }

    /** One past the last iteration of part p: the parts differ in size by at most one. */
    private int end(int part, int count) {
        return (int) ((long) count * (part + 1) / threads);
    }

    private void startHelpersOnce() {
        if (helpers != null) {
            return;
        }
        helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            int part = h + 1;
            Thread helper = new Thread(() -> helperLoop(part), "rnnlab-scratch-" + part);
            helper.setDaemon(true);
            helpers[h] = helper;
            helper.start();
        }
    }

    private void helperLoop(int part) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (posted == seen) {
                if (spins < SPINS_BEFORE_PARKING) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = posted;
            int count = taskCount;
            int from = part == 0 ? 0 : end(part - 1, count);
            int to = end(part, count);
            try {
                if (from < to) {
                    task.run(from, to, part);
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                pending.decrementAndGet();
            }
        }
    }
}

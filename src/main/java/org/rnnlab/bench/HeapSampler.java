package org.rnnlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * Watches the used Java heap from a background thread while something long runs, and keeps the
 * largest value seen. A step that allocates its caches as it goes and drops them at its end shows
 * its peak only while it runs, so reading the heap before and after is not enough.
 */
final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    /** Starts sampling every {@code interval}. */
    HeapSampler(Duration interval) {
        peak = used();
        long sleepMillis = Math.max(1, interval.toMillis());
        thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, used());
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Used heap in bytes right now. */
    long used() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The largest used heap seen so far, including now. */
    long peak() {
        return Math.max(peak, used());
    }

    /** Stops the sampling thread and waits for it. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Used heap after asking for a full collection twice (the second catches what the first freed
     * for finalisation), i.e. about what is still reachable.
     */
    static long usedAfterCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

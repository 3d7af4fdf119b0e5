package org.rnnlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Bytes of Java heap the current thread has allocated since it started, from HotSpot's per-thread
 * counter: exact, cheap, and allocation-free to read, unlike the used-heap figure, which the G1
 * collector reports in whole regions of several MiB.
 */
final class ThreadAllocations {

    private static final com.sun.management.ThreadMXBean COUNTER = counter();

    private ThreadAllocations() {
    }

    /** Bytes allocated by the calling thread so far, or -1 when this JVM does not count them. */
    static long current() {
        return COUNTER == null ? -1 : COUNTER.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean counter() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
            return hotspot;
        }
        return null;
    }
}

package org.rnnlab.lab.tasks;

import org.rnnlab.lab.settings.ValueReader;

/**
 * The bound on a set of sequences drawn in code: a generated set is held in memory whole (the
 * sequences of one epoch, or a fixed test set), so its size key is checked against the heap
 * before anything is drawn, instead of an out-of-memory error minutes later.
 */
final class GeneratedSetSize {

    /** The share of the heap one generated set may take: a training and a test set, and the training. */
    static final double HEAP_SHARE = 0.25;

    private GeneratedSetSize() {
    }

    /**
     * Reads {@code key}, a number of sequences of up to {@code steps} steps of {@code columns} values
     * each (features and labels together), and refuses more than fit into {@value #HEAP_SHARE} of the heap.
     */
    static int read(ValueReader in, String key, int steps, int columns) {
        int count = in.positiveInt(key);
        long limit = limit(steps, columns, Runtime.getRuntime().maxMemory());
        if (count > limit) {
            throw in.bad(key, "at most " + limit + ": the sequences are held in memory (up to " + steps
                    + " steps of " + columns + " values, about " + bytesPerSequence(steps, columns) + " bytes each), "
                    + "and a quarter of this JVM's heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB, -Xmx) is what they may take");
        }
        return count;
    }

    /** How many such sequences fit into the share of a heap of {@code maxHeap} bytes. */
    static long limit(int steps, int columns, long maxHeap) {
        return Math.max(1, (long) (maxHeap * HEAP_SHARE / bytesPerSequence(steps, columns)));
    }

    /** A sequence as a GeneratedSequence holds it: one double[] per step (header, values, reference). */
    static long bytesPerSequence(int steps, int columns) {
        return (long) steps * (16 + 8L * columns + 8) + 64;
    }
}

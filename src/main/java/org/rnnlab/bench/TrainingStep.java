package org.rnnlab.bench;

/** One full training step of some implementation, on a minibatch it holds: forward, backward, update. */
public interface TrainingStep {

    /** Runs the step. */
    void run();

    /**
     * Bytes this implementation holds outside the Java heap right now, or -1 when it keeps
     * everything on the heap.
     */
    default long offHeapBytes() {
        return -1;
    }
}

package org.rnnlab.bench;

/**
 * One line of the memory section: the scratch network's heap during one training step.
 *
 * @param steps         sequence length T
 * @param tbptt         truncated BPTT length, 0 for full BPTT
 * @param miniBatch     sequences in the minibatch
 * @param seconds       wall time of the step
 * @param allocatedMb   heap the step allocated (caches and garbage), MiB, exact; NaN if unknown
 * @param peakMb        the most heap used during the step, above what was in use before it, MiB,
 *                      as sampled (the G1 collector reports used heap in whole regions)
 * @param retainedMb    heap the step left reachable (the network's caches), MiB
 */
public record MemoryRow(int steps, int tbptt, int miniBatch, double seconds, double allocatedMb, double peakMb,
                        double retainedMb) {

    /** "full" or "tbptt 100". */
    public String bptt() {
        return tbptt == 0 ? "full" : "tbptt " + tbptt;
    }

    /** Retained heap per time step of the sequence, KiB. */
    public double retainedKbPerStep() {
        return retainedMb * 1024 / steps;
    }
}

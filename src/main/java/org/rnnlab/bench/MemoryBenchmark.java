package org.rnnlab.bench;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.ScratchTrainer;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much Java heap one training step of the scratch network needs as sequences grow, with full
 * BPTT and with truncated BPTT.
 *
 * <p>Full BPTT keeps every step's activations until the backward pass: memory grows with T. With
 * truncated BPTT of length k the network only ever holds one segment of k steps, so memory stays
 * flat however long the sequence. For each length and mode: a new network of the template's width
 * ({@link BenchCases#templateNetwork()}), a random minibatch, a full collection, then one step
 * while a {@link HeapSampler} watches the used heap and {@link ThreadAllocations} counts what the
 * step allocates; after it, another full collection shows what the step left reachable (the
 * network's caches, which the next step reuses). A new network allocates its caches in its first
 * step, so "allocated" is about what the step needs at once, "kept" what stays.
 */
public final class MemoryBenchmark {

    /** Sequence lengths of the default run. */
    public static final List<Integer> LENGTHS = List.of(100, 1_000, 10_000);

    /** Truncated BPTT length compared with full BPTT. */
    public static final int TBPTT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MemoryBenchmark.class);
    private static final Duration SAMPLING_INTERVAL = Duration.ofMillis(1);
    private static final double MIB = 1024.0 * 1024.0;

    private final int miniBatch;

    /** Steps over minibatches of {@code miniBatch} sequences. */
    public MemoryBenchmark(int miniBatch) {
        if (miniBatch < 1) {
            throw new IllegalArgumentException("the memory section needs a minibatch of at least 1, got " + miniBatch);
        }
        this.miniBatch = miniBatch;
    }

    /** One full-BPTT and one truncated-BPTT step for each length, in that order. */
    public List<MemoryRow> run(List<Integer> lengths) {
        // one step before the first recorded one: whatever the earlier sections left behind (soft
        // references, class loading, JIT) would otherwise land in the first row's numbers
        if (!lengths.isEmpty()) {
            measure(BenchCases.templateNetwork(), lengths.get(0), 0);
        }
        List<MemoryRow> rows = new ArrayList<>();
        for (int steps : lengths) {
            for (int tbptt : List.of(0, TBPTT)) {
                MemoryRow row = measure(BenchCases.templateNetwork(), steps, tbptt);
                LOG.info("memory: T {} {}: step {} s, {} MiB allocated, peak {} MiB above the start, {} MiB kept",
                        steps, row.bptt(), NumberFormats.significant(row.seconds()),
                        NumberFormats.significant(row.allocatedMb()), NumberFormats.significant(row.peakMb()),
                        NumberFormats.significant(row.retainedMb()));
                rows.add(row);
            }
        }
        return rows;
    }

    MemoryRow measure(NetworkSpec network, int steps, int tbptt) {
        TrainingSpec training = new TrainingSpec(UpdaterKind.ADAM, 1e-3, ClipSpec.none(), miniBatch, 1, tbptt, 42);
        SequenceBatch batch = CaseData.randomBatch(network, steps, miniBatch, SpeedBenchmark.DATA_SEED);
        ScratchTrainer trainer = new ScratchTrainer(new ScratchNetwork(network, training.seed()), training);

        long before = HeapSampler.usedAfterCollection();
        long allocatedBefore = ThreadAllocations.current();
        long start = System.nanoTime();
        long peak;
        try (HeapSampler sampler = new HeapSampler(SAMPLING_INTERVAL)) {
            trainer.fit(batch);
            peak = sampler.peak();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocatedAfter = ThreadAllocations.current();
        double allocatedMb = allocatedBefore < 0 ? Double.NaN : (allocatedAfter - allocatedBefore) / MIB;
        long after = HeapSampler.usedAfterCollection();
        // the caches count as kept only while the network that holds them is alive
        Reference.reachabilityFence(trainer);
        return new MemoryRow(steps, tbptt, miniBatch, seconds, allocatedMb, (peak - before) / MIB,
                (after - before) / MIB);
    }
}

package org.rnnlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.Task;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.Checkpoint;
import org.rnnlab.lab.training.RunInputs;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.TrainableNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What checkpoints cost: for one settings file (the template-size model), the time of one training
 * epoch and of one checkpoint write, for DL4J and scratch, and the share of training time spent
 * writing checkpoints every {@value #EVERY} epochs. The epoch is a real one (every minibatch of the
 * task's first epoch, fitted); each checkpoint is written in full, files flushed to disk, into a
 * folder of its own, and the median of several writes is kept.
 */
public final class CheckpointBenchmark {

    /** The checkpoint interval the overhead is reported for. */
    public static final int EVERY = 10;

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointBenchmark.class);

    private final Path workDir;
    private final int writes;

    /**
     * @param workDir where checkpoint folders are written (and deleted again)
     * @param writes  checkpoint writes timed per implementation
     */
    public CheckpointBenchmark(Path workDir, int writes) {
        if (writes < 1) {
            throw new IllegalArgumentException("time at least one checkpoint write, got " + writes);
        }
        this.workDir = workDir;
        this.writes = writes;
    }

    /**
     * One implementation's figures.
     *
     * @param implementation  "dl4j" or "scratch"
     * @param parameters      the network's parameter count
     * @param epochSeconds    one epoch's fitting time
     * @param writeSeconds    the median time of one checkpoint write
     * @param megabytes       the size of one checkpoint on disk, MiB
     */
    public record Row(String implementation, long parameters, double epochSeconds, double writeSeconds,
                      double megabytes) {

        /** Checkpoint time as a share of training time with a checkpoint every {@value #EVERY} epochs, in %. */
        public double overheadPercent() {
            return 100 * writeSeconds / (EVERY * epochSeconds);
        }
    }

    /** Both implementations, DL4J first; the scratch network starts from DL4J's initial parameters. */
    public List<Row> run(ExperimentSettings settings, int scratchThreads) throws IOException {
        Dl4jNetwork dl4j = Dl4jNetwork.create(settings);
        ScratchTrainable scratch = ScratchTrainable.startingFrom(settings, dl4j.parameters());
        scratch.useThreads(scratchThreads);
        return List.of(measure(settings, dl4j), measure(settings, scratch));
    }

    private Row measure(ExperimentSettings settings, TrainableNetwork network) throws IOException {
        Task task = TaskKinds.task(settings);
        DataSetIterator data = task.trainingData(settings.training().batch());
        data.reset();
        long start = System.nanoTime();
        int minibatches = 0;
        while (data.hasNext()) {
            network.fit(data.next(), 0);
            minibatches++;
        }
        double epochSeconds = (System.nanoTime() - start) / 1e9;
        LOG.info("{}: one epoch of {} minibatches in {} s", network.implementation(), minibatches,
                String.format("%.2f", epochSeconds));
        MetricsLog log = new MetricsLog(task.epochMetricNames());
        double[] seconds = new double[writes];
        double megabytes = 0;
        // the run's inputs are digested once per run, at its first checkpoint: not part of a write
        RunInputs inputs = RunInputs.of(settings);
        for (int i = 0; i < writes; i++) {
            Path runDir = Files.createDirectories(workDir.resolve(network.implementation() + "-" + i));
            Checkpoint checkpoint = new Checkpoint(1, 0, 0, 0, Double.POSITIVE_INFINITY, null, log,
                    task.checkpointState());
            long t0 = System.nanoTime();
            Path written = checkpoint.write(runDir, network, inputs);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            megabytes = size(written) / (1024.0 * 1024.0);
            deleteTree(runDir);
        }
        Arrays.sort(seconds);
        double median = seconds[writes / 2];
        LOG.info("{}: checkpoint of {} MiB written in {} s (median of {})", network.implementation(),
                String.format("%.1f", megabytes), String.format("%.3f", median), writes);
        return new Row(network.implementation(), network.numParams(), epochSeconds, median, megabytes);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort((a, b) -> b.getNameCount() - a.getNameCount());
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        }
    }
}

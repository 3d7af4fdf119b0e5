package org.rnnlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.TrainableNetwork;
import org.rnnlab.lab.training.TrainingStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What recording training statistics for DL4J's UI costs: for each settings file and implementation,
 * the time of a training step with no stats file, with a report every {@value #DEFAULT_EVERY} updates
 * (the default) and with one every update. The three networks of an implementation start from the
 * same parameters and, after a few untimed steps to warm up, are timed in turns, {@code rounds}
 * times over the same minibatches, so the machine's load falls on all three alike; the median time
 * of a round is kept.
 */
public final class StatsBenchmark {

    /** The reporting intervals timed: none, the default, every update. */
    public static final List<Integer> INTERVALS = List.of(0, ExperimentSettings.DEFAULT_STATS_EVERY, 1);

    private static final int DEFAULT_EVERY = ExperimentSettings.DEFAULT_STATS_EVERY;
    private static final Logger LOG = LoggerFactory.getLogger(StatsBenchmark.class);
    private static final double ROUND_SECONDS = 1.0;
    private static final int MIN_STEPS = 5;

    private final Path workDir;
    private final int rounds;
    private final int steps;

    /**
     * @param workDir where the stats files are written (and deleted again)
     * @param rounds  timed rounds per network
     * @param steps   minibatches per round at most (fewer for a network slower than 1 s a round, but
     *                at least 5)
     */
    public StatsBenchmark(Path workDir, int rounds, int steps) {
        if (rounds < 1 || steps < 1) {
            throw new IllegalArgumentException("time at least one round of one step, got " + rounds + " x " + steps);
        }
        this.workDir = workDir;
        this.rounds = rounds;
        this.steps = steps;
    }

    /**
     * One network's figures.
     *
     * @param every    updates between reports, 0 for no stats file
     * @param stepMs   median time of one step, ms
     * @param ratio    stepMs over the same implementation's without stats
     * @param fileKib  the stats file's size after all rounds, KiB (0 without one)
     */
    public record Row(String settings, String implementation, int every, double stepMs, double ratio, double fileKib) {
    }

    public List<Row> run(List<ExperimentSettings> settingsList) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (ExperimentSettings settings : settingsList) {
            List<DataSet> batches = minibatches(settings);
            double[] initial = Dl4jNetwork.create(settings).parameters();
            for (String implementation : List.of(Dl4jNetwork.IMPLEMENTATION, ScratchTrainable.IMPLEMENTATION)) {
                rows.addAll(measure(settings, implementation, initial, batches));
            }
        }
        return rows;
    }

    private List<Row> measure(ExperimentSettings settings, String implementation, double[] initial,
                              List<DataSet> batches) throws IOException {
        Map<Integer, TrainableNetwork> networks = new LinkedHashMap<>();
        Map<Integer, TrainingStats> stats = new LinkedHashMap<>();
        Map<Integer, RunFolder> folders = new LinkedHashMap<>();
        Map<Integer, double[]> seconds = new LinkedHashMap<>();
        for (int every : INTERVALS) {
            TrainableNetwork network = implementation.equals(Dl4jNetwork.IMPLEMENTATION)
                    ? Dl4jNetwork.create(settings) : ScratchTrainable.startingFrom(settings, initial);
            network.setParameters(initial);
            if (every > 0) {
                RunFolder folder = RunFolder.create(workDir, settings.name() + "-" + implementation + "-" + every);
                TrainingStats opened = TrainingStats.open(folder, every);
                network.reportStats(opened);
                stats.put(every, opened);
                folders.put(every, folder);
            }
            networks.put(every, network);
            seconds.put(every, new double[rounds]);
        }
        int warmSteps = Math.min(this.steps, MIN_STEPS);
        long warmStart = System.nanoTime();
        for (int every : INTERVALS) {
            for (int s = 0; s < warmSteps; s++) {
                networks.get(every).fit(batches.get(s % batches.size()), 0);
            }
        }
        double warmStep = (System.nanoTime() - warmStart) / 1e9 / (warmSteps * INTERVALS.size());
        // about a second a round: a slow network gets fewer steps (at least MIN_STEPS)
        int steps = (int) Math.min(this.steps, Math.max(warmSteps, Math.round(ROUND_SECONDS / warmStep)));
        int next = warmSteps;
        for (int round = 0; round < rounds; round++) {
            for (int every : INTERVALS) {
                TrainableNetwork network = networks.get(every);
                long start = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    network.fit(batches.get((next + s) % batches.size()), 0);
                }
                seconds.get(every)[round] = (System.nanoTime() - start) / 1e9;
            }
            next += steps;
        }
        List<Row> rows = new ArrayList<>();
        double baseline = median(seconds.get(0));
        for (int every : INTERVALS) {
            double kib = 0;
            if (stats.containsKey(every)) {
                stats.get(every).close();
                Path file = folders.get(every).file(TrainingStats.FILE);
                kib = Files.exists(file) ? Files.size(file) / 1024.0 : 0;
            }
            double median = median(seconds.get(every));
            Row row = new Row(settings.name(), implementation, every, 1000 * median / steps, median / baseline, kib);
            LOG.info("{} {} stats every {}: {} ms a step, x{}", settings.name(), implementation, every,
                    String.format("%.3f", row.stepMs()), String.format("%.3f", row.ratio()));
            rows.add(row);
        }
        return rows;
    }

    private List<DataSet> minibatches(ExperimentSettings settings) {
        DataSetIterator data = TaskKinds.task(settings).trainingData(settings.training().batch());
        List<DataSet> batches = new ArrayList<>();
        data.reset();
        while (data.hasNext() && batches.size() < steps) {
            batches.add(data.next());
        }
        return batches;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

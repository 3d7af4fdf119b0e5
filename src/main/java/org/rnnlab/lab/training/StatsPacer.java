package org.rnnlab.lab.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;

/**
 * Keeps DL4J's StatsListener from computing reports that would be left out: it measures the time an
 * update takes and sets the listener's reporting interval to the smallest multiple of
 * {@code stats.every} updates that spans {@link TrainingStats#MIN_INTERVAL_MS}. The listener still
 * sees every update (its counts of examples and minibatches stay right); it only summarises fewer.
 */
final class StatsPacer extends BaseTrainingListener {

    /** Updates between two looks at the pace. */
    private static final int LOOK_EVERY = 20;

    private final StatsListener listener;
    private final TrainingStats stats;
    private long lookedAt = -1;
    private int frequency;

    StatsPacer(StatsListener listener, TrainingStats stats) {
        this.listener = listener;
        this.stats = stats;
        this.frequency = stats.every();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (iteration % LOOK_EVERY != 0) {
            return;
        }
        long now = System.nanoTime();
        if (lookedAt >= 0) {
            double msPerUpdate = (now - lookedAt) / 1e6 / LOOK_EVERY;
            int paced = frequency(stats.every(), stats.minIntervalMs(), msPerUpdate);
            if (paced != frequency) {
                frequency = paced;
                listener.setUpdateConfig(stats.updateConfiguration(paced));
            }
        }
        lookedAt = now;
    }

    /** The smallest multiple of {@code every} updates that takes at least {@code minIntervalMs}. */
    static int frequency(int every, long minIntervalMs, double msPerUpdate) {
        if (minIntervalMs == 0 || msPerUpdate <= 0) {
            return every;
        }
        double updates = minIntervalMs / msPerUpdate;
        long multiples = Math.max(1, (long) Math.ceil(updates / every));
        return (int) Math.min(Integer.MAX_VALUE / 2, multiples * every);
    }
}

package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Path;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.stats.api.StatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.rnnlab.dl4j.SystemProperties;
import org.rnnlab.lab.report.RunFolder;

/**
 * A run's training statistics in DL4J's UI format: the file {@value #FILE} in the run folder, which
 * DL4J's training UI opens (live with {@code --ui}, or later with {@code TrainingUi RUN_FOLDER}).
 *
 * <p>Every {@code stats.every} updates it gets one report, and at most one every
 * {@value #MIN_INTERVAL_MS} ms of wall time (DL4J's file storage spends several milliseconds of CPU
 * and a disk commit on each report, which for a fast network would cost more than the training):
 * the score, the learning rates, and for
 * every parameter (DL4J names, "0_W", "0_RW", ...) the mean, standard deviation, mean magnitude and a
 * histogram of the parameter, its gradient and its update, with speed, memory and garbage
 * collection. A DL4J network reports through DL4J's own {@code StatsListener}; the scratch network
 * through {@link ScratchStatsReporter}, which computes the same numbers. Activations are not
 * collected (the scratch network has no hook for them).
 */
public final class TrainingStats implements AutoCloseable {

    /** The stats file in the run folder. */
    public static final String FILE = "ui-stats.dl4j";

    /** The least wall time between two reports kept, ms, unless {@value #INTERVAL_PROPERTY} says otherwise. */
    public static final long MIN_INTERVAL_MS = 500;

    /** The system property that sets the least interval (0: keep every report, as DL4J alone would). */
    public static final String INTERVAL_PROPERTY = "rnnlab.stats.interval.ms";

    /** Histogram bins per parameter, as DL4J's default. */
    static final int BINS = 20;

    private final FileStatsStorage storage;
    private final BackgroundStatsWriter writer;
    private final String sessionId;
    private final int every;
    private final long minIntervalMs;

    private TrainingStats(FileStatsStorage storage, String sessionId, int every, long minIntervalMs) {
        this.storage = storage;
        this.writer = new BackgroundStatsWriter(storage, sessionId, minIntervalMs);
        this.minIntervalMs = minIntervalMs;
        this.sessionId = sessionId;
        this.every = every;
    }

    /**
     * Opens (or, for a resumed run, reopens) the run's stats file. The session is named after the
     * run folder, so a resumed run goes on in the same session.
     *
     * @param every updates between two reports, at least 1
     */
    public static TrainingStats open(RunFolder folder, int every) throws IOException {
        return open(folder, every, SystemProperties.nonNegativeInt(INTERVAL_PROPERTY, (int) MIN_INTERVAL_MS));
    }

    /**
     * As {@link #open(RunFolder, int)}, keeping at most one report every {@code minIntervalMs} of
     * wall time (0: every report, as DL4J's listener alone makes them).
     */
    static TrainingStats open(RunFolder folder, int every, long minIntervalMs) throws IOException {
        if (minIntervalMs < 0) {
            throw new IllegalArgumentException("the least interval between reports must not be negative, got "
                    + minIntervalMs);
        }
        if (every < 1) {
            throw new IllegalArgumentException("stats are reported every n >= 1 updates, got " + every);
        }
        Path file = folder.file(FILE);
        String name = folder.dir().getFileName().toString();
        if (name.endsWith(RunFolder.INCOMPLETE_SUFFIX)) {
            name = name.substring(0, name.length() - RunFolder.INCOMPLETE_SUFFIX.length());
        }
        FileStatsStorage storage;
        try {
            storage = new FileStatsStorage(file.toFile());
        } catch (RuntimeException e) {
            throw new IOException("cannot open the training stats file " + file + ": " + e.getMessage(), e);
        }
        TrainingUi.attachIfRunning(storage);
        return new TrainingStats(storage, name, every, minIntervalMs);
    }

    /** The file's storage, to read or to show in the UI. */
    public StatsStorage storage() {
        return storage;
    }

    /**
     * Where reports go: into the file from a thread of its own ({@link BackgroundStatsWriter}), so the
     * disk writes do not hold up training; {@link #close} waits for them.
     */
    public StatsStorageRouter router() {
        return writer;
    }

    /** The UI session of this run: the run folder's name. */
    public String sessionId() {
        return sessionId;
    }

    /** The least wall time between two reports kept, ms. */
    long minIntervalMs() {
        return minIntervalMs;
    }

    /** Updates between two reports. */
    public int every() {
        return every;
    }

    /** What DL4J's StatsListener collects at start: software, hardware and the model. */
    static StatsInitializationConfiguration initConfiguration() {
        return new DefaultStatsInitializationConfiguration(true, true, true);
    }

    /** What DL4J's StatsListener collects in each report: everything but activations. */
    StatsUpdateConfiguration updateConfiguration() {
        return updateConfiguration(every);
    }

    /** As {@link #updateConfiguration()}, reporting every {@code frequency} updates. */
    StatsUpdateConfiguration updateConfiguration(int frequency) {
        return new DefaultStatsUpdateConfiguration.Builder()
                .reportingFrequency(frequency)
                .numHistogramBins(BINS)
                .collectHistogramsActivations(false)
                .collectMeanActivations(false)
                .collectStdevActivations(false)
                .collectMeanMagnitudesActivations(false)
                .build();
    }

    /**
     * Writes the reports still queued and closes the file. A running training UI stops showing it
     * here; {@link TrainingUi#showIfRunning} shows it again from where the run folder ends up.
     */
    @Override
    public void close() throws IOException {
        writer.close();
        TrainingUi.detachIfRunning(storage);
        try {
            storage.close();
        } catch (RuntimeException e) {
            throw new IOException("cannot close the training stats file of " + sessionId + ": " + e.getMessage(), e);
        }
    }
}

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
import org.rnnlab.lab.report.RunFolder;

/**
 * A run's training statistics in DL4J's UI format: the file {@value #FILE} in the run folder, which
 * DL4J's training UI opens (live with {@code --ui}, or later with {@code TrainingUi RUN_FOLDER}).
 *
 * <p>Every {@code stats.every} updates it gets one report: the score, the learning rates, and for
 * every parameter (DL4J names, "0_W", "0_RW", ...) the mean, standard deviation, mean magnitude and a
 * histogram of the parameter, its gradient and its update, with speed, memory and garbage
 * collection. A DL4J network reports through DL4J's own {@code StatsListener}; the scratch network
 * through {@link ScratchStatsReporter}, which computes the same numbers. Activations are not
 * collected (the scratch network has no hook for them).
 */
public final class TrainingStats implements AutoCloseable {

    /** The stats file in the run folder. */
    public static final String FILE = "ui-stats.dl4j";

    /** Histogram bins per parameter, as DL4J's default. */
    static final int BINS = 20;

    private final FileStatsStorage storage;
    private final BackgroundStatsWriter writer;
    private final String sessionId;
    private final int every;

    private TrainingStats(FileStatsStorage storage, String sessionId, int every) {
        this.storage = storage;
        this.writer = new BackgroundStatsWriter(storage, sessionId);
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
        return new TrainingStats(storage, name, every);
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
        return new DefaultStatsUpdateConfiguration.Builder()
                .reportingFrequency(every)
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

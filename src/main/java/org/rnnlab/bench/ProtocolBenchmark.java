package org.rnnlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SeriesWindowTask;
import org.rnnlab.lab.training.RunOutcome;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an original protocol whole with the scratch network alone, through the same training
 * loop and DataVec iterators as every run: how long the original's own recipe takes when each
 * step costs what it costs in plain Java. DL4J's time for the same recipe is the speed table's
 * minibatch-1 row times the number of steps.
 */
public final class ProtocolBenchmark {

    /** The original protocols timed: E2's 50 epochs of one-window SGD steps. */
    public static final List<String> PROTOCOLS = List.of("e2-sine-window-original-simplernn");

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolBenchmark.class);

    private final Path runsRoot;

    /** Runs leave their run folders under {@code runsRoot}. */
    public ProtocolBenchmark(Path runsRoot) {
        this.runsRoot = runsRoot;
    }

    /** One row per settings, in order. */
    public List<ProtocolRow> run(List<ExperimentSettings> protocols) throws IOException {
        List<ProtocolRow> rows = new ArrayList<>();
        for (ExperimentSettings settings : protocols) {
            long start = System.nanoTime();
            RunOutcome outcome = Trainer.run(settings, ScratchTrainable.create(settings), runsRoot);
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> metrics = outcome.row().metrics();
            double epochs = metrics.get("epochs");
            double fitSeconds = metrics.get(Trainer.MS_PER_EPOCH) * epochs / 1000;
            String heldout = heldoutMetric(settings);
            ProtocolRow row = new ProtocolRow(settings.name(), settings.training().batch(), epochs, fitSeconds,
                    wallSeconds, heldout, metrics.getOrDefault(heldout, Double.NaN));
            LOG.info("protocol {}: {} s training, {} s in all, {} {}", row.settings(),
                    NumberFormats.significant(fitSeconds), NumberFormats.significant(wallSeconds), heldout,
                    NumberFormats.significant(row.heldoutValue()));
            rows.add(row);
        }
        return rows;
    }

    /** The metric the protocol is judged by: the held-out loss of a sine-window experiment. */
    private static String heldoutMetric(ExperimentSettings settings) {
        if (settings.task() instanceof SeriesWindowTask.Settings window) {
            return window.heldoutName() + "_loss";
        }
        throw new IllegalArgumentException(settings.name() + " is not a sine-window experiment; the protocol "
                + "section reports a held-out window loss");
    }
}

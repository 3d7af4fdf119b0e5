package org.rnnlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.RunOutcome;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.TrainableNetwork;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.lab.training.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains each reference experiment whole, as the main job does, once with DL4J and once with the
 * scratch network started from DL4J's initial parameters, one run after the other (never two at
 * once, so neither waits for the other's core). Wall time covers everything a run does; fit time
 * the training steps alone (the training loop's own measure).
 */
public final class EndToEndBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(EndToEndBenchmark.class);

    private final Path runsRoot;

    /** Runs leave their run folders under {@code runsRoot}. */
    public EndToEndBenchmark(Path runsRoot) {
        this.runsRoot = runsRoot;
    }

    /** A DL4J row and a scratch row per settings, in the given order. */
    public List<EndToEndRow> run(List<ExperimentSettings> experiments) throws IOException {
        List<EndToEndRow> rows = new ArrayList<>();
        for (ExperimentSettings settings : experiments) {
            Dl4jNetwork dl4j = Dl4jNetwork.create(settings);
            ScratchTrainable scratch = ScratchTrainable.startingFrom(settings, dl4j.parameters());
            EndToEndRow dl4jRow = train(settings, dl4j, null);
            rows.add(dl4jRow);
            rows.add(train(settings, scratch, dl4jRow));
        }
        return rows;
    }

    /** Trains and times one run; {@code dl4jRow} is DL4J's row to compare with, null for DL4J itself. */
    private EndToEndRow train(ExperimentSettings settings, TrainableNetwork network, EndToEndRow dl4jRow)
            throws IOException {
        long start = System.nanoTime();
        try {
            RunOutcome outcome = Trainer.run(settings, network, runsRoot);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> metrics = outcome.row().metrics();
            double epochs = metrics.get("epochs");
            double fitSeconds = metrics.get(Trainer.MS_PER_EPOCH) * epochs / 1000;
            double wallRatio = dl4jRow == null ? 1.0 : dl4jRow.wallSeconds() / seconds;
            double fitRatio = dl4jRow == null ? 1.0 : dl4jRow.fitSeconds() / fitSeconds;
            LOG.info("end-to-end {} {}: {} s ({} s training)", settings.name(), network.implementation(),
                    NumberFormats.significant(seconds), NumberFormats.significant(fitSeconds));
            return new EndToEndRow(settings.name(), network.implementation(), epochs, seconds, fitSeconds, wallRatio,
                    fitRatio, outcome.row().status());
        } catch (TrainingDivergedException e) {
            LOG.error(e.getMessage());
            double seconds = (System.nanoTime() - start) / 1e9;
            return new EndToEndRow(settings.name(), network.implementation(), e.epoch(), seconds, Double.NaN,
                    Double.NaN, Double.NaN, "diverged at epoch " + e.epoch());
        }
    }
}

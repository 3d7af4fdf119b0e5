package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.settings.ExperimentSettings;

/** The loss curves of a DL4J run and a scratch run of the same experiment, in one plot. */
final class LossCurves {

    private LossCurves() {
    }

    /** Both runs' first logged metric per epoch, in {@code dir/<settings name>.png}: DL4J a line, scratch dots on it. */
    static void plot(Path dir, ExperimentSettings settings, MetricsLog dl4j, MetricsLog scratch)
            throws IOException {
        Files.createDirectories(dir);
        String metric = dl4j.columns().get(1);
        new LinePlot()
                .title(RunLabels.experiment(settings) + " " + settings.network().cell().key() + ": DL4J and scratch")
                .xAxisTitle("epoch").yAxisTitle(metric).logY(true)
                .line("dl4j", dl4j.column(MetricsLog.EPOCH), dl4j.column(metric))
                .markers("scratch", scratch.column(MetricsLog.EPOCH), scratch.column(metric))
                .save(dir.resolve(settings.name() + ".png"));
    }
}

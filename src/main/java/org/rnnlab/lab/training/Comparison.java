package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.settings.ExperimentSettings;

/** How a DL4J run and a scratch run of the same experiment are compared. */
final class Comparison {

    private Comparison() {
    }

    /** max |a_i − b_i| over two parameter vectors of the same layout. */
    static double maxAbsoluteDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("parameter vectors differ in length: " + a.length + " and " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Both runs' first logged metric per epoch, in {@code dir/<settings name>.png}: DL4J a line, scratch dots on it. */
    static void plotLosses(Path dir, ExperimentSettings settings, MetricsLog dl4j, MetricsLog scratch)
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

package org.rnnlab.lab.training;

import java.io.IOException;
import java.util.Map;

import org.rnnlab.lab.report.MarkdownSummary;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.Task;

/** The summary.md of a run folder: what ran, what it reached, the plots and the task's notes. */
final class RunSummary {

    private RunSummary() {
    }

    static void write(RunFolder folder, ExperimentSettings settings, String label, Map<String, Double> metrics,
                      Task.Evaluation evaluation, double seconds) throws IOException {
        MarkdownSummary summary = new MarkdownSummary()
                .title(label)
                .paragraph(String.format("Settings from `%s`; %d epochs in %.1f s. Per-epoch numbers are in "
                        + "[metrics.csv](metrics.csv), the trained network in `model.zip`.",
                        settings.source(), metrics.get("epochs").intValue(), seconds))
                .metricsTable("Results", metrics)
                .keyValueTable("Settings", settings.written());
        evaluation.plots().forEach(summary::image);
        evaluation.texts().forEach(summary::verbatim);
        evaluation.notes().forEach(summary::paragraph);
        folder.writeText("summary.md", summary.render());
    }
}

package org.rnnlab.lab.training;

import java.util.List;

import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.settings.ExperimentSettings;

/** How runs are named in logs, plot titles and the results table. */
final class RunLabels {

    private RunLabels() {
    }

    /** The experiment's name without a trailing "-cell" (the table has a cell column). */
    static String experiment(ExperimentSettings settings) {
        String suffix = "-" + settings.network().cell().key();
        String name = settings.name();
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /** For example "e2-sine-window simplernn (dl4j)". */
    static String label(ExperimentSettings settings, String implementation) {
        return experiment(settings) + " " + settings.network().cell().key() + " (" + implementation + ")";
    }

    /** "name value, name value" for a progress line. */
    static String metricsText(List<String> names, double[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append("  ");
            }
            text.append(names.get(i)).append(' ').append(NumberFormats.metric(values[i]));
        }
        return text.toString();
    }
}

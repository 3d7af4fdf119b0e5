package org.rnnlab.lab.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of one experiment with one cell type and one implementation: its final metrics, how
 * long it took, and whether it finished.
 *
 * @param experiment     experiment id, e.g. {@code E2}
 * @param cell           cell type, e.g. {@code simplernn}
 * @param implementation who trained it, e.g. {@code dl4j} or {@code scratch}
 * @param metrics        final metrics by snake_case name, kept in the given map's iteration order;
 *                       finite values only (a diverged run leaves them out and says so in status)
 * @param wallSeconds    wall-clock seconds, finite and not negative
 * @param status         {@value #OK}, or a short reason such as "diverged at epoch 12"; line breaks
 *                       are folded into spaces so the row stays one line
 */
public record ResultRow(String experiment, String cell, String implementation, Map<String, Double> metrics,
                        double wallSeconds, String status) {

    /** Status of a run that finished normally. */
    public static final String OK = "ok";

    /** Column names of the results table besides the metrics; a metric must not take one of them. */
    static final Set<String> FIXED_COLUMNS = Set.of("experiment", "cell", "implementation", "wall_seconds", "status");

    public ResultRow {
        requireIdentifier("experiment", experiment);
        requireIdentifier("cell", cell);
        requireIdentifier("implementation", implementation);
        Objects.requireNonNull(metrics, "metrics");
        metrics.forEach((name, value) -> {
            if (name == null || name.isBlank() || FIXED_COLUMNS.contains(name)) {
                throw new IllegalArgumentException(label(experiment, cell, implementation) + ": metric name '" + name
                        + "' is blank or clashes with a fixed column " + FIXED_COLUMNS);
            }
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(label(experiment, cell, implementation) + ": metric '" + name + "' is "
                        + value + "; results hold finite values only (leave it out and give the reason in status)");
            }
        });
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        if (!Double.isFinite(wallSeconds) || wallSeconds < 0) {
            throw new IllegalArgumentException(label(experiment, cell, implementation)
                    + ": wall time must be a finite number of seconds >= 0, got " + wallSeconds);
        }
        if (status == null || status.isBlank()) {
            throw new IllegalArgumentException(label(experiment, cell, implementation) + ": status must be '" + OK
                    + "' or a short reason, not blank");
        }
        status = status.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Whether the run finished normally. */
    public boolean isOk() {
        return OK.equals(status);
    }

    private static void requireIdentifier(String field, String value) {
        if (value == null || value.isBlank() || value.matches("(?s).*\\R.*")) {
            throw new IllegalArgumentException("Result " + field + " must be non-blank and on one line, got '" + value + "'");
        }
    }

    private static String label(String experiment, String cell, String implementation) {
        return "Result " + experiment + "/" + cell + "/" + implementation;
    }
}

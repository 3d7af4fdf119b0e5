package org.rnnlab.lab.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The results of all runs side by side: one row per experiment, cell and implementation, one column
 * per metric. The columns are the union of all rows' metrics in the order first seen; a row without
 * a metric leaves its cell blank. {@link #render()} is for people reading a console,
 * {@link #toCsv()} for programs.
 */
public final class ResultsTable {

    private static final String COLUMN_GAP = "  ";

    private final List<ResultRow> rows = new ArrayList<>();

    /** Adds a row; rows keep the order they were added in. */
    public ResultsTable add(ResultRow row) {
        rows.add(Objects.requireNonNull(row, "row"));
        return this;
    }

    public List<ResultRow> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The metric columns: every metric of any row, in the order first seen. */
    public List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(row -> names.addAll(row.metrics().keySet()));
        return List.copyOf(names);
    }

    /**
     * An aligned plain-text table: text columns left-aligned, numbers right-aligned, metrics as
     * {@link NumberFormats#metric} writes them ({@code 1.52e-06}, {@code 1.000}), wall time in seconds
     * with one decimal, then the status.
     */
    public String render() {
        List<String> metricNames = metricNames();
        List<String> header = header(metricNames, "wall s");
        boolean[] rightAligned = new boolean[header.size()];
        for (int c = 3; c < header.size() - 1; c++) {
            rightAligned[c] = true;
        }

        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (ResultRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.experiment(), row.cell(), row.implementation()));
            for (String name : metricNames) {
                Double value = row.metrics().get(name);
                cells.add(value == null ? "" : NumberFormats.metric(value));
            }
            cells.add(NumberFormats.seconds(row.wallSeconds()));
            cells.add(row.status());
            lines.add(cells);
        }

        int[] widths = new int[header.size()];
        for (List<String> cells : lines) {
            for (int c = 0; c < cells.size(); c++) {
                widths[c] = Math.max(widths[c], cells.get(c).length());
            }
        }
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        lines.add(1, rule);

        StringBuilder text = new StringBuilder();
        for (List<String> cells : lines) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                if (c > 0) {
                    line.append(COLUMN_GAP);
                }
                line.append(pad(cells.get(c), widths[c], rightAligned[c]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /**
     * The same table as CSV: header {@code experiment,cell,implementation,<metric names>,wall_seconds,status},
     * numbers at full precision (they parse back to the same doubles), empty fields for missing
     * metrics, fields quoted where CSV requires it.
     */
    public String toCsv() {
        List<String> metricNames = metricNames();
        List<String> header = header(metricNames, "wall_seconds");
        StringBuilder csv = new StringBuilder(Csv.record(header));
        for (ResultRow row : rows) {
            List<String> fields = new ArrayList<>(List.of(row.experiment(), row.cell(), row.implementation()));
            for (String name : metricNames) {
                Double value = row.metrics().get(name);
                fields.add(value == null ? "" : NumberFormats.exact(value));
            }
            fields.add(NumberFormats.exact(row.wallSeconds()));
            fields.add(row.status());
            csv.append(Csv.record(fields));
        }
        return csv.toString();
    }

    /** Writes {@link #toCsv()} to {@code file} atomically. */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeText(file, toCsv());
    }

    private static List<String> header(List<String> metricNames, String wallTimeColumn) {
        List<String> header = new ArrayList<>(List.of("experiment", "cell", "implementation"));
        header.addAll(metricNames);
        header.add(wallTimeColumn);
        header.add("status");
        return header;
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(width - text.length());
        return right ? padding + text : text + padding;
    }
}

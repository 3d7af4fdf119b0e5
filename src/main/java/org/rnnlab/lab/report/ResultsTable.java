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
        return table("wall s").render();
    }

    /**
     * The same table as CSV: header {@code experiment,cell,implementation,<metric names>,wall_seconds,status},
     * numbers at full precision (they parse back to the same doubles), empty fields for missing
     * metrics, fields quoted where CSV requires it.
     */
    public String toCsv() {
        return table("wall_seconds").toCsv();
    }

    private Table table(String wallTimeColumn) {
        List<String> metricNames = metricNames();
        List<String> header = new ArrayList<>(List.of("experiment", "cell", "implementation"));
        header.addAll(metricNames);
        header.add(wallTimeColumn);
        header.add("status");
        Table table = new Table(header);
        for (ResultRow row : rows) {
            List<Table.Cell> cells = new ArrayList<>(List.of(Table.Cell.text(row.experiment()),
                    Table.Cell.text(row.cell()), Table.Cell.text(row.implementation())));
            for (String name : metricNames) {
                Double value = row.metrics().get(name);
                cells.add(value == null ? Table.Cell.blank() : Table.Cell.metric(value));
            }
            cells.add(Table.Cell.seconds(row.wallSeconds()));
            cells.add(Table.Cell.text(row.status()));
            table.add(cells);
        }
        return table;
    }

    /** Writes {@link #toCsv()} to {@code file} atomically. */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeText(file, toCsv());
    }

}

package org.rnnlab.lab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-epoch metrics of one run, one row per epoch, with columns fixed when the log is created. The
 * first column is always {@value #EPOCH}. Only finite numbers are accepted: a NaN or infinite loss
 * means training diverged, and the training loop has to stop and say so rather than log it.
 */
public final class MetricsLog {

    /** Name of the first column. */
    public static final String EPOCH = "epoch";

    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final List<String> valueColumns;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();

    /**
     * @param valueColumns the columns after {@value #EPOCH}, in order; snake_case names such as
     *                     {@code train_loss}, unique, at least one
     */
    public MetricsLog(List<String> valueColumns) {
        Objects.requireNonNull(valueColumns, "valueColumns");
        if (valueColumns.isEmpty()) {
            throw new IllegalArgumentException("A metrics log needs at least one column besides '" + EPOCH + "'");
        }
        Set<String> seen = new HashSet<>();
        seen.add(EPOCH);
        for (String name : valueColumns) {
            if (name == null || !COLUMN_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Metric column name '" + name
                        + "' is not valid: use letters, digits and '_', starting with a letter");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Metric column '" + name + "' is given twice"
                        + (name.equals(EPOCH) ? " ('" + EPOCH + "' is always the first column)" : ""));
            }
        }
        this.valueColumns = List.copyOf(valueColumns);
    }

    /** A log with the given columns after {@value #EPOCH}. */
    public static MetricsLog withColumns(String... valueColumns) {
        return new MetricsLog(Arrays.asList(valueColumns));
    }

    /** All column names, {@value #EPOCH} first. */
    public List<String> columns() {
        List<String> all = new ArrayList<>(valueColumns.size() + 1);
        all.add(EPOCH);
        all.addAll(valueColumns);
        return all;
    }

    /**
     * Appends the row of one epoch. Nothing is added if any check fails.
     *
     * @param epoch  greater than the previous row's epoch, not negative
     * @param values one finite value per column after {@value #EPOCH}, in column order
     */
    public void add(int epoch, double... values) {
        Objects.requireNonNull(values, "values");
        if (values.length != valueColumns.size()) {
            throw new IllegalArgumentException("Epoch " + epoch + ": expected " + valueColumns.size() + " values "
                    + valueColumns + ", got " + values.length);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("Epoch must not be negative, got " + epoch);
        }
        if (!epochs.isEmpty() && epoch <= epochs.get(epochs.size() - 1)) {
            throw new IllegalArgumentException("Epoch " + epoch + " must come after the last logged epoch "
                    + epochs.get(epochs.size() - 1));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Metric '" + valueColumns.get(i) + "' at epoch " + epoch + " is "
                        + values[i] + "; only finite values can be logged (training must stop when it diverges)");
            }
        }
        epochs.add(epoch);
        rows.add(values.clone());
    }

    /** Number of rows (epochs) logged. */
    public int size() {
        return rows.size();
    }

    /** A copy of one column, one entry per row; {@value #EPOCH} gives the epochs as doubles. */
    public double[] column(String name) {
        if (EPOCH.equals(name)) {
            return epochs.stream().mapToDouble(Integer::doubleValue).toArray();
        }
        int index = valueColumns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No metric column '" + name + "'; the columns are " + columns());
        }
        return rows.stream().mapToDouble(row -> row[index]).toArray();
    }

    /** The value of one column in the last row. */
    public double last(String name) {
        if (rows.isEmpty()) {
            throw new IllegalStateException("The metrics log is empty; there is no last '" + name + "'");
        }
        double[] values = column(name);
        return values[values.length - 1];
    }

    /**
     * The log as CSV: a header of the column names, then one line per epoch. Values are written so
     * that parsing them gives back exactly the logged doubles.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(Csv.record(columns()));
        for (int r = 0; r < rows.size(); r++) {
            List<String> fields = new ArrayList<>(valueColumns.size() + 1);
            fields.add(Integer.toString(epochs.get(r)));
            for (double value : rows.get(r)) {
                fields.add(NumberFormats.exact(value));
            }
            csv.append(Csv.record(fields));
        }
        return csv.toString();
    }

    /** Writes {@link #toCsv()} to {@code file} atomically. */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeText(file, toCsv());
    }

    /**
     * Reads back a log written by {@link #toCsv()} (a run folder's metrics.csv), values exactly as logged.
     *
     * @throws IOException if the file cannot be read or is not such a log
     */
    public static MetricsLog read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith(EPOCH + ",")) {
            throw new IOException(file + " is not a metrics log: expected the header '" + EPOCH + ",...'");
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        MetricsLog log = new MetricsLog(header.subList(1, header.size()));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length != header.size()) {
                throw new IOException(file + " line " + (i + 1) + ": expected " + header.size() + " values");
            }
            double[] values = new double[cells.length - 1];
            try {
                for (int c = 1; c < cells.length; c++) {
                    values[c - 1] = Double.parseDouble(cells[c]);
                }
                log.add(Integer.parseInt(cells[0]), values);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return log;
    }
}

package org.rnnlab.lab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of results, written twice: aligned plain text for people (text columns
 * left-aligned, numbers right-aligned, rounded) and CSV for programs (numbers in full, shortest
 * form that reads back as the same double; a value not measured is an empty field).
 */
public final class Table {

    /** One cell: what people read, what the CSV holds, and whether it aligns as a number. */
    public record Cell(String text, String csv, boolean numeric) {

        /** A text cell, the same in both forms. */
        public static Cell text(String value) {
            return new Cell(value, value, false);
        }

        /** A number shown with three significant digits ({@code -} and an empty CSV field for NaN). */
        public static Cell number(double value) {
            return new Cell(NumberFormats.significant(value), csvNumber(value), true);
        }

        /** A number shown with a fixed number of decimals. */
        public static Cell number(double value, int decimals) {
            return new Cell(NumberFormats.fixed(value, decimals), csvNumber(value), true);
        }

        /** A metric of a run as the results table shows it ({@link NumberFormats#metric}), in full in the CSV. */
        public static Cell metric(double value) {
            return new Cell(NumberFormats.metric(value), NumberFormats.exact(value), true);
        }

        /** A duration in seconds with one decimal, in full in the CSV. */
        public static Cell seconds(double value) {
            return new Cell(NumberFormats.seconds(value), NumberFormats.exact(value), true);
        }

        /** No value in a numeric column: blank in both forms. */
        public static Cell blank() {
            return new Cell("", "", true);
        }

        /** A count. */
        public static Cell count(long value) {
            return new Cell(Long.toString(value), Long.toString(value), true);
        }

        private static String csvNumber(double value) {
            return Double.isNaN(value) ? "" : Double.toString(value);
        }
    }

    private static final String GAP = "  ";

    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();

    public Table(List<String> header) {
        if (header == null || header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = List.copyOf(header);
    }

    public List<String> header() {
        return header;
    }

    /** Adds a row with one cell per column. */
    public Table add(List<Cell> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells (" + String.join(", ", header)
                    + "), got " + row.size());
        }
        rows.add(List.copyOf(row));
        return this;
    }

    public List<List<Cell>> rows() {
        return List.copyOf(rows);
    }

    /** The aligned plain-text form, with a rule under the header. */
    public String render() {
        int[] widths = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
        }
        for (List<Cell> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).text().length());
                numeric[c] |= row.get(c).numeric();
            }
        }
        StringBuilder text = new StringBuilder();
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(text, header, widths, numeric);
        line(text, rule, widths, numeric);
        for (List<Cell> row : rows) {
            line(text, row.stream().map(Cell::text).toList(), widths, numeric);
        }
        return text.toString();
    }

    /** The CSV form: a header line, then one line per row. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(Csv.record(header));
        for (List<Cell> row : rows) {
            csv.append(Csv.record(row.stream().map(Cell::csv).toList()));
        }
        return csv.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append(GAP);
            }
            String padding = " ".repeat(widths[c] - cells.get(c).length());
            line.append(rightAligned[c] ? padding + cells.get(c) : cells.get(c) + padding);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

}

package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Named numeric columns read from a CSV file with a header, such as {@code data/sunspots/yearly.csv}:
 * the first content line names the columns, every further content line is one data row with one
 * cell per column. Cells are separated by commas and trimmed; there is no quoting. Lines starting
 * with '#' and blank lines are skipped, as in every rnnlab data file.
 *
 * <p>Only the columns asked for are parsed, each cell as a finite decimal number; other columns
 * may hold anything, but every row must have as many cells as the header. Anything else stops the
 * read with the file, the line, the column, the value found and what is allowed. Files larger than
 * the {@link DataFileLimits limits} are refused unread.
 */
public final class CsvTable {

    private final Path file;
    private final List<String> header;
    /** The parsed columns, in the order they were asked for. */
    private final Map<String, double[]> columns;
    /** The file line (from 1) of each data row. */
    private final int[] lines;

    private CsvTable(Path file, List<String> header, Map<String, double[]> columns, int[] lines) {
        this.file = file;
        this.header = header;
        this.columns = columns;
        this.lines = lines;
    }

    /** Reads every column of {@code file}, each as numbers. */
    public static CsvTable read(Path file) {
        return read(file, null);
    }

    /**
     * Reads the columns named in {@code columns} (null: every column), each as numbers.
     *
     * @throws DataFileException if the file is missing, too large, empty or has no rows; if its
     *                           header repeats a name, leaves one empty or lacks a requested column
     *                           (the message lists the header's names and suggests a close one); if
     *                           a row has a different number of cells from the header; or if a cell
     *                           of a requested column is empty, not a number, NaN or infinite
     */
    public static CsvTable read(Path file, List<String> columns) {
        List<DataLines.Line> content = DataLines.read(file);
        if (content.isEmpty()) {
            throw DataFileException.ofFile(file, "is empty, expected a header line naming the columns (such as"
                    + " 'year,sunspots') and then rows of numbers");
        }
        DataLines.Line headerLine = content.get(0);
        List<String> header = readHeader(file, headerLine);
        List<String> wanted = columns == null ? header : distinct(columns);
        int[] positions = new int[wanted.size()];
        for (int j = 0; j < wanted.size(); j++) {
            positions[j] = position(file, headerLine, header, wanted.get(j));
        }
        if (content.size() == 1) {
            throw DataFileException.ofFile(file, "has the header " + Cells.quote(headerLine.text())
                    + " but no rows; expected one row of numbers per line after it");
        }
        int rows = content.size() - 1;
        double[][] values = new double[wanted.size()][rows];
        int[] lines = new int[rows];
        for (int i = 0; i < rows; i++) {
            DataLines.Line line = content.get(i + 1);
            String[] cells = DataLines.cells(line.text());
            if (cells.length != header.size()) {
                throw DataFileException.atLine(file, line.number(), "has " + cells.length + " cells ("
                        + Cells.quote(line.text()) + "), expected " + header.size() + " as in the header ("
                        + String.join(", ", header) + ")");
            }
            lines[i] = line.number();
            for (int j = 0; j < wanted.size(); j++) {
                String name = wanted.get(j);
                values[j][i] = Cells.decimal(cells[positions[j]],
                        problem -> DataFileException.atColumn(file, line.number(), name, problem));
            }
        }
        Map<String, double[]> parsed = new LinkedHashMap<>();
        for (int j = 0; j < wanted.size(); j++) {
            parsed.put(wanted.get(j), values[j]);
        }
        return new CsvTable(file, List.copyOf(header), parsed, lines);
    }

    /** The file the table was read from. */
    public Path file() {
        return file;
    }

    /** Every column name of the header, in file order. */
    public List<String> header() {
        return header;
    }

    /** The columns that were read as numbers, in the order they were asked for. */
    public List<String> columns() {
        return List.copyOf(columns.keySet());
    }

    /** Number of data rows. */
    public int rowCount() {
        return lines.length;
    }

    /** The line of the file (from 1, comments included) that holds data row {@code row}. */
    public int line(int row) {
        requireRow(row);
        return lines[row];
    }

    /** A copy of the values of a column that was read. */
    public double[] column(String name) {
        return values(name).clone();
    }

    /** The value of column {@code name} in data row {@code row}. */
    public double value(int row, String name) {
        requireRow(row);
        return values(name)[row];
    }

    /**
     * The rows whose value in {@code keyColumn} lies in [from, to], e.g. the years 1921..1955. The
     * key column must increase strictly from row to row, so those rows are contiguous.
     *
     * @throws DataFileException if the range is empty (from > to), reaches beyond the key column's
     *                           first or last value, holds no row, or the key column does not
     *                           increase
     */
    public RowRange rows(String keyColumn, double from, double to) {
        double[] keys = values(keyColumn);
        String named = "column " + Cells.quote(keyColumn);
        String range = Cells.number(from) + ".." + Cells.number(to);
        if (!(from <= to)) {
            throw DataFileException.ofFile(file, "the range " + range + " of " + named
                    + " is empty: its first value must not exceed its last");
        }
        for (int i = 1; i < keys.length; i++) {
            if (!(keys[i] > keys[i - 1])) {
                throw DataFileException.atColumn(file, lines[i], keyColumn, "holds " + Cells.number(keys[i])
                        + " after " + Cells.number(keys[i - 1]) + " on line " + lines[i - 1]
                        + "; a key column used to pick a range of rows must increase from row to row");
            }
        }
        double lowest = keys[0];
        double highest = keys[keys.length - 1];
        if (from < lowest || to > highest) {
            throw DataFileException.ofFile(file, "the range " + range + " of " + named + " lies outside the data: "
                    + named + " runs from " + Cells.number(lowest) + " to " + Cells.number(highest));
        }
        int first = 0;
        while (keys[first] < from) {
            first++;
        }
        int last = keys.length - 1;
        while (keys[last] > to) {
            last--;
        }
        if (last < first) {
            throw DataFileException.ofFile(file, "the range " + range + " of " + named + " holds no row: no value of "
                    + named + " lies between " + Cells.number(from) + " and " + Cells.number(to));
        }
        return new RowRange(first, last);
    }

    /** Throws unless every row of {@code range} exists in this table. */
    public void requireRows(RowRange range) {
        if (range.last() >= rowCount()) {
            throw DataFileException.ofFile(file, "has " + rowCount() + " data rows (0.." + (rowCount() - 1) + "), so "
                    + range + " reaches beyond them");
        }
    }

    private double[] values(String name) {
        double[] values = columns.get(name);
        if (values == null) {
            throw new IllegalArgumentException("column " + Cells.quote(name) + " of " + file
                    + " was not read; the columns read are " + String.join(", ", columns.keySet()));
        }
        return values;
    }

    private void requireRow(int row) {
        if (row < 0 || row >= lines.length) {
            throw new IndexOutOfBoundsException("row " + row + " is outside 0.." + (lines.length - 1) + " of " + file);
        }
    }

    private static List<String> readHeader(Path file, DataLines.Line line) {
        String[] names = DataLines.cells(line.text());
        boolean allNumbers = true;
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < names.length; j++) {
            if (names[j].isEmpty()) {
                throw DataFileException.atLine(file, line.number(), "(the header " + Cells.quote(line.text())
                        + ") leaves the name of column " + (j + 1) + " empty; expected a name for every column");
            }
            if (!seen.add(names[j])) {
                throw DataFileException.atColumn(file, line.number(), names[j], "is named twice in the header "
                        + Cells.quote(line.text()) + " (column " + (List.of(names).indexOf(names[j]) + 1) + " and column "
                        + (j + 1) + "); expected distinct column names");
            }
            allNumbers &= Cells.isDecimal(names[j]);
        }
        if (allNumbers) {
            throw DataFileException.atLine(file, line.number(), "holds " + Cells.quote(line.text())
                    + " where a header naming the columns (such as 'year,sunspots') was expected");
        }
        return List.of(names);
    }

    private static int position(Path file, DataLines.Line headerLine, List<String> header, String name) {
        int position = header.indexOf(name);
        if (position < 0) {
            String close = closest(name, header);
            throw DataFileException.atLine(file, headerLine.number(), "(the header) has no column " + Cells.quote(name)
                    + "; its columns are " + String.join(", ", header)
                    + (close != null ? " (did you mean " + Cells.quote(close) + "?)" : ""));
        }
        return position;
    }

    private static List<String> distinct(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("name at least one column to read");
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("columns to read are named more than once: " + columns);
        }
        return columns;
    }

    /**
     * The header name a misspelt {@code name} most likely means: one that differs only in case, or
     * the nearest by edit distance if it is within a third of the name's length (at least 2).
     */
    private static String closest(String name, List<String> names) {
        String best = null;
        int bestDistance = Math.max(2, name.length() / 3) + 1;
        for (String candidate : names) {
            if (candidate.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * Insertions, deletions, substitutions and swaps of two neighbouring characters needed to turn
     * {@code a} into {@code b} (the optimal-alignment distance), so "sunpsots" is one edit from
     * "sunspots".
     */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                boolean swapped = i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1);
                d[i][j] = swapped ? Math.min(best, d[i - 2][j - 2] + 1) : best;
            }
        }
        return d[a.length()][b.length()];
    }
}

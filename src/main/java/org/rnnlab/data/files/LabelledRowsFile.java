package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled-rows file: one sequence per row, {@code label,v1,v2,...}, the class index first and
 * then one value per time step; rows may differ in length. Lines starting with '#' and blank lines
 * are skipped. The first content line may be a header, recognised by holding no number at all
 * (such as {@code label,v1,v2,v3}); its names then name the columns in messages.
 */
public final class LabelledRowsFile {

    private LabelledRowsFile() {
    }

    /**
     * Reads every row.
     *
     * @param classes number of classes: labels must be integers in 0..classes-1
     * @throws DataFileException if the file is missing, too large, not UTF-8 or holds no rows; or a
     *                           row has a label that is not a class index, no value after its label
     *                           (an empty sequence), or a value that is empty, not a number, NaN or
     *                           infinite
     */
    public static List<LabelledSequence> read(Path file, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("number of classes must be at least 1, got " + classes);
        }
        List<DataLines.Line> lines = DataLines.read(file);
        List<String> header = List.of();
        if (!lines.isEmpty() && isHeader(lines.get(0))) {
            header = List.of(DataLines.cells(lines.get(0).text()));
            lines = lines.subList(1, lines.size());
        }
        if (lines.isEmpty()) {
            throw DataFileException.ofFile(file, "holds no rows; expected one sequence per line such as '2,0.5,1.5,2.5'"
                    + " (the class index, then one value per time step)");
        }
        List<LabelledSequence> rows = new ArrayList<>(lines.size());
        for (DataLines.Line line : lines) {
            rows.add(parseRow(file, line, header, classes));
        }
        return rows;
    }

    /** The text of a labelled-rows file: the comment lines, then one row per sequence. */
    public static String format(List<String> comments, List<LabelledSequence> rows) {
        List<String> lines = new ArrayList<>(rows.size());
        for (LabelledSequence row : rows) {
            StringBuilder line = new StringBuilder().append(row.label());
            for (double value : row.values()) {
                line.append(',').append(value);
            }
            lines.add(line.toString());
        }
        return DataLines.withComments(comments, lines);
    }

    /**
     * The text of a labelled-rows file with a header: the comment lines, the header
     * {@code label,v1,...,vN} (N the longest row's length), then one row per sequence, each value with
     * exactly {@code decimals} decimals (so a value that is the double nearest to such a decimal reads
     * back as the very same double).
     */
    public static String format(List<String> comments, List<LabelledSequence> rows, int decimals) {
        int longest = 0;
        for (LabelledSequence row : rows) {
            longest = Math.max(longest, row.length());
        }
        StringBuilder header = new StringBuilder("label");
        for (int k = 1; k <= longest; k++) {
            header.append(",v").append(k);
        }
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(header.toString());
        for (LabelledSequence row : rows) {
            StringBuilder line = new StringBuilder().append(row.label());
            for (double value : row.values()) {
                line.append(',').append(Cells.fixed(value, decimals));
            }
            lines.add(line.toString());
        }
        return DataLines.withComments(comments, lines);
    }

    private static boolean isHeader(DataLines.Line line) {
        for (String cell : DataLines.cells(line.text())) {
            if (Cells.isDecimal(cell)) {
                return false;
            }
        }
        return true;
    }

    private static LabelledSequence parseRow(Path file, DataLines.Line line, List<String> header, int classes) {
        String[] cells = DataLines.cells(line.text());
        int label = Cells.classIndex(cells[0], classes,
                problem -> DataFileException.atColumn(file, line.number(), columnName(header, 0), problem));
        if (cells.length == 1) {
            throw DataFileException.atLine(file, line.number(), "holds the label " + Cells.quote(cells[0])
                    + " and no values; expected at least one value per sequence, as in '2,0.5,1.5'");
        }
        double[] values = new double[cells.length - 1];
        for (int k = 1; k < cells.length; k++) {
            String column = columnName(header, k);
            values[k - 1] = Cells.decimal(cells[k],
                    problem -> DataFileException.atColumn(file, line.number(), column, problem));
        }
        return new LabelledSequence(label, values);
    }

    /** The header's name for cell {@code k}, or "label" / "v1", "v2", ... past the header or without one. */
    private static String columnName(List<String> header, int k) {
        if (k < header.size()) {
            return header.get(k);
        }
        return k == 0 ? "label" : "v" + k;
    }
}

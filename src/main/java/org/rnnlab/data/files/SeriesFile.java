package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A series file: one finite decimal number per line, in time order, after optional '#' comment
 * lines. Numbers are written with {@link Double#toString(double)}, which reads back to the very
 * same double.
 */
public final class SeriesFile {

    /** What separates values that were put on one line by mistake. */
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    private SeriesFile() {
    }

    /**
     * Reads every value of a series file.
     *
     * @throws DataFileException if the file is missing or empty, or a line holds anything but one
     *                           finite number
     */
    public static double[] read(Path file) {
        List<DataLines.Line> lines = DataLines.read(file);
        if (lines.isEmpty()) {
            throw DataFileException.ofFile(file, "holds no values, expected one number per line");
        }
        double[] values = new double[lines.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = parseValue(file, lines.get(i));
        }
        return values;
    }

    /** The text of a series file: the comment lines, then one value per line. */
    public static String format(List<String> comments, double[] values) {
        List<String> lines = new ArrayList<>(values.length);
        for (double value : values) {
            lines.add(Double.toString(value));
        }
        return DataLines.withComments(comments, lines);
    }

    private static double parseValue(Path file, DataLines.Line line) {
        String[] tokens = SEPARATORS.split(line.text());
        if (tokens.length != 1) {
            throw DataFileException.atLine(file, line.number(), "has " + tokens.length + " values ("
                    + Cells.quote(line.text()) + "), expected 1");
        }
        return Cells.decimal(tokens[0], problem -> DataFileException.atLine(file, line.number(), problem));
    }
}

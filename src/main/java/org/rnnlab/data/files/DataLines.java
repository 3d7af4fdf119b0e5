package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The content lines of a data file: UTF-8 text where lines starting with '#' are comments and blank
 * lines are ignored. Each line keeps its number in the file so errors can point at it.
 */
final class DataLines {

    /** Marks a comment line in every data file. */
    static final String COMMENT = "#";

    /** One content line, trimmed, with its 1-based number in the file. */
    record Line(int number, String text) {
    }

    private DataLines() {
    }

    /**
     * Reads the content lines of {@code file}; throws {@link DataFileException} if it is missing,
     * too large or not UTF-8 (see {@link TextFile#read} and {@link DataFileLimits}).
     */
    static List<Line> read(Path file) {
        List<String> all = readAll(file);
        List<Line> content = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String text = all.get(i).strip();
            if (!text.isEmpty() && !text.startsWith(COMMENT)) {
                content.add(new Line(i + 1, text));
            }
        }
        return content;
    }

    /**
     * Every line of {@code file} as it stands, blank and comment lines included, split at '\n',
     * '\r\n' or '\r'; a final line end does not start another line.
     */
    static List<String> readAll(Path file) {
        return TextFile.read(file).lines().toList();
    }

    /** The cells of a comma-separated line, each trimmed. A trailing empty cell counts. */
    static String[] cells(String text) {
        String[] cells = text.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    /** Comment lines followed by one line per entry, each ending in '\n' whatever the platform. */
    static String withComments(List<String> comments, List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String comment : comments) {
            text.append(COMMENT).append(' ').append(comment).append('\n');
        }
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }
}

package org.rnnlab.lab.report;

import java.util.List;

/**
 * A Markdown table of any width, as text: for the notes a task adds to a run's summary (a table per
 * class, a confusion matrix). Cells are written on one line with '|' escaped, so a value never breaks
 * the table.
 */
public final class MarkdownTable {

    private MarkdownTable() {
    }

    /**
     * The table with {@code header} as its first row; columns after the first are right-aligned
     * when {@code numbersRight} (they hold numbers).
     *
     * @throws IllegalArgumentException if a row has another number of cells than the header
     */
    public static String of(List<String> header, List<List<String>> rows, boolean numbersRight) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        StringBuilder text = new StringBuilder();
        appendRow(text, header);
        text.append("\n|");
        for (int column = 0; column < header.size(); column++) {
            text.append(column > 0 && numbersRight ? " ---: |" : " --- |");
        }
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells, the header " + header.size()
                        + ": " + row);
            }
            text.append('\n');
            appendRow(text, row);
        }
        return text.toString();
    }

    private static void appendRow(StringBuilder text, List<String> cells) {
        text.append('|');
        for (String cell : cells) {
            text.append(' ').append(cell.replaceAll("\\s*\\R\\s*", " ").strip().replace("|", "\\|")).append(" |");
        }
    }
}

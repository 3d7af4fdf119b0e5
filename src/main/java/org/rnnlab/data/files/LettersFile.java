package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A letters file: optional '#' comment lines, the header {@value #HEADER}, then one row per
 * string such as {@code bbcb,0}. Strings may have different lengths.
 */
public final class LettersFile {

    /** The first content line of every letters file. */
    public static final String HEADER = "sequence,label";
    private static final int COLUMNS = 2;

    private LettersFile() {
    }

    /**
     * Reads every row of a letters file.
     *
     * @throws DataFileException if the file is missing, has no header or no rows, or a row has the
     *                           wrong number of cells, a letter outside the alphabet or a label
     *                           other than 0 or 1
     */
    public static List<LetterExample> read(Path file) {
        List<DataLines.Line> lines = DataLines.read(file);
        if (lines.isEmpty()) {
            throw DataFileException.ofFile(file, "is empty, expected the header '" + HEADER + "' and rows such as 'abcb,1'");
        }
        DataLines.Line header = lines.get(0);
        if (!header.text().replace(" ", "").equals(HEADER)) {
            throw DataFileException.atLine(file, header.number(), "holds '" + header.text()
                    + "' where the header '" + HEADER + "' was expected");
        }
        if (lines.size() == 1) {
            throw DataFileException.ofFile(file, "has a header but no rows, expected rows such as 'abcb,1'");
        }
        List<LetterExample> examples = new ArrayList<>(lines.size() - 1);
        for (DataLines.Line line : lines.subList(1, lines.size())) {
            examples.add(parseRow(file, line));
        }
        return examples;
    }

    /** The text of a letters file: the comment lines, the header, then one row per example. */
    public static String format(List<String> comments, List<LetterExample> examples) {
        List<String> lines = new ArrayList<>(examples.size() + 1);
        lines.add(HEADER);
        for (LetterExample example : examples) {
            lines.add(example.sequence() + "," + example.label());
        }
        return DataLines.withComments(comments, lines);
    }

    private static LetterExample parseRow(Path file, DataLines.Line line) {
        String[] cells = DataLines.cells(line.text());
        if (cells.length != COLUMNS) {
            throw DataFileException.atLine(file, line.number(), "has " + cells.length + " values ('"
                    + line.text() + "'), expected " + COLUMNS + " (" + HEADER + ")");
        }
        String sequence = cells[0];
        if (sequence.isEmpty()) {
            throw DataFileException.atLine(file, line.number(), "has an empty sequence, expected at least one letter");
        }
        for (char letter : sequence.toCharArray()) {
            if (!LetterStrings.inAlphabet(letter)) {
                throw DataFileException.atLine(file, line.number(), "has the letter '" + letter + "' in '" + sequence
                        + "', expected only letters of the alphabet " + LetterStrings.alphabetText());
            }
        }
        String label = cells[1];
        if (!label.equals("0") && !label.equals("1")) {
            throw DataFileException.atLine(file, line.number(), "has the label '" + label + "' for '" + sequence
                    + "', expected 0 or 1");
        }
        return new LetterExample(sequence, Integer.parseInt(label));
    }
}

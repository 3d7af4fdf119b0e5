package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The characters of a UTF-8 text file as Unicode code points ({@link TextFile#codePoints}), with
 * the file they were read from: what a character model reads, held so that the file is read once.
 */
public final class TextCharacters {

    private final Path file;
    private final int[] codePoints;

    /**
     * @param file       where the text came from
     * @param codePoints its characters (copied)
     */
    public TextCharacters(Path file, int[] codePoints) {
        if (file == null || codePoints == null) {
            throw new IllegalArgumentException("a text needs its file and its characters");
        }
        this.file = file;
        this.codePoints = codePoints.clone();
    }

    /**
     * Reads a text file.
     *
     * @throws DataFileException if it is missing, larger than the {@link DataFileLimits limits} or
     *                           not UTF-8
     */
    public static TextCharacters read(Path file) {
        return new TextCharacters(file, TextFile.codePoints(file));
    }

    /** The file the text was read from. */
    public Path file() {
        return file;
    }

    /** Number of characters (code points). */
    public int length() {
        return codePoints.length;
    }

    /** A copy of the characters, as code points. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /**
     * The vocabulary index of every character of [from, to).
     *
     * @throws DataFileException naming the line, column and offset of the first character the
     *                           vocabulary does not hold
     */
    public int[] encode(Vocabulary vocabulary, int from, int to) {
        return vocabulary.encode(codePoints, from, to, position -> unknown(vocabulary, position));
    }

    private DataFileException unknown(Vocabulary vocabulary, int position) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position; i++) {
            if (codePoints[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return DataFileException.atLine(file, line, "holds the character " + Cells.character(codePoints[position])
                + " at column " + (position - lineStart + 1) + " (character offset " + position + "), which is not in"
                + " the vocabulary of " + vocabulary.size() + " characters; build the vocabulary from a text that"
                + " holds it, or take the character out");
    }

    /** Equal when read from the same file with the same characters. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TextCharacters text && file.equals(text.file)
                && Arrays.equals(codePoints, text.codePoints);
    }

    @Override
    public int hashCode() {
        return 31 * file.hashCode() + Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return codePoints.length + " characters of " + file;
    }
}

package org.rnnlab.data.files;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A data file that is missing or does not hold what it should. The message names the file and,
 * when the problem is on one line, that line's number, what was found there and what was expected,
 * so a person can fix the file without reading code.
 */
public class DataFileException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String column;

    private DataFileException(Path file, int line, String column, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** A problem with the file as a whole (missing, empty, too short). */
    public static DataFileException ofFile(Path file, String problem) {
        return new DataFileException(file, 0, null, "data file " + file + ": " + problem, null);
    }

    /** A problem with the file as a whole, caused by an I/O error. */
    public static DataFileException ofFile(Path file, String problem, Throwable cause) {
        return new DataFileException(file, 0, null, "data file " + file + ": " + problem, cause);
    }

    /**
     * A problem on one line; {@code line} counts from 1 and includes comment lines. The problem
     * continues the sentence "data file F, line N ...", e.g. "has 2 values ('1.0,2.0'), expected 1".
     */
    public static DataFileException atLine(Path file, int line, String problem) {
        return new DataFileException(file, line, null, "data file " + file + ", line " + line + " " + problem, null);
    }

    /**
     * A problem in one cell: line {@code line} (from 1), the column named {@code column}. The problem
     * continues "data file F, line N, column 'c' ...", e.g. "holds 'abc', which is not a number; ...".
     */
    public static DataFileException atColumn(Path file, int line, String column, String problem) {
        return new DataFileException(file, line, column, "data file " + file + ", line " + line + ", column "
                + Cells.quote(column) + " " + problem, null);
    }

    /**
     * A data file that cannot be read as a file: it does not exist, the path names a directory, or
     * it names something else that is not a regular file (a pipe, a device); the message says which.
     */
    public static DataFileException notFound(Path file) {
        String problem = Files.isDirectory(file) ? " is a directory, expected a file"
                : Files.exists(file) ? " is not a regular file (a pipe, a device or a socket), expected a file"
                : " not found";
        return new DataFileException(file, 0, null, "data file " + file.toAbsolutePath() + problem, null);
    }

    /** A data directory that does not exist; {@code hint} says how the path was chosen. */
    public static DataFileException directoryNotFound(Path dir, String hint) {
        return new DataFileException(dir, 0, null, "data directory " + dir.toAbsolutePath() + " not found (" + hint + ")", null);
    }

    /**
     * The same problem with what led to it added at the end, e.g. "(the range of key 'split.test')",
     * for problems that come from a setting rather than from the file itself.
     */
    public DataFileException withContext(String context) {
        return new DataFileException(file, line, column, getMessage() + " (" + context + ")", this);
    }

    /** The file (or directory) the problem is in. */
    public Path file() {
        return file;
    }

    /** The line the problem is on (counting from 1), or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The name of the column the problem is in, or null when it is not about one cell. */
    public String column() {
        return column;
    }
}

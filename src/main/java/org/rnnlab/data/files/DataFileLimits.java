package org.rnnlab.data.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How large a data file may be. Every reader keeps its whole file in memory, and the window readers
 * multiply it (a series of n values gives n windows of the window's length), so a file far larger
 * than the reference data would not fail: it would fill the heap and leave the JVM collecting garbage
 * for minutes. A file past a limit is refused before it is read, naming the limit and how to raise it.
 *
 * <ul>
 *   <li>{@value #MAX_LINES_PROPERTY}: lines per file, comments included (default
 *       {@value #DEFAULT_MAX_LINES}). Lines are counted by streaming the bytes, stopping just past
 *       the limit, so even a huge file is refused in moments.</li>
 *   <li>{@value #MAX_BYTES_PROPERTY}: bytes per file (default {@value #DEFAULT_MAX_BYTES}, 50 MiB).</li>
 * </ul>
 */
public final class DataFileLimits {

    /** System property raising or lowering the line limit. */
    public static final String MAX_LINES_PROPERTY = "rnnlab.data.maxLines";
    /** System property raising or lowering the byte limit. */
    public static final String MAX_BYTES_PROPERTY = "rnnlab.data.maxBytes";
    public static final long DEFAULT_MAX_LINES = 100_000;
    public static final long DEFAULT_MAX_BYTES = 50L << 20;

    private static final int BUFFER = 1 << 16;

    private DataFileLimits() {
    }

    /**
     * Checks that {@code file} is a regular file within both limits.
     *
     * @throws DataFileException naming the file and what is wrong: missing, a directory, too many
     *                           bytes or lines (with the limit and the property that sets it)
     */
    public static void check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DataFileException.notFound(file);
        }
        long maxBytes = limit(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES);
        long maxLines = limit(MAX_LINES_PROPERTY, DEFAULT_MAX_LINES);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw DataFileException.ofFile(file, "is " + size + " bytes, more than the limit of " + maxBytes
                        + " bytes for a data file; shorten or split it, or raise the limit with -D"
                        + MAX_BYTES_PROPERTY + "=BYTES");
            }
            if (linesAtLeast(file, maxLines + 1)) {
                throw DataFileException.ofFile(file, "has more than " + maxLines + " lines, the limit for a data file"
                        + " (each reader holds its whole file in memory); shorten or split it, or raise the limit with -D"
                        + MAX_LINES_PROPERTY + "=LINES");
            }
        } catch (IOException e) {
            throw DataFileException.ofFile(file, "could not be read: " + IoErrors.reason(e), e);
        }
    }

    /** The line limit in force. */
    public static long maxLines() {
        return limit(MAX_LINES_PROPERTY, DEFAULT_MAX_LINES);
    }

    /** The byte limit in force. */
    public static long maxBytes() {
        return limit(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES);
    }

    /** Whether the file has at least {@code wanted} lines (a last line without '\n' counts); reads no further. */
    private static boolean linesAtLeast(Path file, long wanted) throws IOException {
        long lines = 0;
        boolean pending = false;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    pending = buffer[i] != '\n';
                    if (!pending && ++lines >= wanted) {
                        return true;
                    }
                }
            }
        }
        return lines + (pending ? 1 : 0) >= wanted;
    }

    private static long limit(String property, long fallback) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            throw new IllegalArgumentException("system property " + property + " = '" + Snippet.of(text)
                    + "'; expected a whole number of at least 1");
        }
        return value;
    }
}

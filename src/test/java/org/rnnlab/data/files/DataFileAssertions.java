package org.rnnlab.data.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;

/** What the data tests check about a refused file: which file, which line, and the message's key parts. */
public final class DataFileAssertions {

    private DataFileAssertions() {
    }

    /** The DataFileException {@code action} throws, after checking its file, line and that it names the file. */
    public static DataFileException failsWith(Executable action, Path file, int line) {
        DataFileException e = assertThrows(DataFileException.class, action);
        assertEquals(file, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "message names the file: " + e.getMessage());
        return e;
    }

    /** As {@link #failsWith}, for a problem in one cell: also checks the column it names. */
    public static DataFileException failsAtCell(Executable action, Path file, int line, String column) {
        DataFileException e = failsWith(action, file, line);
        assertEquals(column, e.column(), e.getMessage());
        assertMessage(e, "column '" + column + "'");
        return e;
    }

    public static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    /** Writes {@code text} as UTF-8 to {@code dir/name}, creating folders. */
    public static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

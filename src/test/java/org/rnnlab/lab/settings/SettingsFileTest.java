package org.rnnlab.lab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line syntax of settings files: what is a setting, and which lines stop the read. */
class SettingsFileTest {

    @TempDir
    Path dir;

    @Test
    void testEntriesKeepFileOrderLineNumbersAndDropComments() throws IOException {
        Path file = write("""
                # a whole-line comment
                hidden = 8

                init = normal 0 0.1   # a comment after the value
                data.train=e1-letters/train.csv
                """);

        SettingsFile settings = SettingsFile.read(file);

        assertEquals(file, settings.path());
        assertEquals(List.of(
                        new SettingsFile.Entry("hidden", "8", 2),
                        new SettingsFile.Entry("init", "normal 0 0.1", 4),
                        new SettingsFile.Entry("data.train", "e1-letters/train.csv", 5)),
                List.copyOf(settings.entries().values()));
    }

    @Test
    void testValueMayContainEqualsSign() {
        SettingsFile settings = SettingsFile.parse(Path.of("x.properties"), List.of("data.train = a=b.csv"));

        assertEquals("a=b.csv", settings.entries().get("data.train").value());
    }

    @Test
    void testDuplicateKeyNamesBothLines() {
        Path file = write("""
                hidden = 8
                layers = 1
                hidden = 16
                """);

        SettingsException e = assertThrows(SettingsException.class, () -> SettingsFile.read(file));

        assertMentions(e.getMessage(), file.toString(), "line 3", "'hidden'", "already set on line 1");
    }

    @Test
    void testLineWithoutEqualsIsRejected() {
        Path file = write("""
                hidden = 8
                layers 2
                """);

        SettingsException e = assertThrows(SettingsException.class, () -> SettingsFile.read(file));

        assertMentions(e.getMessage(), file.toString(), "line 2", "'layers 2'", "expected 'key = value'");
    }

    @Test
    void testLineWithoutKeyIsRejected() {
        Path file = write("""
                hidden = 8
                  = 2
                """);

        SettingsException e = assertThrows(SettingsException.class, () -> SettingsFile.read(file));

        assertMentions(e.getMessage(), file.toString(), "line 2", "missing key before '='");
    }

    @Test
    void testMissingFileIsNamed() {
        Path missing = dir.resolve("no-such-experiment.properties");

        SettingsException e = assertThrows(SettingsException.class, () -> SettingsFile.read(missing));

        assertMentions(e.getMessage(), missing.toString(), "not found");
    }

    private Path write(String text) {
        Path file = dir.resolve("syntax.properties");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write test settings " + file, e);
        }
        return file;
    }

    static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "message lacks \"" + part + "\": " + message);
        }
    }
}

package org.rnnlab.lab.settings;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rnnlab.data.files.IoErrors;
import org.rnnlab.data.files.Snippet;

/**
 * The raw {@code key = value} lines of a settings file, each with its line number.
 *
 * <p>Syntax: one {@code key = value} per line; {@code #} starts a comment (whole line or after the
 * value); blank lines are ignored. Unlike {@link java.util.Properties}, a key given twice or a line
 * without {@code =} is an error, so a typo never passes silently.
 */
public final class SettingsFile {

    /** One setting as written. */
    public record Entry(String key, String value, int line) {
    }

    private final Path path;
    private final Map<String, Entry> entries;
    private final String text;

    private SettingsFile(Path path, Map<String, Entry> entries, String text) {
        this.path = path;
        this.entries = Collections.unmodifiableMap(entries);
        this.text = text;
    }

    /** Largest settings file read: a settings file is a page of text, anything far larger is not one. */
    public static final long MAX_BYTES = 1 << 20;

    /** Reads and tokenises a settings file; the values are checked later against a schema. */
    public static SettingsFile read(Path path) {
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new SettingsException("settings file " + path + " is " + Files.size(path) + " bytes; a settings file "
                        + "holds 'key = value' lines and may have at most " + MAX_BYTES + " bytes");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new SettingsException("settings file " + path + " is not UTF-8 text; save it as UTF-8 "
                    + "(a settings file holds 'key = value' lines)");
        } catch (NoSuchFileException e) {
            throw new SettingsException("settings file " + path + " not found (absolute: " + path.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new SettingsException("cannot read settings file " + path + ": " + IoErrors.reason(e), e);
        }
        return parse(path, text.lines().toList(), text);
    }

    /** Parses lines already in memory; {@code path} only names the source in messages. */
    public static SettingsFile parse(Path path, List<String> lines) {
        return parse(path, lines, String.join("\n", lines) + "\n");
    }

    private static SettingsFile parse(Path path, List<String> lines, String fileText) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text = stripComment(lines.get(i)).strip();
            if (text.isEmpty()) {
                continue;
            }
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new SettingsException(path + " line " + lineNo + ": '" + Snippet.of(text)
                        + "' is not a setting; expected 'key = value'");
            }
            String key = text.substring(0, eq).strip();
            String value = text.substring(eq + 1).strip();
            if (key.isEmpty()) {
                throw new SettingsException(path + " line " + lineNo + ": missing key before '='");
            }
            Entry previous = entries.put(key, new Entry(key, value, lineNo));
            if (previous != null) {
                throw new SettingsException(path + " line " + lineNo + ": key '" + Snippet.of(key)
                        + "' is already set on line " + previous.line());
            }
        }
        return new SettingsFile(path, entries, fileText);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    public Path path() {
        return path;
    }

    /** The file's text exactly as read, comments included: what a run folder keeps of its settings. */
    public String text() {
        return text;
    }

    /** All entries in file order. */
    public Map<String, Entry> entries() {
        return entries;
    }
}

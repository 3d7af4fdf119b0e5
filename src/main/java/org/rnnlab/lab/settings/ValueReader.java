package org.rnnlab.lab.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rnnlab.data.files.Snippet;

/**
 * Typed access to the entries of one settings file. Every failure names the file, the key, the line,
 * the value found and what is allowed.
 */
public final class ValueReader {

    private final SettingsFile file;

    public ValueReader(SettingsFile file) {
        this.file = file;
    }

    public SettingsFile file() {
        return file;
    }

    public boolean has(String key) {
        return file.entries().containsKey(key);
    }

    /** The raw value; a missing key stops with what the key should hold. */
    public String text(String key, String expected) {
        SettingsFile.Entry entry = file.entries().get(key);
        if (entry == null) {
            throw new SettingsException(file.path() + ": missing key '" + key + "' (expected " + expected + ")");
        }
        if (entry.value().isEmpty()) {
            throw bad(key, expected);
        }
        return entry.value();
    }

    public SettingsException bad(String key, String expected) {
        SettingsFile.Entry entry = file.entries().get(key);
        String where = entry == null ? "" : " line " + entry.line();
        String found = entry == null ? "" : entry.value();
        return new SettingsException(file.path() + where + ": key '" + key + "' has value '" + Snippet.of(found)
                + "'; expected " + expected);
    }

    /** The names of an enum's values as a key's allowed text lists them: {@code a | b | c}. */
    public static <E extends Enum<E>> String choices(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(" | "));
    }

    public <E extends Enum<E>> E choice(String key, E[] values, Function<E, String> name) {
        String allowed = choices(values, name);
        String value = text(key, "one of " + allowed).toLowerCase(Locale.ROOT);
        for (E candidate : values) {
            if (name.apply(candidate).equals(value)) {
                return candidate;
            }
        }
        throw bad(key, "one of " + allowed);
    }

    public int positiveInt(String key) {
        return intAtLeast(key, 1, "a positive integer");
    }

    public int nonNegativeInt(String key) {
        return intAtLeast(key, 0, "an integer >= 0");
    }

    private int intAtLeast(String key, int min, String expected) {
        String value = text(key, expected);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw bad(key, expected);
    }

    public long anyLong(String key) {
        String value = text(key, "an integer");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(key, "an integer");
        }
    }

    public double positiveDouble(String key) {
        String value = text(key, "a positive number");
        double parsed = parseDouble(value);
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            throw bad(key, "a positive number");
        }
        return parsed;
    }

    public boolean bool(String key) {
        String value = text(key, "true or false").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, "true or false");
        };
    }

    /** A comma-separated list of non-empty items. */
    public List<String> list(String key, String expected) {
        List<String> items = new ArrayList<>();
        for (String item : text(key, expected).split(",")) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                throw bad(key, expected);
            }
            items.add(trimmed);
        }
        return items;
    }

    /** The whitespace-separated words of a value such as {@code normal 0 0.01}. */
    public String[] words(String key, String expected) {
        return text(key, expected).split("\\s+");
    }

    /**
     * A data file named by {@code key}, resolved against {@code dataDir}. Only files inside the
     * data directory are accepted: an absolute path, a {@code ..} that leaves it or a symbolic link
     * that points out of it is refused before anything is read.
     */
    public Path dataPath(String key, Path dataDir) {
        return insideDataDir(key, text(key, "a file under the data directory"), dataDir);
    }

    /** A comma-separated list of data files, each as {@link #dataPath}. */
    public List<Path> dataPaths(String key, Path dataDir) {
        List<Path> paths = new ArrayList<>();
        for (String item : list(key, "a comma-separated list of files under the data directory")) {
            paths.add(insideDataDir(key, item, dataDir));
        }
        return paths;
    }

    private Path insideDataDir(String key, String value, Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path raw;
        try {
            raw = Path.of(value);
        } catch (InvalidPathException e) {
            throw bad(key, "a file path under the data directory (this one is not a valid path: " + e.getReason() + ")");
        }
        if (raw.isAbsolute()) {
            throw bad(key, "a path relative to the data directory " + dir + "; absolute paths are not read");
        }
        Path resolved = dir.resolve(raw).normalize();
        if (!resolved.startsWith(dir)) {
            throw bad(key, "a path inside the data directory " + dir + "; '..' may not lead out of it");
        }
        if (Files.exists(resolved)) {
            try {
                if (!resolved.toRealPath().startsWith(dir.toRealPath())) {
                    throw bad(key, "a file inside the data directory " + dir
                            + "; this path is a symbolic link to a file outside it");
                }
            } catch (IOException e) {
                throw bad(key, "a readable path inside the data directory (" + e.getClass().getSimpleName() + ")");
            }
        }
        return resolved;
    }

    public static double parseDouble(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

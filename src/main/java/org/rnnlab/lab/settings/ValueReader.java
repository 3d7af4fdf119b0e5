package org.rnnlab.lab.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Typed access to the entries of one settings file. Every failure names the file, the key, the line,
 * the value found and what is allowed.
 */
final class ValueReader {

    private final SettingsFile file;

    ValueReader(SettingsFile file) {
        this.file = file;
    }

    SettingsFile file() {
        return file;
    }

    boolean has(String key) {
        return file.entries().containsKey(key);
    }

    /** The raw value; a missing key stops with what the key should hold. */
    String text(String key, String expected) {
        SettingsFile.Entry entry = file.entries().get(key);
        if (entry == null) {
            throw new SettingsException(file.path() + ": missing key '" + key + "' (expected " + expected + ")");
        }
        if (entry.value().isEmpty()) {
            throw bad(key, expected);
        }
        return entry.value();
    }

    SettingsException bad(String key, String expected) {
        SettingsFile.Entry entry = file.entries().get(key);
        String where = entry == null ? "" : " line " + entry.line();
        String found = entry == null ? "" : entry.value();
        return new SettingsException(file.path() + where + ": key '" + key + "' has value '" + found
                + "'; expected " + expected);
    }

    <E extends Enum<E>> E choice(String key, E[] values, Function<E, String> name) {
        String allowed = Arrays.stream(values).map(name).collect(Collectors.joining(" | "));
        String value = text(key, "one of " + allowed).toLowerCase(Locale.ROOT);
        for (E candidate : values) {
            if (name.apply(candidate).equals(value)) {
                return candidate;
            }
        }
        throw bad(key, "one of " + allowed);
    }

    int positiveInt(String key) {
        return intAtLeast(key, 1, "a positive integer");
    }

    int nonNegativeInt(String key) {
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

    long anyLong(String key) {
        String value = text(key, "an integer");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(key, "an integer");
        }
    }

    double positiveDouble(String key) {
        String value = text(key, "a positive number");
        double parsed = parseDouble(value);
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            throw bad(key, "a positive number");
        }
        return parsed;
    }

    boolean bool(String key) {
        String value = text(key, "true or false").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, "true or false");
        };
    }

    /** A comma-separated list of non-empty items. */
    List<String> list(String key, String expected) {
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
    String[] words(String key, String expected) {
        return text(key, expected).split("\\s+");
    }

    static double parseDouble(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

package org.rnnlab.lab.settings;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One key of a settings file: what it may hold, what it takes when left out, and what it controls.
 * These definitions are the one source of both the settings reading and the settings reference.
 * {@link ExperimentSettings} accepts only the keys defined for a file's kind (and the Spark keys with
 * {@code engine = spark}), requires exactly those without a default, and names a missing key's
 * allowed values in its message; {@code org.rnnlab.experiments.SettingsReference} generates
 * docs/settings.md from the same definitions. {@code SettingsReferenceTest} keeps the reference true:
 * it fails when the committed docs/settings.md differs from what the definitions generate, when the
 * keys the reading accepts for a kind, required or optional, differ from those the reference lists
 * for it, and when a key set to its stated default reads otherwise than the key left out. No test
 * reads the wording of an allowed text or a meaning; the choices of an enum are written from the
 * enum itself.
 *
 * @param name         the key as written in the file, e.g. {@code window}
 * @param allowed      the values it takes, e.g. "a positive integer"
 * @param defaultValue the value a file that leaves the key out gets, as it would be written in the
 *                     file; empty for a required key
 * @param meaning      what it controls, in a few words
 */
public record SettingKey(String name, String allowed, Optional<String> defaultValue, String meaning) {

    public SettingKey {
        if (name == null || name.isBlank() || allowed == null || allowed.isBlank() || meaning == null
                || defaultValue == null) {
            throw new IllegalArgumentException("a setting key needs a name, its allowed values, its default (or none)"
                    + " and its meaning");
        }
        if (defaultValue.isPresent() && defaultValue.get().isBlank()) {
            throw new IllegalArgumentException("the default of the optional key " + name + " is blank");
        }
    }

    /** A key every file it belongs to must have. */
    public SettingKey(String name, String allowed, String meaning) {
        this(name, allowed, Optional.empty(), meaning);
    }

    /** A key a file may leave out, which then takes {@code defaultValue} (written as in a file). */
    public static SettingKey optional(String name, String allowed, String defaultValue, String meaning) {
        if (defaultValue == null) {
            throw new IllegalArgumentException("the optional key " + name + " needs a default");
        }
        return new SettingKey(name, allowed, Optional.of(defaultValue), meaning);
    }

    /** Whether a file must have this key (it has no default). */
    public boolean required() {
        return defaultValue.isEmpty();
    }

    /** A number as a settings file would hold it: 1 rather than 1.0, 0.001 rather than 1.0E-3. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a value a settings file can hold: " + value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

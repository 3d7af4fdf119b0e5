package org.rnnlab.lab.settings;

/**
 * One key of a settings file and what it may hold. The same text serves the message for a missing
 * key and the key table of the README, so the two cannot drift apart.
 *
 * @param name    the key as written in the file, e.g. {@code window}
 * @param allowed the values it takes, e.g. "a positive integer"
 * @param meaning what it controls, in a few words
 */
public record SettingKey(String name, String allowed, String meaning) {

    public SettingKey {
        if (name == null || name.isBlank() || allowed == null || allowed.isBlank() || meaning == null) {
            throw new IllegalArgumentException("a setting key needs a name, its allowed values and its meaning");
        }
    }
}

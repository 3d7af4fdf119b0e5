package org.rnnlab.lab.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * What the settings parser needs of a task kind: its name, its keys and how to read them. The kinds
 * themselves live above this package (lab.tasks) and are handed to {@link ExperimentSettings#load}.
 */
public interface TaskSettingsReader {

    /** The value of the {@code experiment} key that selects this kind. */
    String name();

    /** Earlier names still accepted for {@code experiment} (read as this kind, with a note). */
    default List<String> formerNames() {
        return List.of();
    }

    /** The kind's own required keys, beyond {@link ExperimentSettings#COMMON_KEYS}, in reading order. */
    List<SettingKey> keys();

    /**
     * The kind's keys that a file may leave out (each with its {@link SettingKey#defaultValue()}),
     * beside {@link ExperimentSettings#OPTIONAL_KEYS}.
     */
    default List<SettingKey> optionalKeys() {
        return List.of();
    }

    /**
     * Reads and validates the kind's keys; data paths resolve against {@code dataDir}.
     *
     * @throws SettingsException naming the file, line, key, value and what is allowed
     */
    TaskSettings read(ValueReader in, Path dataDir);
}

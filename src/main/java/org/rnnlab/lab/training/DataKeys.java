package org.rnnlab.lab.training;

import java.nio.file.Path;
import java.util.Map;

import org.rnnlab.data.files.Snippet;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.settings.SettingsFile;

/**
 * Which key of a settings file named a data file, so that a problem found in the data can be told
 * the way a person fixes it: in the settings file, at that key's line.
 */
final class DataKeys {

    /** Keys that name data files start with this. */
    static final String PREFIX = "data.";

    private final ExperimentSettings settings;
    private final Path dataDir;

    DataKeys(ExperimentSettings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * {@code message} prefixed with the settings file, line and key that named {@code file}, e.g.
     * "experiments/x.properties line 8: key 'data.train' names 'e2/train.txt': data file ... not found";
     * only the settings file when no key names it.
     */
    String problem(Path file, String message) {
        Path wanted = file.toAbsolutePath().normalize();
        for (Map.Entry<String, String> entry : settings.written().entrySet()) {
            if (!entry.getKey().startsWith(PREFIX)) {
                continue;
            }
            for (String item : entry.getValue().split(",")) {
                if (resolves(item.strip(), wanted)) {
                    return settings.source() + line(entry.getKey()) + ": key '" + entry.getKey() + "' names '"
                            + Snippet.of(item.strip()) + "': " + message;
                }
            }
        }
        return settings.source() + ": " + message;
    }

    private boolean resolves(String item, Path wanted) {
        try {
            return dataDir.resolve(item).normalize().equals(wanted);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** " line N" for the key, or nothing if the file cannot be read again. */
    private String line(String key) {
        try {
            SettingsFile.Entry entry = SettingsFile.read(settings.source()).entries().get(key);
            return entry == null ? "" : " line " + entry.line();
        } catch (SettingsException e) {
            return "";
        }
    }
}

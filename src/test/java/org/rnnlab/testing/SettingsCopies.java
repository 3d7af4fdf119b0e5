package org.rnnlab.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.TaskKinds;

/** Copies of the reference settings files with some values changed, as a user would edit them. */
public final class SettingsCopies {

    private SettingsCopies() {
    }

    /** The reference settings file of that name in experiments/. */
    public static Path reference(String name) {
        return Path.of("experiments", name + ".properties");
    }

    /** Every reference settings file. */
    public static List<Path> allReferences() throws IOException {
        try (var files = Files.list(Path.of("experiments"))) {
            return files.filter(f -> f.toString().endsWith(".properties")).sorted().toList();
        }
    }

    /** Writes a copy of {@code original} into {@code dir} with the given keys set to new values. */
    public static Path edit(Path original, Path dir, Map<String, String> changes) throws IOException {
        List<String> lines = new ArrayList<>();
        Set<String> changed = new HashSet<>();
        for (String line : Files.readAllLines(original, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            String key = eq < 0 || line.strip().startsWith("#") ? null : line.substring(0, eq).strip();
            if (key != null && changes.containsKey(key)) {
                lines.add(key + " = " + changes.get(key));
                changed.add(key);
            } else {
                lines.add(line);
            }
        }
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (!changed.contains(change.getKey())) {
                lines.add(change.getKey() + " = " + change.getValue());
            }
        }
        Path copy = dir.resolve(original.getFileName());
        Files.write(copy, lines, StandardCharsets.UTF_8);
        return copy;
    }

    /** Loads an edited copy with data paths under {@code dataDir}, e.g. a test's own data directory. */
    public static ExperimentSettings load(String reference, Path dir, Path dataDir, Map<String, String> changes)
            throws IOException {
        return TaskKinds.load(edit(reference(reference), dir, changes), dataDir);
    }

    /** Loads an edited copy with the project's data directory. */
    public static ExperimentSettings load(String reference, Path dir, Map<String, String> changes) throws IOException {
        return TaskKinds.load(edit(reference(reference), dir, changes), DataFiles.dataDir());
    }
}

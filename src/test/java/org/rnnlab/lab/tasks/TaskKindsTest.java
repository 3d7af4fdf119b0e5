package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.testing.SettingsCopies;

class TaskKindsTest {

    @Test
    void kindNamesAndFormerNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (TaskKind<?> kind : TaskKinds.ALL) {
            assertTrue(names.add(kind.name()), "two kinds are called " + kind.name());
            for (String former : kind.formerNames()) {
                assertTrue(names.add(former), "name " + former + " is taken twice");
            }
        }
    }

    @Test
    void noKindRedefinesACommonKeyOrRepeatsItsOwn() {
        Set<String> common = new HashSet<>();
        ExperimentSettings.COMMON_KEYS.forEach(key -> common.add(key.name()));
        for (TaskKind<?> kind : TaskKinds.ALL) {
            Set<String> own = new HashSet<>();
            for (SettingKey key : kind.keys()) {
                assertTrue(!common.contains(key.name()), kind.name() + " redefines the common key " + key.name());
                assertTrue(own.add(key.name()), kind.name() + " lists " + key.name() + " twice");
            }
        }
    }

    /** The README's key tables name every key, each kind's keys on rows of that kind. */
    @Test
    void theReadmeDocumentsEveryKeyOfEveryKind() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        List<String> missing = new ArrayList<>();
        for (SettingKey key : ExperimentSettings.COMMON_KEYS) {
            if (lines.stream().noneMatch(line -> line.startsWith("| ") && line.contains("`" + key.name() + "`"))) {
                missing.add(key.name());
            }
        }
        for (TaskKind<?> kind : TaskKinds.ALL) {
            for (SettingKey key : kind.keys()) {
                boolean documented = lines.stream().anyMatch(line -> line.startsWith("| `" + kind.name() + "` |")
                        && line.contains("`" + key.name() + "`"));
                if (!documented) {
                    missing.add(kind.name() + ": " + key.name());
                }
            }
        }
        assertEquals(List.of(), missing, "keys the README's tables do not document");
    }

    @Test
    void everyReferenceSettingsFileFindsItsKind() throws IOException {
        for (Path file : SettingsCopies.allReferences()) {
            ExperimentSettings settings = TaskKinds.load(file, DataFiles.dataDir());
            TaskKind<?> kind = TaskKinds.of(settings);
            assertEquals(kind.name(), settings.task().kind(), file.toString());
            assertTrue(settings.task().dataFiles().stream().allMatch(Files::exists), file.toString());
        }
    }
}

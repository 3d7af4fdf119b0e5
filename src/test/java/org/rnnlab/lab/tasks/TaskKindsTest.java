package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.rnnlab.lab.settings.SparkSettings;
import org.rnnlab.lab.settings.ValueReader;
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

    /** A file of any kind, local or on Spark, has each of its keys defined once, with one default or none. */
    @Test
    void noKeyIsDefinedTwiceForOneKind() {
        Set<String> common = new HashSet<>();
        for (SettingKey key : concat(ExperimentSettings.COMMON_KEYS, ExperimentSettings.OPTIONAL_KEYS,
                SparkSettings.KEYS)) {
            assertTrue(common.add(key.name()), "the common and Spark keys define " + key.name() + " twice");
        }
        for (TaskKind<?> kind : TaskKinds.ALL) {
            Set<String> own = new HashSet<>();
            for (SettingKey key : concat(kind.keys(), kind.optionalKeys())) {
                assertTrue(!common.contains(key.name()), kind.name() + " redefines the common key " + key.name());
                assertTrue(own.add(key.name()), kind.name() + " lists " + key.name() + " twice");
            }
        }
    }

    /** Required keys have no default and optional ones have one, wherever they are listed. */
    @Test
    void requiredKeysHaveNoDefaultAndOptionalOnesHaveOne() {
        for (SettingKey key : concat(ExperimentSettings.COMMON_KEYS, SparkSettings.KEYS)) {
            assertTrue(key.required(), key.name() + " is listed as required but has a default");
        }
        for (SettingKey key : ExperimentSettings.OPTIONAL_KEYS) {
            assertFalse(key.required(), key.name() + " is listed as optional but has no default");
        }
        for (TaskKind<?> kind : TaskKinds.ALL) {
            kind.keys().forEach(key -> assertTrue(key.required(), kind.name() + ": " + key.name()));
            kind.optionalKeys().forEach(key -> assertFalse(key.required(), kind.name() + ": " + key.name()));
        }
    }

    @Test
    void aKindRefusesARequiredKeyWithADefaultAndAnOptionalOneWithout() {
        SettingKey required = new SettingKey("size", "a positive integer", "how many");
        SettingKey optional = SettingKey.optional("size", "a positive integer", "3", "how many");
        assertThrows(IllegalArgumentException.class, () -> kind(List.of(optional), List.of()));
        assertThrows(IllegalArgumentException.class, () -> kind(List.of(), List.of(required)));
        assertEquals(List.of(optional), kind(List.of(), List.of(optional)).optionalKeys());
    }

    private static TaskKind<?> kind(List<SettingKey> keys, List<SettingKey> optionalKeys) {
        return new TaskKind<>("probe", LetterParityTask.Settings.class, keys, optionalKeys) {
            @Override
            public LetterParityTask.Settings read(ValueReader in, Path dataDir) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected Task create(LetterParityTask.Settings settings, ExperimentSettings experiment) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @SafeVarargs
    private static List<SettingKey> concat(List<SettingKey>... lists) {
        List<SettingKey> all = new ArrayList<>();
        for (List<SettingKey> list : lists) {
            all.addAll(list);
        }
        return all;
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

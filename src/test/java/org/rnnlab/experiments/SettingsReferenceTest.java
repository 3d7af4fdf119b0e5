package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.settings.SettingsFile;
import org.rnnlab.lab.tasks.TaskKind;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.SettingsCopies;

/**
 * docs/settings.md is what the key definitions generate, and it tells the truth about the reading:
 * the keys it lists for a kind are the keys the unknown-key check accepts for that kind, required
 * where the reading requires them, and every default it states is what the reading takes when the
 * key is left out.
 */
class SettingsReferenceTest {

    @TempDir
    Path dir;

    @Test
    void theCommittedReferenceIsWhatTheCodeGenerates() throws IOException {
        Path committed = SettingsReference.DOCUMENT;
        String generated = SettingsReference.markdown();
        String howToFix = "; write it again with: " + SettingsReference.REGENERATE;
        if (!Files.isRegularFile(committed)) {
            fail(committed + " is missing" + howToFix);
        }
        List<String> want = generated.lines().toList();
        List<String> have = Files.readString(committed, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String wanted = i < want.size() ? want.get(i) : "(end of file)";
            String found = i < have.size() ? have.get(i) : "(end of file)";
            if (!wanted.equals(found)) {
                fail(committed + " differs from what the key definitions generate, first at line " + (i + 1)
                        + ":\n  committed: " + found + "\n  generated: " + wanted + "\n" + howToFix.substring(2));
            }
        }
        assertEquals(generated, Files.readString(committed, StandardCharsets.UTF_8),
                committed + " differs from the generated text in its line endings" + howToFix);
    }

    /**
     * The reading's own answer, from its unknown-key message, to which keys a file of each kind may
     * have (required, and optionally), with and without Spark, against the reference's tables.
     */
    @Test
    void theKeysTheReadingAcceptsAreTheKeysTheReferenceLists() {
        Map<String, List<Row>> sections = sections(SettingsReference.markdown());
        List<Row> common = sections.get(SettingsReference.COMMON_HEADING);
        List<Row> spark = sections.get(SettingsReference.SPARK_HEADING);
        assertTrue(common != null && spark != null, "the reference has no common or no Spark section: "
                + sections.keySet());
        assertEquals(TaskKinds.ALL.stream().map(kind -> kindHeading(kind.name())).toList(),
                sections.keySet().stream().filter(h -> h.startsWith(SettingsReference.KIND_HEADING)).toList(),
                "one section per task kind, in registry order");
        for (TaskKind<?> kind : TaskKinds.ALL) {
            List<Row> own = sections.get(kindHeading(kind.name()));
            for (boolean onSpark : new boolean[] {false, true}) {
                List<Row> documented = new ArrayList<>(common);
                documented.addAll(own);
                if (onSpark) {
                    documented.addAll(spark);
                }
                Accepted accepted = accepted(kind.name(), onSpark);
                String what = kind.name() + (onSpark ? " with engine = spark" : " with engine = local");
                assertEquals(new TreeSet<>(accepted.required()), names(documented, true),
                        "required keys the reading takes for " + what + " against the reference's");
                assertEquals(new TreeSet<>(accepted.optional()), names(documented, false),
                        "optional keys the reading takes for " + what + " against the reference's");
            }
        }
    }

    /**
     * Each optional key set to its stated default reads as the same experiment as the key left out,
     * in a reference settings file that takes it (test.generated.* with a generated test set on).
     */
    @Test
    void everyStatedDefaultIsWhatTheReadingTakesWithoutTheKey() throws IOException {
        Map<String, Map<String, String>> context = Map.of(
                "test.generated.series", Map.of("test.generated", "control-chart"),
                "test.generated.seed", Map.of("test.generated", "control-chart"));
        Map<SettingKey, String> keys = new LinkedHashMap<>();
        ExperimentSettings.OPTIONAL_KEYS.forEach(key -> keys.put(key, null));
        for (TaskKind<?> kind : TaskKinds.ALL) {
            kind.optionalKeys().forEach(key -> keys.put(key, kind.name()));
        }
        assertTrue(keys.size() >= 6, "the optional keys: " + keys.keySet());
        List<String> unchecked = new ArrayList<>();
        for (Map.Entry<SettingKey, String> entry : keys.entrySet()) {
            SettingKey key = entry.getKey();
            String value = key.defaultValue().orElseThrow();
            boolean checked = false;
            for (Path file : SettingsCopies.allReferences()) {
                if (entry.getValue() != null
                        && !SettingsFile.read(file).entries().get("experiment").value().equals(entry.getValue())) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!isSetting(line, key.name()) && context.getOrDefault(key.name(), Map.of()).keySet().stream()
                            .noneMatch(other -> isSetting(line, other))) {
                        lines.add(line);
                    }
                }
                context.getOrDefault(key.name(), Map.of()).forEach((k, v) -> lines.add(k + " = " + v));
                List<Object> without;
                List<Object> with;
                try {
                    without = view(read(file, lines));
                    List<String> withDefault = new ArrayList<>(lines);
                    withDefault.add(key.name() + " = " + value);
                    with = view(read(file, withDefault));
                } catch (SettingsException e) {
                    continue; // a file the key does not go with (forget.bias in a SimpleRnn's, say)
                }
                assertEquals(without, with, file + ": " + key.name() + " = " + value + " (its stated default) against "
                        + "leaving it out");
                checked = true;
                break;
            }
            if (!checked) {
                unchecked.add(key.name());
            }
        }
        assertEquals(List.of(), unchecked, "optional keys no reference settings file takes at their stated default");
    }

    @Test
    void everyTableRowHasItsFourCellsWhateverTheTextHolds() {
        List<String> rows = SettingsReference.markdown().lines().filter(line -> line.startsWith("|")).toList();
        assertTrue(rows.size() > 60, "the tables' rows: " + rows.size());
        for (String row : rows) {
            assertEquals(4, cells(row).size(), row);
        }
        assertTrue(rows.stream().anyMatch(row -> row.startsWith("| `cell` | simplernn \\| lstm \\| gru |")),
                "the cell key lists gru, its pipes escaped");
    }

    @Test
    void cellTextIsEscapedForATable() {
        assertEquals("a \\| b", SettingsReference.cell("a | b"));
        assertEquals("\\\\n newline, spark.\\* keys, local\\[N\\], \\<p>", SettingsReference.cell(
                "\\n newline, spark.* keys, local[N], <p>"));
        assertEquals("fresh_test_accuracy, \\_lead", SettingsReference.cell("fresh_test_accuracy, _lead"));
        assertEquals("two lines", SettingsReference.cell("two\nlines"));
        assertEquals("`dl4j, scratch`", SettingsReference.code("dl4j, scratch"));
        assertEquals("`a \\| b`", SettingsReference.code("a | b"));
        assertEquals(List.of("`k`", "a \\| b", "required", "m"), cells("| `k` | a \\| b | required | m |"));
    }

    @Test
    void noArgumentPrintsTheReference() {
        CapturedRun outcome = run();
        assertEquals(Experiments.OK, outcome.status(), outcome.err());
        assertEquals(SettingsReference.markdown(), outcome.out());
        assertEquals("", outcome.err());
    }

    @Test
    void writeWritesTheReference() throws IOException {
        CapturedRun outcome = run(SettingsReference.WRITE);
        assertEquals(Experiments.OK, outcome.status(), outcome.err());
        assertEquals(SettingsReference.markdown(), Files.readString(dir.resolve("settings.md"), StandardCharsets.UTF_8));
        assertTrue(outcome.out().contains("settings.md"), outcome.out());
    }

    @Test
    void anyOtherArgumentGivesTheUsageAndStatus2() {
        for (String[] args : new String[][] {{"--wrte"}, {"docs/settings.md"}, {"--write", "extra"}}) {
            CapturedRun outcome = run(args);
            assertEquals(2, outcome.status(), Arrays.toString(args));
            assertEquals("", outcome.out(), Arrays.toString(args));
            assertTrue(outcome.err().startsWith("rnnlab: ") && outcome.err().contains("Usage: ")
                    && outcome.err().contains("SettingsReference"),
                    outcome.err());
            assertTrue(Files.notExists(dir.resolve("settings.md")), "nothing written for " + Arrays.toString(args));
        }
    }

    private CapturedRun run(String... args) {
        return CapturedRun.of((a, io) -> SettingsReference.run(a, io, dir.resolve("settings.md")), dir.resolve("runs"),
                args);
    }

    /** A key's row of a reference table: its name and whether the default column says required. */
    private record Row(String key, boolean required) {
    }

    /** The keys the reading takes for a kind, as its unknown-key message lists them. */
    private record Accepted(List<String> required, List<String> optional) {
    }

    private static Accepted accepted(String kind, boolean onSpark) {
        String unknown = "no.such.key.anywhere";
        List<String> lines = List.of("experiment = " + kind, "engine = " + (onSpark ? "spark" : "local"),
                unknown + " = 1");
        String message;
        try {
            ExperimentSettings.from(SettingsFile.parse(Path.of("probe.properties"), lines), DataFiles.dataDir(),
                    TaskKinds.ALL);
            throw new AssertionError("a file with the key " + unknown + " was read");
        } catch (SettingsException e) {
            message = e.getMessage();
        }
        String marker = "; allowed keys: ";
        String optionally = " and, optionally, ";
        assertTrue(message.contains("unknown key '" + unknown + "'") && message.contains(marker)
                && message.contains(optionally), message);
        String listed = message.substring(message.indexOf(marker) + marker.length());
        int split = listed.indexOf(optionally);
        return new Accepted(List.of(listed.substring(0, split).split(", ")),
                List.of(listed.substring(split + optionally.length()).split(", ")));
    }

    private static Set<String> names(List<Row> rows, boolean required) {
        Set<String> names = new TreeSet<>();
        for (Row row : rows) {
            if (row.required() == required) {
                assertTrue(names.add(row.key()), "the reference lists " + row.key() + " twice for one kind");
            }
        }
        return names;
    }

    private static String kindHeading(String kind) {
        return SettingsReference.KIND_HEADING + "`" + kind + "`";
    }

    /** The rows of each table, by the heading above it, in the order of the document. */
    private static Map<String, List<Row>> sections(String markdown) {
        Map<String, List<Row>> sections = new LinkedHashMap<>();
        List<Row> current = null;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("#")) {
                current = new ArrayList<>();
                sections.put(line, current);
            } else if (line.startsWith("| `") && current != null) {
                List<String> cells = cells(line);
                String key = cells.get(0);
                current.add(new Row(key.substring(1, key.length() - 1), cells.get(2).equals("required")));
            }
        }
        return sections;
    }

    /** The cells of a table row, split at the pipes that are not escaped. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String inner = row.substring(1, row.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                cell.append(c).append(inner.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static boolean isSetting(String line, String key) {
        String text = line.strip();
        int eq = text.indexOf('=');
        return !text.startsWith("#") && eq > 0 && text.substring(0, eq).strip().equals(key);
    }

    private static ExperimentSettings read(Path file, List<String> lines) {
        return ExperimentSettings.from(SettingsFile.parse(file, lines), DataFiles.dataDir(), TaskKinds.ALL);
    }

    /** What a run does with the settings, without the text they were written as. */
    private static List<Object> view(ExperimentSettings settings) {
        return Arrays.asList(settings.network(), settings.training(), settings.task(), settings.checkpointEvery(),
                settings.statsEvery(), settings.implementations(), settings.spark());
    }
}

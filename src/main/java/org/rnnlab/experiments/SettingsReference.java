package org.rnnlab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.report.AtomicFiles;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.SparkSettings;
import org.rnnlab.lab.tasks.TaskKind;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.ExperimentRunner;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.SparkNetwork;

/**
 * The settings reference, docs/settings.md, generated from the key definitions the settings reading
 * uses ({@link SettingKey}): the common keys, the Spark keys and each task kind's keys, in the
 * order of {@link TaskKinds#ALL}. The same definitions always give the same text, byte for byte.
 *
 * <p>Without an argument it prints the Markdown; with {@value #WRITE} it writes docs/settings.md
 * (run from the project root). A test compares the committed file with this output, so a changed
 * key definition needs the file written again: {@value #REGENERATE}.
 */
public final class SettingsReference {

    /** The option that writes {@link #DOCUMENT} instead of printing. */
    static final String WRITE = "--write";

    /** The reference, relative to the project root. */
    static final Path DOCUMENT = Path.of("docs", "settings.md");

    /** The command that writes the reference again after a key definition changed. */
    static final String REGENERATE = "mvn -q compile exec:java -Dexec.mainClass=org.rnnlab.experiments.SettingsReference"
            + " -Dexec.args=--write";

    static final Usage USAGE = Usage.of(SettingsReference.class, "rnnlab", "Prints the settings reference, every"
                    + " key a settings file may hold, as Markdown generated from the key definitions in the code.")
            .note("The committed page is " + DOCUMENT + "; a test fails when it differs from what this prints.")
            .option(WRITE, "write it to " + DOCUMENT + " instead of printing it")
            .refuses(Experiments.UI, "it trains nothing")
            .refuses(Experiments.RESUME, "it trains nothing")
            .build();

    /** The heading of the keys every file has, whatever its kind. */
    static final String COMMON_HEADING = "## Keys of every experiment";
    /** The heading of the keys a file with {@code engine = spark} has. */
    static final String SPARK_HEADING = "## Spark keys";
    /** The heading of one task kind's keys: this prefix and the kind's name in backquotes. */
    static final String KIND_HEADING = "### ";

    private SettingsReference() {
    }

    public static void main(String[] args) {
        // no Experiments.main: nothing here loads ND4J, and stdout carries the Markdown alone
        int status = run(args, Invocation.standard());
        System.out.flush();
        System.err.flush();
        if (status != Experiments.OK) {
            System.exit(status);
        }
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return run(args, io, DOCUMENT);
    }

    /** As {@link #run(String[], Invocation)}, writing to {@code document} for {@value #WRITE}. */
    static int run(String[] args, Invocation io, Path document) {
        return USAGE.run(args, io, given -> {
            if (given.has(WRITE)) {
                AtomicFiles.writeText(document, markdown());
                io.out().println("wrote " + document);
            } else {
                io.out().print(markdown());
            }
            io.out().flush();
            return Experiments.OK;
        });
    }

    /** The whole reference as Markdown, lines ending in \n. */
    static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Settings reference\n\n");
        md.append("Every key a settings file may hold: what it takes, its default and what it controls. Back to the "
                + "[README](../README.md).\n\n");
        md.append("This page is generated from the key definitions in the code (`SettingKey`s in `ExperimentSettings`,"
                + " `SparkSettings` and each task kind of `lab.tasks`), the same ones the settings reading checks a "
                + "file against; do not edit it by hand. A test fails until it matches the code: after changing a "
                + "key, write it again with\n\n");
        md.append("```\n").append(REGENERATE).append("\n```\n\n");
        md.append("## Settings files\n\n");
        md.append("A settings file describes one experiment: the network, its training and its data. The reference "
                + "experiments are the files in `").append(Experiments.SETTINGS_DIR).append("/`, one per experiment;"
                + " to make your own, copy one of them, change it and run it, for example\n\n");
        md.append("```\nmvn -q compile exec:java -Dexec.args=\"").append(Experiments.SETTINGS_DIR)
                .append("/my-model.properties\"\n```\n\n");
        md.append("- One `key = value` per line; spaces around the key and the value are ignored.\n");
        md.append("- `#` starts a comment, on a line of its own or after a value (so a value cannot hold `#`).\n");
        md.append("- Blank lines are ignored.\n");
        md.append("- A key is required unless the tables below give it a default, so a file says everything about "
                + "its run.\n");
        md.append("- A key given twice, a line without `=`, an unknown key, a missing key or a bad value stops the "
                + "run before anything trains, with a message naming the file, the line, the key, the value and "
                + "what is allowed.\n");
        md.append("- Data paths are relative to `").append(DataFiles.DEFAULT_DATA_DIR).append("/` (or to `-D")
                .append(DataFiles.DATA_DIR_PROPERTY).append("=DIR`) and must stay inside it.\n\n");
        md.append("The file's name without its extension, NAME, names the experiment's runs: their folders are `")
                .append(runFolder(Dl4jNetwork.IMPLEMENTATION)).append("` and `")
                .append(runFolder(ScratchTrainable.IMPLEMENTATION)).append("` (with `engine = ")
                .append(ExperimentSettings.ENGINE_SPARK).append("` also `").append(runFolder(SparkNetwork.IMPLEMENTATION))
                .append("`; TIME as yyyyMMdd-HHmmss), and the results table's experiment column shows NAME without "
                        + "a trailing `-CELL` (`e2-sine-window-lstm.properties` is `e2-sine-window`, with `lstm` in the"
                        + " cell column).\n\n");
        md.append("A file has the keys of every experiment, the keys of its task kind (the one its `experiment` key "
                + "names) and, with `engine = ").append(ExperimentSettings.ENGINE_SPARK)
                .append("`, the Spark keys; no others.\n\n");

        md.append(COMMON_HEADING).append("\n\n");
        table(md, concat(ExperimentSettings.COMMON_KEYS, ExperimentSettings.OPTIONAL_KEYS));

        md.append(SPARK_HEADING).append("\n\n");
        md.append("Only in a file with `engine = ").append(ExperimentSettings.ENGINE_SPARK).append("`, and required"
                + " there: DL4J's network then also trains on Apache Spark by parameter averaging.\n\n");
        table(md, SparkSettings.KEYS);

        md.append("## Task kinds\n\n");
        md.append("The kinds a file's `experiment` key may name, and the keys each adds.\n\n");
        for (TaskKind<?> kind : TaskKinds.ALL) {
            md.append(KIND_HEADING).append('`').append(kind.name()).append("`\n\n");
            md.append("`experiment = ").append(kind.name()).append('`');
            if (!kind.formerNames().isEmpty()) {
                md.append(" (formerly ").append(String.join(", ", kind.formerNames().stream()
                        .map(name -> "`" + name + "`").toList())).append(", still read as this kind)");
            }
            md.append("\n\n");
            table(md, concat(kind.keys(), kind.optionalKeys()));
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static String runFolder(String implementation) {
        return ExperimentRunner.RUNS_ROOT.toString().replace('\\', '/') + "/NAME-" + implementation + "-TIME/";
    }

    private static List<SettingKey> concat(List<SettingKey> first, List<SettingKey> second) {
        List<SettingKey> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void table(StringBuilder md, List<SettingKey> keys) {
        if (keys.isEmpty()) {
            md.append("No keys of its own.\n\n");
            return;
        }
        md.append("| key | allowed values | default | meaning |\n");
        md.append("| --- | --- | --- | --- |\n");
        for (SettingKey key : keys) {
            md.append("| ").append(code(key.name()))
                    .append(" | ").append(cell(key.allowed()))
                    .append(" | ").append(key.defaultValue().map(SettingsReference::code).orElse("required"))
                    .append(" | ").append(cell(key.meaning()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /**
     * Text for a table cell: what Markdown would read as markup is escaped ({@code |} would end the
     * cell), and a line break becomes a space.
     */
    static String cell(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '|', '*', '`', '<', '[', ']' -> out.append('\\').append(c);
                // inside a word (fresh_test_accuracy) an underscore is no emphasis and stays as it is
                case '_' -> out.append(insideWord(text, i) ? "_" : "\\_");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean insideWord(String text, int i) {
        return i > 0 && i < text.length() - 1 && Character.isLetterOrDigit(text.charAt(i - 1))
                && Character.isLetterOrDigit(text.charAt(i + 1));
    }

    /** A literal value in a table cell, in backquotes; only {@code |} needs escaping there. */
    static String code(String text) {
        if (text.contains("`") || text.contains("\n") || text.isBlank()) {
            return cell(text);
        }
        return "`" + text.replace("|", "\\|") + "`";
    }
}

package org.rnnlab.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rnnlab.lab.report.ResultsTable;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.training.ExperimentRunner;

/** What the runnable classes share: run settings files, print the table, write it as CSV. */
final class Experiments {

    /** The settings folder, relative to the project root (the working directory of every run). */
    static final Path SETTINGS_DIR = Path.of("experiments");

    private Experiments() {
    }

    /** Settings files by name in {@link #SETTINGS_DIR}. */
    static List<Path> files(String... names) {
        return Arrays.stream(names).map(name -> SETTINGS_DIR.resolve(name + ".properties")).toList();
    }

    /** Work of a runnable class that reads input and writes results. */
    interface Job {
        void run() throws IOException;
    }

    /**
     * Runs {@code job}; bad input (settings, data, arguments) and failed writes end the process with
     * status 1 and a one-line message after {@code who}, instead of a stack trace.
     */
    static void exitOnError(String who, Job job) {
        try {
            job.run();
        } catch (SettingsException | IllegalArgumentException e) {
            System.err.println(who + ": " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println(who + ": could not write results: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the files, prints the results table and the CSV path; exits non-zero on bad input or divergence. */
    static void runAndReport(List<Path> settingsFiles) {
        exitOnError("rnnlab", () -> {
            ResultsTable table = ExperimentRunner.run(settingsFiles);
            Path csv = ExperimentRunner.writeCsv(table);
            System.out.println();
            System.out.println(table.render());
            System.out.println("Results table: " + csv + "; run folders: " + ExperimentRunner.RUNS_ROOT);
            if (table.rows().stream().anyMatch(row -> !row.isOk())) {
                System.exit(2);
            }
        });
    }

    /** The given settings files if any were named on the command line, else the defaults. */
    static List<Path> filesOrDefaults(String[] args, List<Path> defaults) {
        if (args.length == 0) {
            return defaults;
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            files.add(Path.of(arg));
        }
        return files;
    }
}

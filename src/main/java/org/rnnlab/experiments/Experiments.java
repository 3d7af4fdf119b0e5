package org.rnnlab.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rnnlab.lab.ExperimentRunner;
import org.rnnlab.lab.report.ResultsTable;
import org.rnnlab.lab.settings.SettingsException;

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

    /** Runs the files, prints the results table and the CSV path; exits non-zero on bad input or divergence. */
    static void runAndReport(List<Path> settingsFiles) {
        try {
            ResultsTable table = ExperimentRunner.run(settingsFiles);
            Path csv = ExperimentRunner.writeCsv(table);
            System.out.println();
            System.out.println(table.render());
            System.out.println("Results table: " + csv + "; run folders: " + ExperimentRunner.RUNS_ROOT);
            if (table.rows().stream().anyMatch(row -> !row.isOk())) {
                System.exit(2);
            }
        } catch (SettingsException | IllegalArgumentException e) {
            System.err.println("rnnlab: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("rnnlab: could not write results: " + e.getMessage());
            System.exit(1);
        }
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

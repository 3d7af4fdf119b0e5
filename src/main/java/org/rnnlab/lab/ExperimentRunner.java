package org.rnnlab.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.report.ResultsTable;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs settings files one after another and collects one results table. A run that diverges is
 * recorded as such (no numbers) and the others still run.
 */
public final class ExperimentRunner {

    /** Where run folders and results tables go (outside version control). */
    public static final Path RUNS_ROOT = Path.of("target", "runs");

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    private ExperimentRunner() {
    }

    /**
     * Trains every settings file with DL4J and returns the table; settings are all validated before
     * the first training starts, so a typo in the last file does not cost the first file's run.
     */
    public static ResultsTable run(List<Path> settingsFiles) throws IOException {
        Path dataDir = DataFiles.dataDir();
        List<ExperimentSettings> experiments = settingsFiles.stream()
                .map(file -> ExperimentSettings.load(file, dataDir))
                .toList();
        ResultsTable table = new ResultsTable();
        for (ExperimentSettings settings : experiments) {
            long start = System.nanoTime();
            try {
                table.add(Dl4jTrainer.run(settings, RUNS_ROOT).row());
            } catch (TrainingDivergedException e) {
                LOG.error(e.getMessage());
                table.add(new ResultRow(RunLabels.experiment(settings), settings.network().cell().key(),
                        Dl4jTrainer.IMPLEMENTATION, Map.of(), (System.nanoTime() - start) / 1e9,
                        "diverged at epoch " + e.epoch()));
            }
        }
        return table;
    }

    /** Writes the table as CSV beside the run folders and returns the file. */
    public static Path writeCsv(ResultsTable table) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = RUNS_ROOT.resolve("results-" + stamp + ".csv");
        java.nio.file.Files.createDirectories(RUNS_ROOT);
        table.writeCsv(file);
        return file;
    }
}

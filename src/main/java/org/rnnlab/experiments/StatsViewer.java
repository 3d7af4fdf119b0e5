package org.rnnlab.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.rnnlab.data.files.Snippet;
import org.rnnlab.lab.training.TrainingStats;
import org.rnnlab.lab.training.TrainingUi;

/**
 * Opens finished (or running) runs in DL4J's training UI, on this machine only: each argument is a
 * run folder, or the {@value TrainingStats#FILE} file in one. DL4J and scratch runs of the same
 * experiment can be opened together and compared page by page (score, update:parameter ratios,
 * histograms, model). Port 9000, or {@code -Dorg.deeplearning4j.ui.port=N}; Ctrl-C stops it.
 */
public final class StatsViewer {

    static final Usage USAGE = Usage.of(StatsViewer.class, "rnnlab", "Opens finished (or running) runs in DL4J's"
                    + " training UI, on this machine only, so that DL4J and scratch runs of the same experiment can be"
                    + " compared page by page.")
            .note("The UI listens on http://" + TrainingUi.HOST + ":" + TrainingUi.DEFAULT_PORT + " (-D"
                    + TrainingUi.PORT_PROPERTY + "=N for another port) until Ctrl-C.")
            .operands("RUN_FOLDER...", Usage.Value.TEXT, 1, Integer.MAX_VALUE, "a run folder, or the "
                    + TrainingStats.FILE + " file in one (a run writes it unless trained with stats.every = 0 or on"
                    + " Spark)")
            .refuses(Experiments.UI, "it always opens the training UI")
            .refuses(Experiments.RESUME, "it trains nothing")
            .status(Signals.SIGINT_STATUS, "the usual end: Ctrl-C (SIGINT) stopped the UI")
            .build();

    private StatsViewer() {
    }

    public static void main(String[] args) {
        Experiments.main(args, StatsViewer::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return USAGE.run(args, io, given -> {
            List<StatsStorage> storages = new ArrayList<>();
            for (Path file : statsFiles(given.operands().toArray(String[]::new))) {
                storages.add(new FileStatsStorage(file.toFile()));
            }
            return Experiments.withUi(USAGE.who(), io, storages, () -> Experiments.OK);
        });
    }

    /**
     * The stats file of every argument.
     *
     * @throws BadArguments naming the argument that has none
     */
    static List<Path> statsFiles(String[] args) {
        if (args.length == 0) {
            throw new BadArguments("name one or more run folders (or their " + TrainingStats.FILE
                    + " files) to open in the training UI, e.g. target/runs/e2-sine-window-lstm-dl4j-20261128-101500");
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            Path file = Files.isDirectory(path) ? path.resolve(TrainingStats.FILE) : path;
            if (!Files.isRegularFile(file)) {
                throw new BadArguments(Files.isDirectory(path)
                        ? "run folder " + Snippet.of(arg) + " has no " + TrainingStats.FILE + " (it was trained with "
                        + "stats.every = 0, on Spark, or before runs recorded it)"
                        : "no run folder or stats file " + Snippet.of(arg));
            }
            if (!file.getFileName().toString().equals(TrainingStats.FILE)) {
                throw new BadArguments(Snippet.of(arg) + " is not a training stats file ("
                        + TrainingStats.FILE + ")");
            }
            files.add(file);
        }
        return files;
    }
}

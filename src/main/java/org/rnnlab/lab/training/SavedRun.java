package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.rnnlab.data.files.IoErrors;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.FinalMetrics;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.Predictor;
import org.rnnlab.lab.tasks.Sampler;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.tasks.Task;
import org.rnnlab.lab.tasks.TaskKinds;

/**
 * A finished run folder opened again: its settings (the copy the trainer wrote, data paths resolved
 * against the data directory as in training) and its trained network, whichever implementation
 * saved it, as a {@link SequenceModel}. From these it predicts on new input files and recomputes the
 * run's own final metrics.
 */
public final class SavedRun {

    /** The DL4J network's file in a run folder (ModelSerializer). */
    public static final String DL4J_MODEL = "model.zip";

    /** The scratch network's folder of .npy parameter files in a run folder. */
    public static final String SCRATCH_PARAMETERS = "parameters";

    private final Path folder;
    private final ExperimentSettings settings;
    private final Implementation implementation;

    private SavedRun(Path folder, ExperimentSettings settings, Implementation implementation) {
        this.folder = folder;
        this.settings = settings;
        this.implementation = implementation;
    }

    /**
     * Opens a finished run folder.
     *
     * @throws IllegalArgumentException when the folder is missing, unfinished ({@code .incomplete}),
     *                                  or lacks its settings or saved network
     * @throws org.rnnlab.lab.settings.SettingsException when its settings no longer read
     */
    public static SavedRun open(Path folder, Path dataDir) {
        // double precision before anything reads data: the forecast kind's normaliser is fitted in
        // ND4J's default type, which training set to double too
        Backend.configure();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("run folder " + folder + " not found; a run folder is one of the "
                    + "folders a training leaves under target/runs/");
        }
        if (folder.getFileName().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX)) {
            throw new IllegalArgumentException("run folder " + folder + " is of a run that did not finish (its name ends"
                    + " in " + RunFolder.INCOMPLETE_SUFFIX + "); predict from a finished run");
        }
        Path settingsFile = folder.resolve(Trainer.SETTINGS);
        if (!Files.isRegularFile(settingsFile)) {
            boolean saved = Files.exists(folder.resolve(DL4J_MODEL)) || Files.exists(folder.resolve(SCRATCH_PARAMETERS));
            throw new IllegalArgumentException(saved
                    ? "run folder " + folder + " has no " + Trainer.SETTINGS + ": it was written before run folders "
                            + "kept their settings; train it again"
                    : folder + " is not a run folder (it has neither " + Trainer.SETTINGS + " nor a saved network); "
                            + "run folders are the folders a training leaves under target/runs/");
        }
        Implementation implementation;
        if (Files.isRegularFile(folder.resolve(DL4J_MODEL))) {
            implementation = Implementation.DL4J;
        } else if (Files.isDirectory(folder.resolve(SCRATCH_PARAMETERS))) {
            implementation = Implementation.SCRATCH;
        } else {
            throw new IllegalArgumentException("run folder " + folder + " holds neither " + DL4J_MODEL + " (DL4J) nor "
                    + SCRATCH_PARAMETERS + "/ (scratch): no trained network to load");
        }
        try {
            return new SavedRun(folder, Trainer.settingsOf(folder, dataDir), implementation);
        } catch (IOException e) {
            throw new IllegalArgumentException("run folder " + folder + ": " + Trainer.RUN + " cannot be read: "
                    + IoErrors.reason(e), e);
        }
    }

    public Path folder() {
        return folder;
    }

    public ExperimentSettings settings() {
        return settings;
    }

    /** Which implementation trained and saved the network. */
    public Implementation implementation() {
        return implementation;
    }

    /** The saved network, loaded afresh. */
    public SequenceModel model() throws IOException {
        return switch (implementation) {
            case DL4J -> dl4jModel();
            case SCRATCH -> ScratchTrainable.load(settings, folder.resolve(SCRATCH_PARAMETERS)).model();
        };
    }

    /** The saved network's parameters, flat, in DL4J's order and layout. */
    public double[] trainedParameters() throws IOException {
        return switch (implementation) {
            case DL4J -> restoreDl4j().params().toDoubleVector();
            case SCRATCH -> ScratchTrainable.load(settings, folder.resolve(SCRATCH_PARAMETERS)).parameters();
        };
    }

    private SequenceModel dl4jModel() throws IOException {
        return new Dl4jModel(restoreDl4j());
    }

    /** The saved DL4J network; a file that cannot be read is named (a cut-off zip says only "ZLIB"). */
    private MultiLayerNetwork restoreDl4j() throws IOException {
        Backend.configure();
        Path file = folder.resolve(DL4J_MODEL);
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof IOException io ? IoErrors.reason(io) : String.valueOf(e.getMessage());
            throw new IOException("cannot read the saved network " + file + " (" + Files.size(file) + " bytes): "
                    + reason + "; the file is damaged or cut short, so the run must be trained again", e);
        }
    }

    /** The run's kind's predictor, with the artefacts its folder keeps. */
    public Predictor predictor() {
        return TaskKinds.predictor(settings, folder);
    }

    /** The run's kind's sampler (character models), with the vocabulary its folder keeps. */
    public Sampler sampler() {
        return TaskKinds.sampler(settings, folder);
    }

    /** The final metrics the run reported, at full precision. */
    public Map<String, Double> reportedMetrics() throws IOException {
        Path file = folder.resolve(FinalMetrics.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("run folder " + folder + " has no " + FinalMetrics.FILE
                    + ": it was written before run folders kept their final metrics; train it again");
        }
        return FinalMetrics.read(file);
    }

    /**
     * The run's final metrics computed again from the saved network on the run's own data, by the
     * same evaluation code the run used (its plots go to a temporary folder, deleted afterwards).
     */
    public Map<String, Double> recomputeMetrics() throws IOException {
        Task task = TaskKinds.task(settings);
        MetricsLog log = MetricsLog.read(folder.resolve("metrics.csv"));
        SequenceModel model = model();
        Path scratch = Files.createTempDirectory("rnnlab-evaluate");
        try {
            RunFolder plots = RunFolder.create(scratch, "evaluate");
            return new LinkedHashMap<>(task.finish(model, log, plots, RunLabels.label(settings,
                    implementation.key())).metrics());
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}

package org.rnnlab.lab.training;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.rnnlab.bridge.NpyArray;
import org.rnnlab.bridge.NpyFormat;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.NumberFormats;

/**
 * Everything a run needs to go on training exactly where it was: where in the data it stood, the
 * network with its updater state and counters (see {@link TrainableNetwork#writeState}), the metrics
 * logged so far, the early-stopping state with the best parameters, the task's own state, and the
 * time spent fitting.
 *
 * <p>A run folder keeps its checkpoints in {@value #FOLDER}/, one folder each, named by position
 * ({@code epoch-000010-minibatch-000000}). A checkpoint is written into a hidden folder
 * ({@code .writing-...}) and renamed into place in one step once every file in it is on disk; only
 * then are older checkpoints deleted. The newest complete checkpoint is therefore never touched
 * while another is written, and a crash at any instant leaves at least one intact (or none, before
 * the first). A hidden folder left by a crash is ignored, and deleted on resume.
 *
 * @param epochsDone       epochs trained completely, their evaluation and early-stopping step included
 * @param minibatchesDone  minibatches of the next epoch already trained (0 at an epoch's end)
 * @param fitNanos         time spent fitting so far
 * @param bestEpoch        the epoch of the best held-out metric so far, 0 if none (or no early stopping)
 * @param bestValue        that metric's value, +infinity if none
 * @param bestParameters   the parameters at {@code bestEpoch}, or null
 * @param log              the per-epoch metrics logged so far
 * @param taskState        the task's state ({@link org.rnnlab.lab.tasks.Task#checkpointState()})
 */
public record Checkpoint(int epochsDone, int minibatchesDone, long fitNanos, int bestEpoch, double bestValue,
                         double[] bestParameters, MetricsLog log, String taskState) {

    /** The folder of a run folder that holds its checkpoints. */
    public static final String FOLDER = "checkpoints";

    private static final String PROPERTIES = "checkpoint.properties";
    private static final String METRICS = "metrics.csv";
    private static final String BEST = "best-parameters.npy";
    private static final String TASK = "task-state.txt";
    private static final String NETWORK = "network";
    private static final String WRITING = ".writing-";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{6,})-minibatch-(\\d{6,})");

    public Checkpoint {
        if (epochsDone < 0 || minibatchesDone < 0 || fitNanos < 0) {
            throw new IllegalArgumentException("a checkpoint's position and time cannot be negative: epoch "
                    + epochsDone + ", minibatch " + minibatchesDone + ", " + fitNanos + " ns");
        }
    }

    /** The folder name of a checkpoint at this position. */
    public String name() {
        return String.format("epoch-%06d-minibatch-%06d", epochsDone, minibatchesDone);
    }

    /** Where the position is, in words: "after epoch 10" or "in epoch 11, after 5 minibatch(es)". */
    public String where() {
        return minibatchesDone == 0 ? "after epoch " + epochsDone
                : "in epoch " + (epochsDone + 1) + ", after " + minibatchesDone + " minibatch(es)";
    }

    /**
     * Writes this checkpoint and {@code network}'s state under {@code runDir}/{@value #FOLDER}/, then
     * deletes the older ones.
     *
     * @return the new checkpoint's folder
     */
    public Path write(Path runDir, TrainableNetwork network) throws IOException {
        Path root = runDir.resolve(FOLDER);
        Files.createDirectories(root);
        Path target = root.resolve(name());
        if (Files.isRegularFile(target.resolve(PROPERTIES))) {
            // this very position is saved already (a stop right after a scheduled checkpoint)
            return target;
        }
        Path writing = root.resolve(WRITING + name());
        deleteTree(writing);
        Files.createDirectory(writing);
        Properties properties = new Properties();
        properties.setProperty("implementation", network.implementation());
        properties.setProperty("epochs.done", Integer.toString(epochsDone));
        properties.setProperty("minibatches.done", Integer.toString(minibatchesDone));
        properties.setProperty("fit.nanos", Long.toString(fitNanos));
        properties.setProperty("best.epoch", Integer.toString(bestEpoch));
        properties.setProperty("best.value", NumberFormats.exact(bestValue));
        StringWriter text = new StringWriter();
        properties.store(text, "rnnlab checkpoint: where training stood " + where());
        Files.writeString(writing.resolve(PROPERTIES), text.toString(), StandardCharsets.UTF_8);
        log.writeCsv(writing.resolve(METRICS));
        Files.writeString(writing.resolve(TASK), taskState, StandardCharsets.UTF_8);
        if (bestParameters != null) {
            NpyFormat.write(writing.resolve(BEST), new NpyArray(new int[] {bestParameters.length}, bestParameters));
        }
        Path networkDir = writing.resolve(NETWORK);
        Files.createDirectory(networkDir);
        network.writeState(networkDir);
        forceTreeToDisk(writing);
        deleteTree(target);
        Files.move(writing, target, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> all = Files.list(root)) {
            for (Path older : all.filter(p -> !p.equals(target) && !p.getFileName().toString().startsWith(WRITING))
                    .toList()) {
                deleteTree(older);
            }
        }
        return target;
    }

    /** The newest complete checkpoint of a run folder, if it has one; folders still being written do not count. */
    public static Optional<Path> newest(Path runDir) throws IOException {
        Path root = runDir.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(root)) {
            return all.filter(dir -> NAME.matcher(dir.getFileName().toString()).matches()
                            && Files.isRegularFile(dir.resolve(PROPERTIES)))
                    .max(Comparator.comparingLong(Checkpoint::order));
        }
    }

    /**
     * Deletes what an interrupted checkpoint write left in a run folder (its hidden folder); returns
     * how many there were. Only for a run that is not going on.
     */
    public static int deletePartial(Path runDir) throws IOException {
        Path root = runDir.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> all = Files.list(root)) {
            for (Path dir : all.filter(p -> p.getFileName().toString().startsWith(WRITING)).toList()) {
                deleteTree(dir);
                deleted++;
            }
        }
        return deleted;
    }

    private static long order(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(dir + " is not a checkpoint folder");
        }
        return Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2));
    }

    /** The implementation ("dl4j", "scratch") whose state a checkpoint folder holds. */
    public static String implementationOf(Path dir) throws IOException {
        return properties(dir).getProperty("implementation", "");
    }

    /**
     * Reads a checkpoint folder back, with its network state into {@code network}.
     *
     * @throws IOException if a file is missing or unreadable
     */
    public static Checkpoint read(Path dir, TrainableNetwork network) throws IOException {
        Properties properties = properties(dir);
        String implementation = properties.getProperty("implementation", "");
        if (!implementation.equals(network.implementation())) {
            throw new IOException("checkpoint " + dir + " holds a " + implementation + " network, not "
                    + network.implementation());
        }
        network.readState(dir.resolve(NETWORK));
        double[] best = Files.isRegularFile(dir.resolve(BEST)) ? NpyFormat.read(dir.resolve(BEST)).values() : null;
        try {
            return new Checkpoint(Integer.parseInt(properties.getProperty("epochs.done")),
                    Integer.parseInt(properties.getProperty("minibatches.done")),
                    Long.parseLong(properties.getProperty("fit.nanos")),
                    Integer.parseInt(properties.getProperty("best.epoch")),
                    Double.parseDouble(properties.getProperty("best.value")), best,
                    MetricsLog.read(dir.resolve(METRICS)),
                    Files.readString(dir.resolve(TASK), StandardCharsets.UTF_8));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IOException("checkpoint " + dir + " has a damaged " + PROPERTIES + ": " + e.getMessage(), e);
        }
    }

    private static Properties properties(Path dir) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new StringReader(Files.readString(dir.resolve(PROPERTIES), StandardCharsets.UTF_8))) {
            properties.load(in);
        }
        return properties;
    }

    /** Flushes every file under {@code dir} to the disk, so the rename that follows publishes whole files. */
    private static void forceTreeToDisk(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}

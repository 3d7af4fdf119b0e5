package org.rnnlab.lab.training;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.rnnlab.bridge.NpyArray;
import org.rnnlab.bridge.NpyFormat;
import org.rnnlab.data.files.IoErrors;
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
 * <p>Each checkpoint's last file is {@value #MANIFEST}: the size and SHA-256 of every other file in
 * it, and the digests of what the run depends on ({@link RunInputs}: the settings text and the data
 * files). Reading a checkpoint checks every file against it and refuses one that changed since,
 * naming it; a resume compares the inputs too.
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
    /** The file written last into a checkpoint: every other file's size and digest, and the run's inputs. */
    public static final String MANIFEST = "manifest.properties";
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
     * Writes this checkpoint and {@code network}'s state under {@code runDir}/{@value #FOLDER}/, with
     * its manifest of every file and of {@code inputs}, then deletes the older ones.
     *
     * @return the new checkpoint's folder
     */
    public Path write(Path runDir, TrainableNetwork network, RunInputs inputs) throws IOException {
        try {
            return writeUnder(runDir, network, inputs);
        } catch (IOException e) {
            if (e instanceof FileSystemException named && named.getFile() != null) {
                throw e;
            }
            // a full disk says only "No space left on device": name what was being written
            throw new FileSystemException(runDir.resolve(FOLDER).resolve(name()).toString(), null,
                    "writing a checkpoint: " + IoErrors.reason(e));
        }
    }

    private Path writeUnder(Path runDir, TrainableNetwork network, RunInputs inputs) throws IOException {
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
        writeManifest(writing, inputs);
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

    /**
     * The newest complete checkpoint of a run folder, if it has one; folders still being written, and
     * checkpoints without a manifest, do not count.
     */
    public static Optional<Path> newest(Path runDir) throws IOException {
        Path root = runDir.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(root)) {
            return all.filter(dir -> NAME.matcher(dir.getFileName().toString()).matches()
                            && Files.isRegularFile(dir.resolve(PROPERTIES)) && Files.isRegularFile(dir.resolve(MANIFEST)))
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
     * Reads a checkpoint folder back, with its network state into {@code network}, once every file
     * is as its manifest says.
     *
     * @throws IOException if a file is missing, unreadable or not as the manifest says (the message names it)
     */
    public static Checkpoint read(Path dir, TrainableNetwork network) throws IOException {
        verify(dir);
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

    /** What the run depended on when the checkpoint was written ({@link RunInputs}), from its manifest. */
    public static RunInputs inputsOf(Path dir) throws IOException {
        return RunInputs.load(load(dir.resolve(MANIFEST))).orElseThrow(() -> new IOException("checkpoint " + dir
                + ": its " + MANIFEST + " does not say what the run depended on; it is damaged"));
    }

    /** The manifest: the size and digest of every file in the folder, then the run's inputs. */
    private static void writeManifest(Path dir, RunInputs inputs) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).sorted().toList();
        }
        Properties manifest = new Properties();
        manifest.setProperty("files", Integer.toString(files.size()));
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            manifest.setProperty("file." + i + ".path", dir.relativize(file).toString().replace('\\', '/'));
            manifest.setProperty("file." + i + ".size", Long.toString(Files.size(file)));
            manifest.setProperty("file." + i + ".sha256", RunInputs.digest(file));
        }
        inputs.store(manifest);
        StringWriter text = new StringWriter();
        manifest.store(text, "rnnlab checkpoint manifest: every file's size and SHA-256, and the run's inputs");
        Files.writeString(dir.resolve(MANIFEST), text.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Checks every file a checkpoint's manifest lists: there, of its size and its digest.
     *
     * @throws IOException naming the first file that is not
     */
    public static void verify(Path dir) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("checkpoint " + dir + " has no " + MANIFEST + " (its writing was cut off, or an "
                    + "older rnnlab wrote it); it cannot be checked, so it is not used");
        }
        Properties manifest = load(manifestFile);
        int count;
        try {
            count = Integer.parseInt(manifest.getProperty("files", ""));
        } catch (NumberFormatException e) {
            throw new IOException("checkpoint " + dir + ": " + manifestFile + " is damaged (no file count), so the "
                    + "checkpoint is not used");
        }
        for (int i = 0; i < count; i++) {
            String name = manifest.getProperty("file." + i + ".path");
            String size = manifest.getProperty("file." + i + ".size");
            String sha = manifest.getProperty("file." + i + ".sha256");
            if (name == null || size == null || sha == null) {
                throw new IOException("checkpoint " + dir + ": " + manifestFile + " is damaged (entry " + i
                        + "), so the checkpoint is not used");
            }
            Path file = dir.resolve(name);
            String problem = null;
            if (!Files.isRegularFile(file)) {
                problem = "is missing";
            } else if (Files.size(file) != Long.parseLong(size)) {
                problem = "is " + Files.size(file) + " bytes where the manifest says " + size;
            } else if (!RunInputs.digest(file).equals(sha)) {
                problem = "does not have the content the manifest's digest says";
            }
            if (problem != null) {
                throw new IOException("checkpoint " + dir + ": " + file + " " + problem
                        + "; it was damaged after the checkpoint was written, so the checkpoint is not used");
            }
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            properties.load(in);
        }
        return properties;
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

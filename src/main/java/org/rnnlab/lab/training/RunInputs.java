package org.rnnlab.lab.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.rnnlab.lab.settings.ExperimentSettings;

/**
 * What a run's training depends on besides its own state: the settings text and every data file
 * the task reads (a folder: every file in it), each as a SHA-256 digest. A checkpoint records them,
 * and a resume refuses to go on when one has changed since: a run trained on two data sets, or
 * with two learning rates, would look like one.
 *
 * @param settingsDigest the digest of the settings text the run folder keeps
 * @param dataFiles      the data files and folders, in the order the settings give them
 * @param dataDigests    their digests, in the same order
 */
public record RunInputs(String settingsDigest, List<Path> dataFiles, List<String> dataDigests) {

    private static final String SETTINGS = "input.settings.sha256";
    private static final String COUNT = "input.data.count";

    public RunInputs {
        dataFiles = List.copyOf(dataFiles);
        dataDigests = List.copyOf(dataDigests);
        if (dataFiles.size() != dataDigests.size()) {
            throw new IllegalArgumentException("one digest per data file: " + dataFiles.size() + " files, "
                    + dataDigests.size() + " digests");
        }
    }

    /** The digests of {@code settings}' text and data as they are now. */
    public static RunInputs of(ExperimentSettings settings) throws IOException {
        List<Path> files = settings.task().dataFiles();
        List<String> digests = new ArrayList<>(files.size());
        for (Path file : files) {
            digests.add(digest(file));
        }
        return new RunInputs(sha256(settings.fileText().getBytes(StandardCharsets.UTF_8)), files, digests);
    }

    /** Writes these inputs into {@code properties}. */
    void store(Properties properties) {
        properties.setProperty(SETTINGS, settingsDigest);
        properties.setProperty(COUNT, Integer.toString(dataFiles.size()));
        for (int i = 0; i < dataFiles.size(); i++) {
            properties.setProperty("input.data." + i + ".path", dataFiles.get(i).toString());
            properties.setProperty("input.data." + i + ".sha256", dataDigests.get(i));
        }
    }

    /** The inputs {@link #store} wrote, or empty if {@code properties} holds none. */
    static Optional<RunInputs> load(Properties properties) {
        String settings = properties.getProperty(SETTINGS);
        String count = properties.getProperty(COUNT);
        if (settings == null || count == null) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        try {
            for (int i = 0; i < Integer.parseInt(count); i++) {
                files.add(Path.of(properties.getProperty("input.data." + i + ".path")));
                digests.add(properties.getProperty("input.data." + i + ".sha256"));
            }
        } catch (NullPointerException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new RunInputs(settings, files, digests));
    }

    /**
     * What changed from {@code recorded} (a checkpoint's) to these inputs, as a sentence naming the
     * file, or empty if nothing did.
     *
     * @param settingsFile the run folder's settings file, which the settings text came from
     */
    public Optional<String> changedSince(RunInputs recorded, Path settingsFile) {
        if (!settingsDigest.equals(recorded.settingsDigest)) {
            return Optional.of(settingsFile + " changed since the checkpoint was written");
        }
        if (dataFiles.size() != recorded.dataFiles.size()) {
            return Optional.of("the settings now name " + dataFiles.size() + " data file(s), the checkpoint's "
                    + recorded.dataFiles.size());
        }
        for (int i = 0; i < dataFiles.size(); i++) {
            if (!dataDigests.get(i).equals(recorded.dataDigests.get(i))) {
                return Optional.of("data " + (Files.isDirectory(dataFiles.get(i)) ? "folder " : "file ")
                        + dataFiles.get(i) + " changed since the checkpoint was written");
            }
        }
        return Optional.empty();
    }

    /** The SHA-256 of a file, or of a folder's files (their paths inside it and their contents, in name order). */
    static String digest(Path file) throws IOException {
        MessageDigest digest = newDigest();
        if (Files.isDirectory(file)) {
            List<Path> files;
            try (Stream<Path> all = Files.walk(file)) {
                files = all.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path each : files) {
                digest.update(file.relativize(each).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                update(digest, each);
            }
        } else {
            update(digest, file);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of {@code bytes}, in hex. */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

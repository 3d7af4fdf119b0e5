package org.rnnlab.lab.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder one run writes its results to. While the run is going the folder is named
 * {@code <runName>-<yyyyMMdd-HHmmss>.incomplete}; {@link #complete()} renames it in one step to drop
 * the suffix. A folder still ending in {@code .incomplete} is therefore a run that was interrupted,
 * and every file inside is written atomically, so no file in either kind of folder is half-written.
 */
public final class RunFolder {

    private static final Logger log = LoggerFactory.getLogger(RunFolder.class);

    /** Suffix of a folder whose run has not finished. */
    public static final String INCOMPLETE_SUFFIX = ".incomplete";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** More runs of one name within one second than this means something is looping. */
    private static final int MAX_SAME_SECOND_RUNS = 1000;

    private Path dir;
    private boolean complete;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** Creates the folder of a run starting now, by the system clock in the default time zone. */
    public static RunFolder create(Path runsRoot, String runName) throws IOException {
        return create(runsRoot, runName, Clock.systemDefaultZone());
    }

    /**
     * Creates {@code runsRoot/<runName>-<yyyyMMdd-HHmmss>.incomplete/}, the time taken from
     * {@code clock} in its zone. If a run of that name and second exists (finished or not), the name
     * gets {@code -2}, {@code -3}, ... before the suffix.
     *
     * @param runName letters, digits, '.', '_' and '-', starting with a letter or digit
     */
    public static RunFolder create(Path runsRoot, String runName, Clock clock) throws IOException {
        Objects.requireNonNull(runsRoot, "runsRoot");
        Objects.requireNonNull(clock, "clock");
        if (runName == null || !RUN_NAME.matcher(runName).matches()) {
            throw new IllegalArgumentException("Run name '" + runName
                    + "' is not usable as a folder name: use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        Path root = runsRoot.toAbsolutePath().normalize();
        Files.createDirectories(root);
        String stem = runName + "-" + LocalDateTime.now(clock).format(TIMESTAMP);
        for (int attempt = 1; attempt <= MAX_SAME_SECOND_RUNS; attempt++) {
            String finalName = attempt == 1 ? stem : stem + "-" + attempt;
            if (Files.exists(root.resolve(finalName))) {
                continue;
            }
            Path incomplete = root.resolve(finalName + INCOMPLETE_SUFFIX);
            try {
                Files.createDirectory(incomplete);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            log.debug("Run folder {}", incomplete);
            return new RunFolder(incomplete);
        }
        throw new IOException("Could not create a folder for run '" + runName + "' in " + root + ": "
                + MAX_SAME_SECOND_RUNS + " folders named " + stem + "[-n] already exist");
    }

    /**
     * An existing folder of a run that did not finish (named {@code ...incomplete}), to go on writing
     * into it.
     *
     * @throws IllegalArgumentException if it is missing or not such a folder
     */
    public static RunFolder reopen(Path incompleteDir) {
        Objects.requireNonNull(incompleteDir, "incompleteDir");
        Path dir = incompleteDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run folder " + incompleteDir + " not found");
        }
        if (!dir.getFileName().toString().endsWith(INCOMPLETE_SUFFIX)) {
            throw new IllegalArgumentException("run folder " + incompleteDir + " is of a finished run (its name does not"
                    + " end in " + INCOMPLETE_SUFFIX + "); only an interrupted run can be resumed");
        }
        return new RunFolder(dir);
    }

    /** The folder as it is named now: with the suffix until {@link #complete()}, without after. */
    public Path dir() {
        return dir;
    }

    /** Whether {@link #complete()} has been called. */
    public boolean isComplete() {
        return complete;
    }

    /**
     * The path of a file in this folder.
     *
     * @param name a relative path that stays inside the folder, e.g. {@code metrics.csv} or
     *             {@code plots/loss.png}
     */
    public Path file(String name) {
        Objects.requireNonNull(name, "name");
        Path relative = Path.of(name);
        Path resolved = dir.resolve(relative).normalize();
        if (name.isBlank() || relative.isAbsolute() || !resolved.startsWith(dir) || resolved.equals(dir)) {
            throw new IllegalArgumentException("File name '" + name + "' must be a relative path inside the run folder " + dir);
        }
        return resolved;
    }

    /** Atomically writes {@code text} (UTF-8) to {@code name} in this folder; returns the file's path. */
    public Path writeText(String name, String text) throws IOException {
        Path target = writableFile(name);
        AtomicFiles.writeText(target, text);
        return target;
    }

    /** Atomically writes {@code bytes} to {@code name} in this folder; returns the file's path. */
    public Path writeBytes(String name, byte[] bytes) throws IOException {
        Path target = writableFile(name);
        AtomicFiles.writeBytes(target, bytes);
        return target;
    }

    /** Lets {@code writer} write {@code name} in this folder atomically (see {@link AtomicFiles#write}). */
    public Path write(String name, PathWriter writer) throws IOException {
        Path target = writableFile(name);
        AtomicFiles.write(target, writer);
        return target;
    }

    /**
     * Marks the run finished by renaming the folder, in one step, to its name without
     * {@code .incomplete}. Call it once, after the last file is written.
     *
     * @return the folder's final path
     */
    public Path complete() throws IOException {
        if (complete) {
            throw new IllegalStateException("Run folder " + dir + " is already complete");
        }
        String incompleteName = dir.getFileName().toString();
        Path finalDir = dir.resolveSibling(incompleteName.substring(0, incompleteName.length() - INCOMPLETE_SUFFIX.length()));
        if (Files.exists(finalDir)) {
            throw new IOException("Cannot complete run folder " + dir + ": " + finalDir + " already exists");
        }
        Files.move(dir, finalDir, StandardCopyOption.ATOMIC_MOVE);
        dir = finalDir;
        complete = true;
        log.debug("Run complete: {}", finalDir);
        return finalDir;
    }

    private Path writableFile(String name) {
        if (complete) {
            throw new IllegalStateException("Run folder " + dir + " is complete; its files are final, cannot write " + name);
        }
        return file(name);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}

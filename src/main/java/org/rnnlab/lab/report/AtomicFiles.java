package org.rnnlab.lab.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.rnnlab.data.files.IoErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never a
 * half-written file: the content goes to a temporary file in the same directory, is flushed to
 * disk, and is then renamed over the target in one step.
 *
 * <p>Temporary files are named {@code .tmp-<random>-<target name>}: hidden, plainly temporary, and
 * ending with the target's name so that writers which append a missing extension (XChart's
 * {@code BitmapEncoder} adds ".png") find it already there. If a writer fails, the temporary file is
 * deleted and the target is left as it was.
 */
public final class AtomicFiles {

    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);

    /** Prefix of every temporary file; a name with it is never a finished result. */
    private static final String TEMP_PREFIX = ".tmp-";

    /**
     * Temporary files being written now. If the JVM exits meanwhile (a signal, System.exit from
     * another thread), a shutdown hook deletes them, so no empty or half-written temporary file is
     * left in a run folder.
     */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInFlight, "rnnlab-temporary-files"));
    }

    private AtomicFiles() {
    }

    /** Deletes every temporary file still being written, and what its writer left beside it. */
    static void deleteInFlight() {
        for (Path tmp : List.copyOf(IN_FLIGHT)) {
            deleteQuietly(tmp);
            strayFilesBeside(tmp).forEach(AtomicFiles::deleteQuietly);
        }
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, tmp -> Files.write(tmp, bytes));
    }

    /** Atomically replaces {@code target} with {@code text} encoded as UTF-8. */
    public static void writeText(Path target, String text) throws IOException {
        Objects.requireNonNull(text, "text");
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Lets {@code writer} write a temporary file, then atomically moves it to {@code target}. The
     * target's directory is created if missing.
     *
     * @throws IOException if the writer fails (the target is then untouched), or if the writer did
     *                     not write the path it was given
     */
    public static void write(Path target, PathWriter writer) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(writer, "writer");
        Path absoluteTarget = target.toAbsolutePath();
        Path directory = absoluteTarget.getParent();
        if (directory == null || absoluteTarget.getFileName() == null) {
            throw new IllegalArgumentException("Cannot write to " + target + ": it names no file");
        }
        if (Files.isDirectory(absoluteTarget)) {
            throw new IOException("Cannot write file " + target + ": a directory of that name exists");
        }
        Files.createDirectories(directory);
        String targetName = absoluteTarget.getFileName().toString();
        Path tmp = createTempFile(directory, targetName);
        IN_FLIGHT.add(tmp);
        boolean moved = false;
        try {
            writer.writeTo(tmp);
            requireWritten(tmp, target);
            forceToDisk(tmp);
            moveIntoPlace(tmp, absoluteTarget);
            moved = true;
        } catch (IOException e) {
            if (e instanceof FileSystemException named && named.getFile() != null) {
                throw e;
            }
            // a full disk says only "No space left on device": name the file it was writing
            throw new FileSystemException(target.toString(), null, IoErrors.reason(e));
        } finally {
            if (!moved) {
                deleteQuietly(tmp);
                strayFilesBeside(tmp).forEach(AtomicFiles::deleteQuietly);
            }
            IN_FLIGHT.remove(tmp);
        }
    }

    /**
     * An empty, new temporary file beside the target. Unlike {@link Files#createTempFile} it gets the
     * default permissions (as the umask allows), so the finished file is as readable as any other.
     */
    private static Path createTempFile(Path directory, String targetName) throws IOException {
        while (true) {
            long random = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            Path tmp = directory.resolve(TEMP_PREFIX + random + "-" + targetName);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException taken) {
                log.debug("Temporary name {} taken; drawing another", tmp);
            }
        }
    }

    /**
     * A writer that wrote somewhere else (typically the given name plus an extension it appended)
     * would otherwise leave an empty target; that is an error, and its stray file is removed.
     */
    private static void requireWritten(Path tmp, Path target) throws IOException {
        List<Path> strays = strayFilesBeside(tmp);
        if (!strays.isEmpty()) {
            throw new IOException("Writing " + target + " failed: the writer wrote " + strays.get(0).getFileName()
                    + " instead of the path it was given; give the target a name with the extension it expects");
        }
        if (!Files.isRegularFile(tmp)) {
            throw new IOException("Writing " + target + " failed: the writer removed or replaced its temporary file " + tmp);
        }
    }

    /** Files named like the temporary file plus an extension, e.g. {@code .tmp-123-loss.png.png}. */
    private static List<Path> strayFilesBeside(Path tmp) {
        String strayPrefix = tmp.getFileName().toString() + ".";
        List<Path> strays = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(tmp.getParent(),
                sibling -> sibling.getFileName().toString().startsWith(strayPrefix))) {
            siblings.forEach(strays::add);
        } catch (IOException e) {
            log.warn("Could not list {} to look for stray temporary files: {}", tmp.getParent(), e.toString());
        }
        return strays;
    }

    /** Flushes the content so the rename cannot become visible before the data after a crash. */
    private static void forceToDisk(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            log.debug("Atomic move not supported for {}; replacing it non-atomically", target);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete temporary file {}: {}", file, e.toString());
        }
    }
}

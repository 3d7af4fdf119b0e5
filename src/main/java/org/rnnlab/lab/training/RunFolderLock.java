package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per run folder: an operating-system lock on {@value #FILE} in the folder, taken before
 * anything in it is read. The lock file holds the process id of its holder, for the message of an
 * invocation that finds it taken. The operating system drops the lock when its process ends,
 * however it ends, so a lock file left by a dead process is simply taken over.
 */
public final class RunFolderLock implements AutoCloseable {

    /** The lock file inside a run folder. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code runDir}.
     *
     * @throws IllegalStateException naming the process that holds it, when another invocation does
     * @throws IOException           when the lock file cannot be written
     */
    public static RunFolderLock take(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IllegalStateException("run folder " + runDir + " is in use by " + holder
                    + ": one invocation at a time may write it; wait for that one to end, or stop it");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new RunFolderLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return pid.isEmpty() ? "another process" : "process " + pid
                    + (pid.equals(Long.toString(ProcessHandle.current().pid())) ? " (this one)" : "");
        } catch (IOException e) {
            return "another process";
        }
    }

    /**
     * Releases the lock and deletes the lock file from {@code finalDir}, where the folder is now (it
     * is renamed when its run finishes).
     */
    public void release(Path finalDir) throws IOException {
        try {
            // deleted while still held: no other invocation can take this file's lock in between
            Files.deleteIfExists(finalDir.resolve(FILE));
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}

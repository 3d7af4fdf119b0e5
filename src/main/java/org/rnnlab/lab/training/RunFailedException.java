package org.rnnlab.lab.training;

import java.nio.file.Path;

/**
 * A run that failed for a reason other than divergence (memory, I/O, an error inside DL4J); its run
 * folder keeps its {@code .incomplete} name and holds a FAILED.txt.
 */
public class RunFailedException extends RuntimeException {

    private final Path folder;

    /** @param folder the run's folder, or null when the run failed before it had one */
    public RunFailedException(String label, Path folder, Throwable cause) {
        super(label + ": " + Failure.describe(cause) + (folder == null ? ""
                : "; its run folder " + folder + " is left incomplete with FAILED.txt"), cause);
        this.folder = folder;
    }

    /** The incomplete run folder, or null. */
    public Path folder() {
        return folder;
    }
}

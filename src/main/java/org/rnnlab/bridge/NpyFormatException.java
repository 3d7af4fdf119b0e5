package org.rnnlab.bridge;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a .npy file of little-endian float64 values, with the file and the problem named. */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public NpyFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }
}

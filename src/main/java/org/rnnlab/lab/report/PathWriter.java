package org.rnnlab.lab.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a whole file at a path it is given. This is the shape of libraries that insist on writing
 * to a file themselves (a model serializer, a chart encoder), so {@link AtomicFiles} can hand them a
 * temporary path and move the finished file into place afterwards.
 */
@FunctionalInterface
public interface PathWriter {

    /**
     * Writes the complete content to {@code path}.
     *
     * @param path a temporary file in the target's directory; it already exists (empty) and ends with
     *             the target's file name, so a writer that insists on an extension keeps it
     */
    void writeTo(Path path) throws IOException;
}

package org.rnnlab.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.training.ExperimentRunner;
import org.rnnlab.lab.training.StopRequest;

/**
 * What a runnable class talks to: where it prints, where its data and results are, and the stop
 * request its signal handlers set. {@code main} uses the process's own; tests run the same entry
 * logic in-process with their own streams and folders.
 *
 * @param out      results (the table, where files went)
 * @param err      failure messages
 * @param dataDir  the data directory, looked up when needed (a missing one is a failure like any other)
 * @param runsRoot where run folders and results tables go
 * @param stop     set when the process is asked to stop
 */
record Invocation(PrintStream out, PrintStream err, Supplier<Path> dataDir, Path runsRoot, StopRequest stop) {

    /** The process's streams, data/ and target/runs/ under the working directory. */
    static Invocation standard() {
        return new Invocation(System.out, System.err, DataFiles::dataDir, ExperimentRunner.RUNS_ROOT, new StopRequest());
    }
}

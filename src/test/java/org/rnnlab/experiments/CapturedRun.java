package org.rnnlab.experiments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.training.StopRequest;

/**
 * A runnable class's entry logic run in this JVM as its {@code main} would run it, with its standard
 * output and error captured.
 *
 * @param status the exit status it returned
 * @param out    what it printed on standard output
 * @param err    what it printed on standard error
 */
record CapturedRun(int status, String out, String err) {

    /** Runs {@code entry} with the project's data/ and {@code runsRoot} for its run folders. */
    static CapturedRun of(Experiments.Entry entry, Path runsRoot, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Invocation io = new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DataFiles::dataDir, runsRoot, new StopRequest());
        int status = entry.run(args, io);
        return new CapturedRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

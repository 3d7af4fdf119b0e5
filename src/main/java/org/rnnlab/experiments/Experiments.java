package org.rnnlab.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.core.storage.StatsStorage;
import org.rnnlab.data.Snippet;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.training.ExperimentRunner;
import org.rnnlab.lab.report.ResultsTable;
import org.rnnlab.lab.training.Failure;
import org.rnnlab.lab.training.PreparedExperiment;
import org.rnnlab.lab.training.RunOutcome;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.lab.training.TrainingUi;
import org.rnnlab.lab.training.TrainingStoppedException;

/**
 * What the runnable classes share: the entry-point contract and the main job's run-and-report.
 *
 * <p>The contract: each runnable class has {@code static int run(String[] args, Invocation io)},
 * which never throws and never exits, and returns the exit status; its {@code main} only hands
 * that to {@link #main(String[], Entry)}. Every failure, whatever it is (settings, data, memory,
 * I/O, DL4J, a bug), ends in a message of one or a few lines on standard error that starts with the
 * program's name and says what failed, where, and what to do; stack traces only with
 * {@code -Drnnlab.debug=true}. Exit statuses: {@value #OK} done, {@value #FAILED} failed,
 * {@value #DIVERGED} a run diverged (the others finished), 130 and 143 stopped by SIGINT or SIGTERM.
 */
final class Experiments {

    /** The settings folder, relative to the project root (the working directory of every run). */
    static final Path SETTINGS_DIR = Path.of("experiments");

    static final int OK = 0;
    static final int FAILED = 1;
    static final int DIVERGED = 2;

    /** The option that continues an interrupted run. */
    static final String RESUME = "--resume";

    /** The option that shows the training live in DL4J's UI, on this machine only. */
    static final String UI = "--ui";

    /** The option that names the implementations to train, overriding the settings files' key. */
    static final String IMPLEMENTATIONS = "--implementations=";

    private Experiments() {
    }

    /** A runnable class's work, returning its exit status. */
    interface Entry {
        int run(String[] args, Invocation io);
    }

    /** Work that reads input and writes results, returning an exit status. */
    interface Job {
        int run() throws Exception;
    }

    /**
     * Runs {@code entry} as the process: SIGINT and SIGTERM stop it in order ({@link Signals}), and a
     * status other than 0 ends the JVM with that status. Under {@code mvn exec:java} this ends Maven
     * too, before it adds its own report, so the message is the last thing on the screen.
     */
    static void main(String[] args, Entry entry) {
        Invocation io = Invocation.standard();
        // before anything loads ND4J: its native settings and OpenBLAS's kernels are read at load
        int status = guarded("rnnlab", io, () -> {
            Backend.configureJavaCpp();
            return OK;
        });
        if (status == OK) {
            try (Signals ignored = Signals.install(io.stop(), io.err())) {
                status = entry.run(args, io);
            }
        }
        io.out().flush();
        io.err().flush();
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Settings files by name in {@link #SETTINGS_DIR}. */
    static List<Path> files(String... names) {
        return Arrays.stream(names).map(name -> SETTINGS_DIR.resolve(name + ".properties")).toList();
    }

    /** Runs {@code job}; any failure is reported on {@code io.err()} and turned into its exit status. */
    static int guarded(String who, Invocation io, Job job) {
        try {
            return job.run();
        } catch (Throwable e) {
            return report(who, io, e);
        }
    }

    /** Prints the failure's message (and the stack trace in debug mode); returns its exit status. */
    static int report(String who, Invocation io, Throwable e) {
        if (Failure.debug()) {
            e.printStackTrace(io.err());
        }
        io.err().println(who + ": " + Failure.describe(e));
        io.err().flush();
        return e instanceof TrainingStoppedException stopped ? stopped.reason().exitStatus() : FAILED;
    }

    /**
     * The main job's work for any list of settings files: check them all with their data, train
     * each, print the results table and where it went; a diverged run's message goes to standard
     * error and the status is {@value #DIVERGED}.
     */
    static int runAndReport(String who, Invocation io, String[] args, List<Path> defaults) {
        if (Arrays.asList(args).contains(UI)) {
            String[] rest = Arrays.stream(args).filter(arg -> !arg.equals(UI)).toArray(String[]::new);
            return withUi(who, io, List.of(), () -> runAndReport(who, io, rest, defaults));
        }
        if (args.length > 0 && args[0].equals(RESUME)) {
            return resume(who, io, args);
        }
        return guarded(who, io, () -> {
            List<String> implementations = Arrays.stream(args).filter(arg -> arg.startsWith(IMPLEMENTATIONS))
                    .map(arg -> arg.substring(IMPLEMENTATIONS.length())).toList();
            if (implementations.size() > 1) {
                throw new IllegalArgumentException(IMPLEMENTATIONS + " is given " + implementations.size()
                        + " times; give it once");
            }
            String[] files = Arrays.stream(args).filter(arg -> !arg.startsWith(IMPLEMENTATIONS))
                    .toArray(String[]::new);
            List<PreparedExperiment> prepared = ExperimentRunner.prepare(filesOrDefaults(files, defaults),
                    io.dataDir().get());
            if (!implementations.isEmpty()) {
                prepared = prepared.stream().map(p -> p.implementing(implementations.get(0))).toList();
            }
            Path csv = ExperimentRunner.resultsFile(io.runsRoot());
            ExperimentRunner.Results results;
            try {
                results = ExperimentRunner.run(prepared, io.runsRoot(), csv, io.stop());
            } catch (Throwable e) {
                int status = report(who, io, e);
                if (Files.exists(csv) && Files.size(csv) > 0) {
                    io.err().println(who + ": the runs that finished are in " + csv);
                } else {
                    // the name was taken for this invocation, and no run finished to fill it
                    Files.deleteIfExists(csv);
                }
                return status;
            }
            io.out().println();
            io.out().println(results.table().render());
            io.out().println("Results table: " + csv + "; run folders: " + io.runsRoot());
            io.out().flush();
            results.divergences().forEach(message -> io.err().println(who + ": " + message));
            if (io.stop().isRequested()) {
                io.err().println(who + ": stopped by " + io.stop().reason().what() + " after the last run had"
                        + " finished; every result was written");
                return io.stop().reason().exitStatus();
            }
            boolean allOk = results.table().rows().stream().allMatch(ResultRow::isOk);
            return allOk ? OK : DIVERGED;
        });
    }

    /**
     * Runs {@code entry} on {@code args}; when they hold {@value #UI}, on the others, with the training
     * UI running as {@link #withUi} runs it.
     */
    static int withUiIfAsked(String who, Invocation io, String[] args, Entry entry) {
        if (!Arrays.asList(args).contains(UI)) {
            return entry.run(args, io);
        }
        String[] rest = Arrays.stream(args).filter(arg -> !arg.equals(UI)).toArray(String[]::new);
        return withUi(who, io, List.of(), () -> entry.run(rest, io));
    }

    /**
     * Runs {@code job} with DL4J's training UI serving on {@value TrainingUi#HOST} (port 9000, or
     * {@code -Dorg.deeplearning4j.ui.port=N}): each run's statistics appear as the run starts. When
     * the job is done the UI stays up, showing every run, until Ctrl-C; then the status is the job's
     * if it failed, else the signal's (130 for Ctrl-C).
     *
     * @param storages stats files to show from the start (finished runs)
     */
    static int withUi(String who, Invocation io, List<StatsStorage> storages, Job job) {
        return guarded(who, io, () -> {
            try (TrainingUi ui = TrainingUi.start(TrainingUi.configuredPort())) {
                storages.forEach(ui::attach);
                io.out().println("Training UI: " + ui.address() + " (on this machine only)");
                io.out().flush();
                int status = job.run();
                if (io.stop().isRequested()) {
                    return status;
                }
                io.out().println("Training UI still at " + ui.address() + "; Ctrl-C stops it");
                io.out().flush();
                while (!io.stop().isRequested()) {
                    Thread.sleep(200);
                }
                io.stop().acknowledge();
                // the job's own failure wins; else the signal that ended the UI (130 for Ctrl-C)
                return status != OK ? status : io.stop().reason().exitStatus();
            }
        });
    }

    /**
     * {@code --resume RUN_FOLDER}: goes on with an interrupted run from its newest checkpoint, into the
     * same folder, and prints its row of results.
     */
    static int resume(String who, Invocation io, String[] args) {
        return guarded(who, io, () -> {
            if (args.length != 2 || args[1].isBlank()) {
                throw new IllegalArgumentException(RESUME + " takes one run folder, e.g. " + RESUME
                        + " target/runs/sunspots-lstm-dl4j-20261128-101500.incomplete");
            }
            Path dataDir = io.dataDir().get();
            RunOutcome outcome = Trainer.resume(Path.of(args[1]), dataDir, io.stop(),
                    ExperimentRunner.scratchThreads(1));
            Path csv = ExperimentRunner.resultsFile(io.runsRoot());
            ExperimentRunner.Results results = ExperimentRunner.afterResume(outcome, dataDir, io.runsRoot(), csv,
                    io.stop());
            io.out().println();
            io.out().println(results.table().render());
            io.out().println("Results table: " + csv + "; resumed run folder: " + outcome.folder());
            io.out().flush();
            results.divergences().forEach(message -> io.err().println(who + ": " + message));
            return results.table().rows().stream().allMatch(ResultRow::isOk) ? OK : DIVERGED;
        });
    }

    /**
     * The given settings files if any were named on the command line, else the defaults.
     *
     * @throws IllegalArgumentException for an option (an argument starting with '-'): there are none
     */
    static List<Path> filesOrDefaults(String[] args, List<Path> defaults) {
        if (args.length == 0) {
            return defaults;
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + Snippet.of(arg) + "'; the arguments are "
                        + "settings files such as experiments/e2-sine-window-lstm.properties (none: the defaults), "
                        + "or " + RESUME + " RUN_FOLDER alone, " + UI + " to watch the training in DL4J's UI, and "
                        + IMPLEMENTATIONS + "dl4j|scratch to train one implementation only; "
                        + "switches go before the class as -Dname=value");
            }
            if (arg.isBlank()) {
                throw new IllegalArgumentException("an empty argument; the arguments are settings files");
            }
            files.add(Path.of(arg));
        }
        return files;
    }
}

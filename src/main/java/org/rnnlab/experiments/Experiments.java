package org.rnnlab.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.core.storage.StatsStorage;
import org.rnnlab.data.files.Snippet;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.ResultRow;
import org.rnnlab.lab.settings.ExperimentSettings;
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
 * that to {@link #main(String[], Entry)}. Each declares its command line as a {@link Usage} in
 * {@code static final Usage USAGE}, which reads the arguments and gives the usage text for
 * {@code --help} and after bad arguments. Every failure, whatever it is (settings, data, memory,
 * I/O, DL4J, a bug), ends in a message of one or a few lines on standard error that starts with the
 * program's name and says what failed, where, and what to do; stack traces only with
 * {@code -Drnnlab.debug=true}. Exit statuses: {@value #OK} done, {@value #FAILED} failed,
 * {@value #BAD_ARGUMENTS} bad arguments (the message and the usage text), {@value #DIVERGED} a run
 * diverged (the others finished), 130 and 143 stopped by SIGINT or SIGTERM.
 */
final class Experiments {

    /** The settings folder, relative to the project root (the working directory of every run). */
    static final Path SETTINGS_DIR = Path.of("experiments");

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int DIVERGED = 3;

    /** The option that continues an interrupted run. */
    static final String RESUME = "--resume";

    /** The option that shows the training live in DL4J's UI, on this machine only. */
    static final String UI = "--ui";

    /** The option that names the implementations to train, overriding the settings files' key. */
    static final String IMPLEMENTATIONS = "--implementations=";

    /**
     * The classes that train settings files through {@link #runAndReport}: they, and only they, take
     * {@value #UI}, {@value #RESUME} and {@value #IMPLEMENTATIONS}.
     */
    static final List<Class<?>> TRAINERS = List.of(AllExperiments.class, GruExperiments.class, LetterParity.class,
            SineWindow25.class, SineNextStep.class, SineSlowWindow4.class, SequenceClassification.class,
            SeriesForecast.class, CharacterModel.class);

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
        if (e instanceof TrainingStoppedException stopped) {
            return stopped.reason().exitStatus();
        }
        // arguments found bad inside a job of its own, after the usage text had its turn
        return e instanceof BadArguments ? BAD_ARGUMENTS : FAILED;
    }

    /**
     * The usage of a class that trains settings files ({@link #TRAINERS}): settings files or its
     * defaults, {@value #UI}, {@value #RESUME} and {@value #IMPLEMENTATIONS}.
     *
     * @param purpose  what it does, in one sentence
     * @param defaults the settings files it trains when none is named, by name in {@link #SETTINGS_DIR}
     */
    static Usage trainingUsage(Class<?> program, String purpose, List<String> defaults) {
        return Usage.of(program, "rnnlab", purpose)
                .synopsis("[" + UI + "] [" + IMPLEMENTATIONS + "LIST] [SETTINGS_FILE...]")
                .synopsis("[" + UI + "] " + RESUME + " RUN_FOLDER")
                .operands("SETTINGS_FILE...", Usage.Value.SETTINGS_FILE, 0, Integer.MAX_VALUE,
                        "settings files to train, in this order; none: the defaults below")
                .note("Each run writes its folder under target/runs/, where the results table is written too, as CSV.")
                .defaults(files(defaults.toArray(String[]::new)))
                .option(UI, "show the training live in DL4J's training UI at http://" + TrainingUi.HOST + ":"
                        + TrainingUi.DEFAULT_PORT + " (this machine only; -D" + TrainingUi.PORT_PROPERTY
                        + "=N for another port); afterwards the UI stays up until Ctrl-C, which ends the program"
                        + " with status " + Signals.SIGINT_STATUS + " unless the training failed")
                .option(RESUME + " RUN_FOLDER", Usage.Value.RUN_FOLDER, "go on with the interrupted run in RUN_FOLDER"
                        + " (a folder under target/runs/ whose name ends in .incomplete), of any experiment, from its"
                        + " newest checkpoint; no SETTINGS_FILE or " + IMPLEMENTATIONS + " with it")
                .option(IMPLEMENTATIONS + "LIST", "train only these implementations: dl4j, scratch or dl4j,scratch,"
                        + " instead of what each settings file's implementations key says")
                .status(DIVERGED, "a run diverged (its message says at which epoch); the other runs finished and"
                        + " their rows are in the results table")
                .build();
    }

    /**
     * The entry logic of a class that trains settings files: the files named, or the usage's
     * defaults, or {@value #RESUME} RUN_FOLDER; with {@value #UI} in DL4J's training UI.
     */
    static int runAndReport(Usage usage, Invocation io, String[] args) {
        String who = usage.who();
        return usage.run(args, io, given -> {
            List<String> resume = given.values(RESUME);
            List<String> implementations = given.values(IMPLEMENTATIONS);
            if (!resume.isEmpty() && (resume.size() > 1 || !given.operands().isEmpty() || !implementations.isEmpty())) {
                throw new BadArguments(RESUME + " takes one run folder and goes alone (" + UI + " may go with it):"
                        + " the run goes on as it was set up");
            }
            if (implementations.size() > 1) {
                throw new BadArguments(IMPLEMENTATIONS + " is given " + implementations.size()
                        + " times; give it once");
            }
            if (implementations.size() == 1
                    && ExperimentSettings.parseImplementations(implementations.get(0)).isEmpty()) {
                throw new BadArguments("'" + Snippet.of(implementations.get(0)) + "' is not a list of implementations;"
                        + " expected dl4j, scratch or both");
            }
            Job job = resume.isEmpty()
                    ? () -> train(who, io, given.files(), implementations.isEmpty() ? null : implementations.get(0))
                    : () -> resume(who, io, Path.of(resume.get(0)));
            return given.has(UI) ? withUi(who, io, List.of(), job) : job.run();
        });
    }

    /**
     * The main job's work for any list of settings files: check them all with their data, train
     * each, print the results table and where it went; a diverged run's message goes to standard
     * error and the status is {@value #DIVERGED}.
     *
     * @param implementations what {@value #IMPLEMENTATIONS} named, or null
     */
    private static int train(String who, Invocation io, List<Path> files, String implementations) {
        return guarded(who, io, () -> {
            List<PreparedExperiment> prepared = ExperimentRunner.prepare(files, io.dataDir().get());
            if (implementations != null) {
                prepared = prepared.stream().map(p -> p.implementing(implementations)).toList();
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
    private static int resume(String who, Invocation io, Path folder) {
        return guarded(who, io, () -> {
            Path dataDir = io.dataDir().get();
            RunOutcome outcome = Trainer.resume(folder, dataDir, io.stop(),
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
}

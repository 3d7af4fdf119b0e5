package org.rnnlab.experiments;

import java.util.List;
import java.util.Optional;

import org.rnnlab.lab.training.Implementation;
import org.rnnlab.study.SeedStudy;

/**
 * Settings files trained from many seeds: how often each solves its task, and after how many
 * training sequences.
 *
 * <ol>
 *   <li>Read and check every settings file (at every value of the swept key, if any).</li>
 *   <li>Train each from seeds 1..N ({@code --seeds}, default {@value #DEFAULT_SEEDS}) with the scratch
 *       networks (or DL4J's with {@code --dl4j}), one training per core at a time, logging progress
 *       with the time left; each is a run with its own run folder, and stops once its task's success
 *       criterion holds ({@code --full}: run all epochs).</li>
 *   <li>Print the summary (success rate with its 95% Wilson interval, quartiles of the headline metric
 *       and of the sequences to success) and write it, one row per training and plots to a run
 *       folder under target/runs/.</li>
 * </ol>
 *
 * <p>Arguments: settings files, then any of {@code --seeds N}, {@code --first-seed S},
 * {@code --sweep KEY=V1,V2,...}, {@code --dl4j}, {@code --full}, {@code --parallel N}, {@code --ui}
 * (every training shown in DL4J's training UI as it runs, as the main job's {@code --ui} shows its
 * runs). Without files: the long-lag tasks' seven settings files (the paper's table).
 */
public final class Study {

    static final int DEFAULT_SEEDS = 10;
    static final List<String> DEFAULT_FILES = List.of("adding-t100-lstm", "adding-t100-simplernn",
            "adding-t200-lstm", "temporal-order-lstm", "temporal-order-simplernn", "embedded-reber-lstm", "embedded-reber-simplernn");

    private static final String SEEDS = "--seeds";
    private static final String FIRST_SEED = "--first-seed";
    private static final String SWEEP = "--sweep";
    private static final String DL4J = "--dl4j";
    private static final String FULL = "--full";
    private static final String PARALLEL = "--parallel";

    static final Usage USAGE = Usage.of(Study.class, "rnnlab", "Trains settings files from many seeds and prints how"
                    + " often each solves its task, and after how many training sequences.")
            .note("The summary, one row per training and plots go to a run folder under target/runs/.")
            .operands("SETTINGS_FILE...", Usage.Value.SETTINGS_FILE, 0, Integer.MAX_VALUE,
                    "settings files to study; none: the defaults below, the long-lag tasks' seven (the paper's"
                    + " table)")
            .defaults(Experiments.files(DEFAULT_FILES.toArray(String[]::new)))
            .option(SEEDS + " N", "train each from N seeds (default " + DEFAULT_SEEDS + ")")
            .option(FIRST_SEED + " S", "the first seed; the others follow it (default 1)")
            .option(SWEEP + " KEY=V1,V2,...", "train at each of these values of one settings key, e.g. hidden=1,2,4"
                    + " or learning.rate=1e-3,1e-2")
            .option(DL4J, "train DL4J's networks instead of the scratch ones (much slower)")
            .option(FULL, "run every epoch instead of stopping a training once its task's success criterion holds")
            .option(PARALLEL + " N", "train N at a time (default: one per core)")
            .option(Experiments.UI, "show every training live in DL4J's training UI (each training is a run); "
                    + "afterwards the UI stays up until Ctrl-C")
            .refuses(Experiments.RESUME, "its trainings write no checkpoints; an interrupted study is run again")
            .build();

    private Study() {
    }

    public static void main(String[] args) {
        Experiments.main(args, Study::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return USAGE.run(args, io, given -> {
            SeedStudy.Request request = request(given);
            Experiments.Job job = () -> study(request, io);
            return given.has(Experiments.UI) ? Experiments.withUi("rnnlab", io, List.of(), job) : job.run();
        });
    }

    private static int study(SeedStudy.Request request, Invocation io) {
        return Experiments.guarded("rnnlab", io, () -> {
            SeedStudy.Result result = SeedStudy.run(request, io.dataDir().get(), io.runsRoot(), io.stop());
            io.out().println();
            result.criterion().forEach((name, criterion) -> io.out().println(name + ": " + criterion));
            io.out().println();
            io.out().println(result.summary().render());
            io.out().println("Run folder: " + result.folder());
            return Experiments.OK;
        });
    }

    /**
     * The study the arguments ask for.
     *
     * @throws BadArguments for an option or value it does not take
     */
    static SeedStudy.Request parse(String[] args) {
        return request(USAGE.parse(args));
    }

    private static SeedStudy.Request request(Usage.Parsed given) {
        Optional<SeedStudy.Sweep> sweep;
        try {
            sweep = given.value(SWEEP).map(SeedStudy.Sweep::parse);
        } catch (IllegalArgumentException e) {
            throw new BadArguments(e.getMessage());
        }
        return new SeedStudy.Request(given.files(), given.positive(SEEDS, DEFAULT_SEEDS), given.whole(FIRST_SEED, 1),
                sweep, given.has(DL4J) ? Implementation.DL4J : Implementation.SCRATCH,
                given.has(FULL) ? SeedStudy.Checks.EVERY_EPOCH : SeedStudy.Checks.STOP_AT_SUCCESS,
                given.positive(PARALLEL, Runtime.getRuntime().availableProcessors()));
    }
}

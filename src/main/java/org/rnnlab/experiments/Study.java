package org.rnnlab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
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

    private Study() {
    }

    public static void main(String[] args) {
        Experiments.main(args, Study::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.withUiIfAsked("rnnlab", io, args, Study::study);
    }

    private static int study(String[] args, Invocation io) {
        return Experiments.guarded("rnnlab", io, () -> {
            SeedStudy.Request request = parse(args);
            SeedStudy.Result result = SeedStudy.run(request, io.dataDir().get(), io.runsRoot(), io.stop());
            io.out().println();
            result.criterion().forEach((name, criterion) -> io.out().println(name + ": " + criterion));
            io.out().println();
            io.out().println(result.summary().render());
            io.out().println("Run folder: " + result.folder());
            return Experiments.OK;
        });
    }

    static SeedStudy.Request parse(String[] args) {
        int seeds = DEFAULT_SEEDS;
        long firstSeed = 1;
        Optional<SeedStudy.Sweep> sweep = Optional.empty();
        Implementation implementation = Implementation.SCRATCH;
        SeedStudy.Checks checks = SeedStudy.Checks.STOP_AT_SUCCESS;
        int parallel = Runtime.getRuntime().availableProcessors();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = positive("--seeds", value(args, ++i, "--seeds"));
                case "--first-seed" -> firstSeed = whole("--first-seed", value(args, ++i, "--first-seed"));
                case "--sweep" -> sweep = Optional.of(SeedStudy.Sweep.parse(value(args, ++i, "--sweep")));
                case "--dl4j" -> implementation = Implementation.DL4J;
                case "--full" -> checks = SeedStudy.Checks.EVERY_EPOCH;
                case "--parallel" -> parallel = positive("--parallel", value(args, ++i, "--parallel"));
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option '" + args[i] + "'; allowed: --seeds N, "
                                + "--first-seed S, --sweep KEY=V1,V2,..., --dl4j, --full, --parallel N, --ui, "
                                + "settings files");
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        if (files.isEmpty()) {
            files = Experiments.files(DEFAULT_FILES.toArray(String[]::new));
        }
        return new SeedStudy.Request(files, seeds, firstSeed, sweep, implementation, checks, parallel);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static long whole(String option, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
    }

    private static int positive(String option, String text) {
        long value = whole(option, text);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " needs a whole number of at least 1, got '" + text + "'");
        }
        return (int) value;
    }
}

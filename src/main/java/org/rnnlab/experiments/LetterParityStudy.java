package org.rnnlab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.rnnlab.lab.training.Implementation;
import org.rnnlab.study.ParityStudy;

/**
 * E1 asked twice: what do the 12 training strings say about the rule, and how often does a network
 * that fits them get all 81 strings of length 4 right?
 *
 * <ol>
 *   <li>Automata: every finite automaton with 1, 2 and 3 states that labels the training strings
 *       correctly, and how those label the 81.</li>
 *   <li>Networks: each letter-parity settings file (by default E1's SimpleRnn and LSTM), trained from
 *       50 seeds at its own hidden size and at 1, 2, 4 and 8 units, by the scratch networks: a
 *       {@link org.rnnlab.study.SeedStudy} whose trainings run in parallel, one per core.</li>
 * </ol>
 * Prints both tables and writes them as CSV, every training's accuracies and plots to a run folder
 * under target/runs/. About 35 seconds on 2 cores.
 *
 * <p>Arguments (all optional): {@code --seeds N}, {@code --hidden 1,2,4}, {@code --dl4j} (train DL4J's
 * networks instead of the scratch ones: about a hundred times slower), {@code --parallel N}, {@code --ui}
 * (every training shown in DL4J's training UI), settings files.
 */
public final class LetterParityStudy {

    static final int DEFAULT_SEEDS = 50;
    static final List<Integer> DEFAULT_HIDDEN = List.of(1, 2, 4, 8);
    static final List<String> DEFAULT_FILES = List.of("e1-letter-parity-simplernn", "e1-letter-parity-lstm");

    private static final String SEEDS = "--seeds";
    private static final String HIDDEN = "--hidden";
    private static final String DL4J = "--dl4j";
    private static final String PARALLEL = "--parallel";

    static final Usage USAGE = Usage.of(LetterParityStudy.class, "rnnlab", "E1 asked twice: which finite automata"
                    + " label the 12 training strings correctly, and how often a network trained from them, over many"
                    + " seeds and hidden sizes, gets all 81 strings of length 4 right.")
            .note("Prints both tables and writes them as CSV, every training's accuracies and plots to a run folder"
                    + " under target/runs/.")
            .operands("SETTINGS_FILE...", Usage.Value.SETTINGS_FILE, 0, Integer.MAX_VALUE,
                    "letter-parity settings files to train; none: the defaults below")
            .defaults(Experiments.files(DEFAULT_FILES.toArray(String[]::new)))
            .option(SEEDS + " N", "train each file at each hidden size from N seeds (default " + DEFAULT_SEEDS + ")")
            .option(HIDDEN + " 1,2,4", "the hidden sizes to train at besides each file's own (default "
                    + DEFAULT_HIDDEN.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
            .option(DL4J, "train DL4J's networks instead of the scratch ones (about a hundred times slower)")
            .option(PARALLEL + " N", "train N at a time (default: one per core)")
            .option(Experiments.UI, "show every training live in DL4J's training UI (each training is a run); "
                    + "afterwards the UI stays up until Ctrl-C")
            .refuses(Experiments.RESUME, "its trainings write no checkpoints; an interrupted study is run again")
            .build();

    private LetterParityStudy() {
    }

    public static void main(String[] args) {
        Experiments.main(args, LetterParityStudy::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return USAGE.run(args, io, given -> {
            Options options = Options.of(given);
            Experiments.Job job = () -> study(options, io);
            return given.has(Experiments.UI) ? Experiments.withUi("rnnlab", io, List.of(), job) : job.run();
        });
    }

    private static int study(Options options, Invocation io) {
        return Experiments.guarded("rnnlab", io, () -> {
            ParityStudy.Result result = ParityStudy.run(options.request(), io.runsRoot(), io.stop());
            io.out().println();
            io.out().println("Automata that label the training strings correctly:");
            io.out().println(result.automata().render());
            io.out().println("Networks trained on them, " + options.seeds() + " seeds each ("
                    + options.implementation().key() + "):");
            io.out().println(result.networks().render());
            io.out().println("Run folder: " + result.folder());
            return Experiments.OK;
        });
    }

    record Options(int seeds, List<Integer> hidden, Implementation implementation, int parallel, List<Path> files) {

        /**
         * The study the arguments ask for.
         *
         * @throws BadArguments for an option or value it does not take
         */
        static Options parse(String[] args) {
            return of(USAGE.parse(args));
        }

        private static Options of(Usage.Parsed given) {
            List<Integer> hidden = given.value(HIDDEN).map(Options::sizes).orElse(DEFAULT_HIDDEN);
            return new Options(given.positive(SEEDS, DEFAULT_SEEDS), hidden,
                    given.has(DL4J) ? Implementation.DL4J : Implementation.SCRATCH,
                    given.positive(PARALLEL, Runtime.getRuntime().availableProcessors()), given.files());
        }

        ParityStudy.Request request() {
            return new ParityStudy.Request(files, seeds, hidden, implementation, parallel);
        }

        private static List<Integer> sizes(String text) {
            List<Integer> sizes = new ArrayList<>();
            for (String part : text.split(",")) {
                sizes.add(Usage.positive(HIDDEN, part.strip()));
            }
            return sizes;
        }
    }
}

package org.rnnlab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * under target/runs/. About 15 seconds.
 *
 * <p>Arguments (all optional): {@code --seeds N}, {@code --hidden 1,2,4}, {@code --dl4j} (train DL4J's
 * networks instead of the scratch ones: about a hundred times slower), {@code --parallel N}, {@code --ui}
 * (every training shown in DL4J's training UI), settings files.
 */
public final class LetterParityStudy {

    static final int DEFAULT_SEEDS = 50;
    static final List<Integer> DEFAULT_HIDDEN = List.of(1, 2, 4, 8);

    private LetterParityStudy() {
    }

    public static void main(String[] args) {
        Experiments.main(args, LetterParityStudy::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.withUiIfAsked("rnnlab", io, args, LetterParityStudy::study);
    }

    private static int study(String[] args, Invocation io) {
        return Experiments.guarded("rnnlab", io, () -> {
            Options options = Options.parse(args);
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

        static Options parse(String[] args) {
            int seeds = DEFAULT_SEEDS;
            List<Integer> hidden = DEFAULT_HIDDEN;
            Implementation implementation = Implementation.SCRATCH;
            int parallel = Runtime.getRuntime().availableProcessors();
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seeds" -> seeds = positive("--seeds", value(args, ++i, "--seeds"));
                    case "--hidden" -> hidden = sizes(value(args, ++i, "--hidden"));
                    case "--dl4j" -> implementation = Implementation.DL4J;
                    case "--parallel" -> parallel = positive("--parallel", value(args, ++i, "--parallel"));
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option '" + args[i]
                                    + "'; allowed: --seeds N, --hidden 1,2,4, --dl4j, --parallel N, --ui, settings files");
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (files.isEmpty()) {
                files = Experiments.files("e1-letter-parity-simplernn", "e1-letter-parity-lstm");
            }
            return new Options(seeds, hidden, implementation, parallel, files);
        }

        ParityStudy.Request request() {
            return new ParityStudy.Request(files, seeds, hidden, implementation, parallel);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static List<Integer> sizes(String text) {
            List<Integer> sizes = new ArrayList<>();
            for (String part : text.split(",")) {
                sizes.add(positive("--hidden", part.trim()));
            }
            return sizes;
        }

        private static int positive(String option, String text) {
            try {
                int value = Integer.parseInt(text);
                if (value >= 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs a whole number of at least 1, got '" + text + "'");
        }
    }
}

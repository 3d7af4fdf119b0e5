package org.rnnlab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rnnlab.data.Snippet;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.training.SavedRun;

/**
 * Using a trained run: predictions on a new input file, or the run's own final metrics recomputed
 * from its saved network.
 *
 * <ol>
 *   <li>Open the finished run folder: its settings.properties and its network (DL4J's model.zip or
 *       the scratch network's parameters/*.npy).</li>
 *   <li>With {@code --input FILE}: read the file as the run's kind reads its data, predict, and write
 *       the predictions CSV ({@code --output FILE.csv}, by default {@code predictions-<input name>.csv}
 *       in the run folder).</li>
 *   <li>With {@code --evaluate}: evaluate the saved network on the run's own data and print each
 *       final metric beside the value the run reported; any difference fails.</li>
 * </ol>
 * Usage: {@code Predict RUN_FOLDER --input FILE [--output FILE.csv]} or {@code Predict RUN_FOLDER --evaluate}.
 */
public final class Predict {

    private static final String WHO = "rnnlab predict";
    private static final String USAGE = "usage: Predict RUN_FOLDER --input FILE [--output FILE.csv] | "
            + "Predict RUN_FOLDER --evaluate";

    private Predict() {
    }

    public static void main(String[] args) {
        Experiments.main(args, Predict::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.guarded(WHO, io, () -> {
            Options options = Options.parse(args);
            SavedRun run = SavedRun.open(options.runFolder(), io.dataDir().get());
            return options.evaluate() ? evaluate(run, io) : predict(run, options, io);
        });
    }

    private static int predict(SavedRun run, Options options, Invocation io) throws Exception {
        Path output = options.output() != null ? options.output()
                : run.folder().resolve("predictions-" + stem(options.input()) + ".csv");
        int rows = run.predictor().predict(run.model(), options.input(), output);
        io.out().println(rows + " prediction(s) of the " + run.implementation().key() + " network of "
                + run.folder().getFileName() + " on " + options.input() + " written to " + output);
        return Experiments.OK;
    }

    private static int evaluate(SavedRun run, Invocation io) throws Exception {
        Map<String, Double> reported = run.reportedMetrics();
        Map<String, Double> recomputed = run.recomputeMetrics();
        Set<String> names = new LinkedHashSet<>(reported.keySet());
        names.addAll(recomputed.keySet());
        Table table = new Table(List.of("metric", "reported", "recomputed", "same"));
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            Double was = reported.get(name);
            Double now = recomputed.get(name);
            boolean same = was != null && was.equals(now);
            if (!same) {
                differing.add(name);
            }
            table.add(List.of(Table.Cell.text(name), cell(was), cell(now), Table.Cell.text(same ? "yes" : "NO")));
        }
        io.out().println(run.folder().getFileName() + " (" + run.implementation().key() + "), recomputed from the saved "
                + "network on the run's own data:");
        io.out().println(table.render());
        io.out().flush();
        if (!differing.isEmpty()) {
            io.err().println(WHO + ": the saved network does not reproduce the run's reported " + String.join(", ", differing)
                    + " (its data files may have changed since the run)");
            return Experiments.FAILED;
        }
        return Experiments.OK;
    }

    private static Table.Cell cell(Double value) {
        return value == null ? Table.Cell.text("-") : Table.Cell.text(NumberFormats.exact(value));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The command line: a run folder, then {@code --input FILE [--output FILE]} or {@code --evaluate}. */
    record Options(Path runFolder, Path input, Path output, boolean evaluate) {

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no run folder given; " + USAGE);
            }
            Path folder = null;
            Path input = null;
            Path output = null;
            boolean evaluate = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--input" -> input = Path.of(value(args, ++i, arg));
                    case "--output" -> output = Path.of(value(args, ++i, arg));
                    case "--evaluate" -> evaluate = true;
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + Snippet.of(arg) + "'; " + USAGE);
                        }
                        if (folder != null) {
                            throw new IllegalArgumentException("two run folders given ('" + Snippet.of(folder.toString())
                                    + "', '" + Snippet.of(arg) + "'); " + USAGE);
                        }
                        folder = Path.of(arg);
                    }
                }
            }
            if (folder == null) {
                throw new IllegalArgumentException("no run folder given; " + USAGE);
            }
            if (evaluate == (input != null)) {
                throw new IllegalArgumentException((evaluate ? "--evaluate and --input together" : "neither --input nor "
                        + "--evaluate given") + "; " + USAGE);
            }
            if (output != null && input == null) {
                throw new IllegalArgumentException("--output needs --input; " + USAGE);
            }
            return new Options(folder, input, output, evaluate);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].isBlank() || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a file after it; " + USAGE);
            }
            return args[i];
        }
    }
}

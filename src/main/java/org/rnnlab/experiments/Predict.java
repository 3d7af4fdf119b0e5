package org.rnnlab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rnnlab.data.Snippet;
import org.rnnlab.lab.report.AtomicFiles;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.settings.EscapedText;
import org.rnnlab.lab.tasks.CharModelTask;
import org.rnnlab.lab.tasks.Sampler;
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
 *   <li>With {@code --sample N} (character models): print and write N characters drawn after a prompt
 *       ({@code --prompt TEXT}, by default the run's; escapes as in settings files), at a temperature
 *       ({@code --temperature T}, by default the run's) from a seeded random stream ({@code --seed S},
 *       by default 1), to {@code --output FILE} or {@code sample-<seed>.txt} in the run folder.</li>
 * </ol>
 * Usage: {@code Predict RUN_FOLDER --input FILE [--output FILE.csv]}, {@code Predict RUN_FOLDER --evaluate}
 * or {@code Predict RUN_FOLDER --sample N [--prompt TEXT] [--temperature T] [--seed S] [--output FILE]}.
 */
public final class Predict {

    private static final String WHO = "rnnlab predict";
    private static final String USAGE = "usage: Predict RUN_FOLDER --input FILE [--output FILE.csv] | "
            + "Predict RUN_FOLDER --evaluate | "
            + "Predict RUN_FOLDER --sample N [--prompt TEXT] [--temperature T] [--seed S] [--output FILE]";

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
            if (options.evaluate()) {
                return evaluate(run, io);
            }
            return options.sample() != null ? sample(run, options, io) : predict(run, options, io);
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

    private static int sample(SavedRun run, Options options, Invocation io) throws Exception {
        Sampler sampler = run.sampler();
        String prompt = options.prompt() != null ? options.prompt() : sampler.defaultPrompt();
        double temperature = options.temperature() != null ? options.temperature() : sampler.defaultTemperature();
        String text = sampler.sample(run.model(), prompt, options.sample(), temperature, options.seed());
        Path output = options.output() != null ? options.output()
                : run.folder().resolve("sample-" + options.seed() + ".txt");
        AtomicFiles.writeText(output, prompt + text);
        io.out().println(prompt + text);
        io.out().println();
        io.out().println(options.sample() + " character(s) from the " + run.implementation().key() + " network of "
                + run.folder().getFileName() + " after the prompt '" + Snippet.of(prompt) + "', temperature "
                + temperature + ", seed " + options.seed() + ", written to " + output);
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

    /**
     * The command line: a run folder, then {@code --input FILE [--output FILE]}, {@code --evaluate} or
     * {@code --sample N [--prompt TEXT] [--temperature T] [--seed S] [--output FILE]}.
     */
    record Options(Path runFolder, Path input, Path output, boolean evaluate, Integer sample, String prompt,
                   Double temperature, long seed) {

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no run folder given; " + USAGE);
            }
            Path folder = null;
            Path input = null;
            Path output = null;
            boolean evaluate = false;
            Integer sample = null;
            String prompt = null;
            Double temperature = null;
            Long seed = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--input" -> input = Path.of(value(args, ++i, arg, "a file"));
                    case "--output" -> output = Path.of(value(args, ++i, arg, "a file"));
                    case "--evaluate" -> evaluate = true;
                    case "--sample" -> sample = count(value(args, ++i, arg, "a number of characters"));
                    case "--prompt" -> prompt = prompt(args, ++i);
                    case "--temperature" -> temperature = temperature(value(args, ++i, arg, "a number >= 0"));
                    case "--seed" -> seed = seed(value(args, ++i, arg, "an integer"));
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
            int modes = (evaluate ? 1 : 0) + (input != null ? 1 : 0) + (sample != null ? 1 : 0);
            if (modes != 1) {
                throw new IllegalArgumentException((modes == 0 ? "none of --input, --evaluate and --sample given"
                        : "give one of --input, --evaluate and --sample") + "; " + USAGE);
            }
            if (output != null && evaluate) {
                throw new IllegalArgumentException("--output goes with --input or --sample; " + USAGE);
            }
            if (sample == null && (prompt != null || temperature != null || seed != null)) {
                throw new IllegalArgumentException("--prompt, --temperature and --seed go with --sample; " + USAGE);
            }
            return new Options(folder, input, output, evaluate, sample, prompt, temperature, seed == null ? 1 : seed);
        }

        private static String value(String[] args, int i, String option, String what) {
            if (i >= args.length || args[i].isBlank() || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs " + what + " after it; " + USAGE);
            }
            return args[i];
        }

        /** The prompt may be any text, spaces and a leading '-' included; escapes as in settings files. */
        private static String prompt(String[] args, int i) {
            if (i >= args.length || args[i].isEmpty()) {
                throw new IllegalArgumentException("--prompt needs text after it; " + USAGE);
            }
            return EscapedText.unescape(args[i]).orElseThrow(() -> new IllegalArgumentException("--prompt '"
                    + Snippet.of(args[i]) + "' has a backslash that starts no escape; the escapes are "
                    + EscapedText.ESCAPES));
        }

        private static int count(String text) {
            try {
                int n = Integer.parseInt(text);
                if (n >= 1 && n <= CharModelTask.MAX_SAMPLE_LENGTH) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("--sample takes a number of characters, "
                    + CharModelTask.SAMPLE_LENGTH_BOUND + ", not '" + Snippet.of(text) + "'");
        }

        private static double temperature(String text) {
            try {
                double t = Double.parseDouble(text);
                if (t >= 0 && !Double.isInfinite(t)) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("--temperature takes a number >= 0 (0: always the most likely "
                    + "character), not '" + Snippet.of(text) + "'");
        }

        private static long seed(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed takes an integer, not '" + Snippet.of(text) + "'");
            }
        }
    }
}

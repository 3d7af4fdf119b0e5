package org.rnnlab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.rnnlab.data.files.Snippet;
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
 * The command line: {@link #USAGE}.
 */
public final class Predict {

    private static final String INPUT = "--input";
    private static final String OUTPUT = "--output";
    private static final String EVALUATE = "--evaluate";
    private static final String SAMPLE = "--sample";
    private static final String PROMPT = "--prompt";
    private static final String TEMPERATURE = "--temperature";
    private static final String SEED = "--seed";

    static final Usage USAGE = Usage.of(Predict.class, "rnnlab predict", "Uses a finished run's saved network:"
                    + " predictions on a new input file, the run's own final metrics recomputed, or text sampled from"
                    + " a character model.")
            .synopsis("RUN_FOLDER " + INPUT + " FILE [" + OUTPUT + " FILE.csv]")
            .synopsis("RUN_FOLDER " + EVALUATE)
            .synopsis("RUN_FOLDER " + SAMPLE + " N [" + PROMPT + " TEXT] [" + TEMPERATURE + " T] [" + SEED + " S] ["
                    + OUTPUT + " FILE]")
            .note("Give exactly one of " + INPUT + ", " + EVALUATE + " and " + SAMPLE + ".")
            .operands("RUN_FOLDER", Usage.Value.RUN_FOLDER, 1, 1, "a finished run's folder under target/runs/ (with"
                    + " its settings.properties and its network: model.zip or parameters/*.npy)")
            .option(INPUT + " FILE", Usage.Value.INPUT, "read FILE (or folder) as the run's kind reads its data,"
                    + " predict, and write the predictions CSV")
            .option(EVALUATE, "evaluate the saved network on the run's own data and print each final metric beside"
                    + " the value the run reported; any difference fails")
            .option(SAMPLE + " N", "character models: print and write N characters drawn after the prompt; N: "
                    + CharModelTask.SAMPLE_LENGTH_BOUND)
            .option(PROMPT + " TEXT", Usage.Value.ANY_TEXT, "with " + SAMPLE + ": the prompt, escapes as in settings"
                    + " files (default: the run's sample.prompt)")
            .option(TEMPERATURE + " T", "with " + SAMPLE + ": the temperature, a number >= 0; 0 always takes the"
                    + " most likely character (default: the run's)")
            .option(SEED + " S", "with " + SAMPLE + ": the seed of the random draws; the same seed gives the same"
                    + " text (default 1)")
            .option(OUTPUT + " FILE", "where to write: with " + INPUT + " the predictions CSV (default"
                    + " predictions-<input name>.csv in the run folder), with " + SAMPLE
                    + " the text (default sample-<seed>.txt there)")
            .status(Experiments.FAILED, "failed, or with " + EVALUATE + " a recomputed metric differs from the"
                    + " reported one: the message on standard error says which")
            .refuses(Experiments.UI, "it trains no network, so there is no training to show")
            .refuses(Experiments.RESUME, "it reads finished runs only")
            .build();

    private Predict() {
    }

    public static void main(String[] args) {
        Experiments.main(args, Predict::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return USAGE.run(args, io, given -> {
            Options options = Options.of(given);
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
            io.err().println(USAGE.who() + ": the saved network does not reproduce the run's reported "
                    + String.join(", ", differing)
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

        static Options of(Usage.Parsed given) {
            boolean evaluate = given.has(EVALUATE);
            Optional<String> input = given.value(INPUT);
            Optional<String> output = given.value(OUTPUT);
            Optional<String> sample = given.value(SAMPLE);
            Optional<String> prompt = given.value(PROMPT);
            Optional<String> temperature = given.value(TEMPERATURE);
            Optional<String> seed = given.value(SEED);
            int modes = (evaluate ? 1 : 0) + (input.isPresent() ? 1 : 0) + (sample.isPresent() ? 1 : 0);
            if (modes != 1) {
                throw new BadArguments(modes == 0 ? "none of --input, --evaluate and --sample given"
                        : "give one of --input, --evaluate and --sample");
            }
            if (output.isPresent() && evaluate) {
                throw new BadArguments("--output goes with --input or --sample");
            }
            if (sample.isEmpty() && (prompt.isPresent() || temperature.isPresent() || seed.isPresent())) {
                throw new BadArguments("--prompt, --temperature and --seed go with --sample");
            }
            return new Options(Path.of(given.operands().get(0)), input.map(Path::of).orElse(null),
                    output.map(Path::of).orElse(null), evaluate, sample.map(Options::count).orElse(null),
                    prompt.map(Options::prompt).orElse(null), temperature.map(Options::temperature).orElse(null),
                    seed.map(Options::seed).orElse(1L));
        }

        /** The prompt may be any text, spaces and a leading '-' included; escapes as in settings files. */
        private static String prompt(String text) {
            return EscapedText.unescape(text).orElseThrow(() -> new BadArguments("--prompt '" + Snippet.of(text)
                    + "' has a backslash that starts no escape; the escapes are " + EscapedText.ESCAPES));
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
            throw new BadArguments("--sample takes a number of characters, "
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
            throw new BadArguments("--temperature takes a number >= 0 (0: always the most likely "
                    + "character), not '" + Snippet.of(text) + "'");
        }

        private static long seed(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new BadArguments("--seed takes an integer, not '" + Snippet.of(text) + "'");
            }
        }
    }
}

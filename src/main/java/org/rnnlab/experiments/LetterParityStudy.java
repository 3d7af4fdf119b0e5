package org.rnnlab.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rnnlab.data.DataFiles;
import org.rnnlab.data.LetterExample;
import org.rnnlab.data.LettersFile;
import org.rnnlab.lab.ExperimentRunner;
import org.rnnlab.lab.LetterAutomata;
import org.rnnlab.lab.ParityGeneralisation.Implementation;
import org.rnnlab.lab.ParityGeneralisation.Outcome;
import org.rnnlab.lab.ParityGeneralisation.Study;
import org.rnnlab.lab.ParityGeneralisation.Variant;
import org.rnnlab.lab.ParityGeneralisation;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.Quartiles;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.report.Table.Cell;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.TaskSettings;

/**
 * E1 asked twice: what do the 12 training strings say about the rule, and how often does a network
 * that fits them get all 81 strings of length 4 right?
 *
 * <ol>
 *   <li>Automata: every finite automaton with 1, 2 and 3 states that labels the training strings
 *       correctly, and how those label the 81.</li>
 *   <li>Networks: each letter-parity settings file (by default E1's SimpleRnn and LSTM), trained from
 *       50 seeds at its own hidden size and at 1, 2, 4 and 8 units, by the scratch networks.</li>
 * </ol>
 * Prints both tables and writes them as CSV, every training's accuracies and plots to a run folder
 * under target/runs/. About 15 seconds.
 *
 * <p>Arguments (all optional): {@code --seeds N}, {@code --hidden 1,2,4}, {@code --dl4j} (train DL4J's
 * networks instead of the scratch ones: about a hundred times slower), settings files.
 */
public final class LetterParityStudy {

    static final int DEFAULT_SEEDS = 50;
    static final List<Integer> DEFAULT_HIDDEN = List.of(1, 2, 4, 8);

    private LetterParityStudy() {
    }

    public static void main(String[] args) {
        Experiments.exitOnError("rnnlab", () -> run(Options.parse(args)));
    }

    record Options(int seeds, List<Integer> hidden, Implementation implementation, List<Path> files) {

        static Options parse(String[] args) {
            int seeds = DEFAULT_SEEDS;
            List<Integer> hidden = DEFAULT_HIDDEN;
            Implementation implementation = Implementation.SCRATCH;
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seeds" -> seeds = positive("--seeds", value(args, ++i, "--seeds"));
                    case "--hidden" -> hidden = sizes(value(args, ++i, "--hidden"));
                    case "--dl4j" -> implementation = Implementation.DL4J;
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option '" + args[i]
                                    + "'; allowed: --seeds N, --hidden 1,2,4, --dl4j, settings files");
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (files.isEmpty()) {
                files = Experiments.files("e1-letter-parity-simplernn", "e1-letter-parity-lstm");
            }
            return new Options(seeds, hidden, implementation, files);
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

    static void run(Options options) throws IOException {
        List<ExperimentSettings> settings = new ArrayList<>();
        for (Path file : options.files()) {
            ExperimentSettings loaded = ExperimentSettings.load(file, DataFiles.dataDir());
            if (!(loaded.task() instanceof TaskSettings.LetterParity)) {
                throw new IllegalArgumentException(file + " is a '" + loaded.task().kind()
                        + "' experiment; the study needs '" + TaskSettings.LetterParity.KIND + "' settings");
            }
            settings.add(loaded);
        }
        RunFolder folder = RunFolder.create(ExperimentRunner.RUNS_ROOT, "letter-parity-study");

        Table automata = automataTable(settings);
        List<Study> studies = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (long seed = 1; seed <= options.seeds(); seed++) {
            seeds.add(seed);
        }
        for (ExperimentSettings file : settings) {
            Set<Integer> sizes = new LinkedHashSet<>();
            sizes.add(file.network().hidden());
            sizes.addAll(options.hidden());
            for (int hidden : sizes) {
                studies.add(ParityGeneralisation.run(new Variant(file, hidden), seeds, options.implementation()));
            }
        }
        Table networks = networksTable(studies);

        folder.writeText("automata.csv", automata.toCsv());
        folder.writeText("networks.csv", networks.toCsv());
        folder.writeText("trainings.csv", trainingsTable(studies).toCsv());
        List<String> plotFiles = new ArrayList<>();
        for (Map.Entry<String, LinePlot> plot : plots(studies).entrySet()) {
            if (plot.getValue().isEmpty()) {
                continue;
            }
            String name = "wide-accuracy-" + plot.getKey() + ".png";
            folder.write(name, file -> plot.getValue().save(file));
            plotFiles.add(name);
        }
        folder.writeText("summary.md", summary(automata, networks, plotFiles));
        Path done = folder.complete();

        System.out.println();
        System.out.println("Automata that label the training strings correctly:");
        System.out.println(automata.render());
        System.out.println("Networks trained on them, " + options.seeds() + " seeds each ("
                + options.implementation().key() + "):");
        System.out.println(networks.render());
        System.out.println("Run folder: " + done);
    }

    /** The census for each distinct pair of training and wide files among the settings. */
    static Table automataTable(List<ExperimentSettings> settings) {
        Table table = new Table(List.of("training strings", "states", "automata fitting them",
                "labellings of the wide set", "one of them is the labels'", "fewest wide strings right"));
        Set<List<Path>> done = new LinkedHashSet<>();
        for (ExperimentSettings file : settings) {
            TaskSettings.LetterParity task = (TaskSettings.LetterParity) file.task();
            if (!done.add(List.of(task.train(), task.wide()))) {
                continue;
            }
            List<LetterExample> train = LettersFile.read(task.train());
            List<LetterExample> wide = LettersFile.read(task.wide());
            String name = DataFiles.dataDir().relativize(task.train().toAbsolutePath().normalize()).toString();
            for (int states = 1; states <= LetterAutomata.MAX_STATES; states++) {
                LetterAutomata.Census census = LetterAutomata.census(train, wide, states);
                boolean any = census.consistent() > 0;
                table.add(List.of(Cell.text(name), Cell.count(states), Cell.count(census.consistent()),
                        Cell.count(census.labellings().size()),
                        Cell.text(any ? (census.includes(wide) ? "yes" : "no") : "-"),
                        Cell.text(any ? census.fewestCorrect(wide) + "/" + wide.size() : "-")));
            }
        }
        return table;
    }

    static Table networksTable(List<Study> studies) {
        Table table = new Table(List.of("settings", "implementation", "hidden", "trainings", "fit training",
                "all sets right",
                "wide accuracy when fit: min", "median", "max"));
        for (Study study : studies) {
            double[] wide = study.wideAccuracyWhenFit();
            boolean any = wide.length > 0;
            Quartiles quartiles = any ? Quartiles.of(wide) : null;
            table.add(List.of(Cell.text(study.variant().settings().name()), Cell.text(study.implementation().key()),
                    Cell.count(study.variant().hidden()), Cell.count(study.outcomes().size()), Cell.count(study.fitTraining()), Cell.count(study.allCorrect()),
                    Cell.number(any ? min(wide) : Double.NaN, 3),
                    Cell.number(any ? quartiles.median() : Double.NaN, 3),
                    Cell.number(any ? max(wide) : Double.NaN, 3)));
        }
        return table;
    }

    static Table trainingsTable(List<Study> studies) {
        Table table = new Table(List.of("settings", "implementation", "hidden", "seed", "diverged", "train_accuracy",
                "test_accuracy", "wide_accuracy"));
        for (Study study : studies) {
            for (Outcome outcome : study.outcomes()) {
                table.add(List.of(Cell.text(study.variant().settings().name()),
                        Cell.text(study.implementation().key()), Cell.count(study.variant().hidden()),
                        Cell.count(outcome.seed()), Cell.text(Boolean.toString(outcome.diverged())),
                        Cell.number(outcome.accuracy().train()), Cell.number(outcome.accuracy().test()),
                        Cell.number(outcome.accuracy().wide())));
            }
        }
        return table;
    }

    /** One plot per settings file, one series per hidden size: each training's wide-set accuracy. */
    private static Map<String, LinePlot> plots(List<Study> studies) {
        Map<String, LinePlot> plots = new LinkedHashMap<>();
        for (Study study : studies) {
            String name = study.variant().settings().name();
            LinePlot plot = plots.computeIfAbsent(name, n -> new LinePlot()
                    .title(n + " (" + study.implementation().key() + "): trainings that fit the training strings")
                    .xAxisTitle("seed").yAxisTitle("accuracy on the wide set"));
            List<Outcome> fit = study.outcomes().stream().filter(Outcome::fitsTraining).toList();
            if (!fit.isEmpty()) {
                double[] x = fit.stream().mapToDouble(Outcome::seed).toArray();
                double[] y = fit.stream().mapToDouble(o -> o.accuracy().wide()).toArray();
                plot.markers(study.variant().hidden() + " units", x, y);
            }
        }
        return plots;
    }

    private static String summary(Table automata, Table networks, List<String> plotFiles) {
        StringBuilder plots = new StringBuilder();
        for (String file : plotFiles) {
            plots.append("![").append(file).append("](").append(file).append(")\n\n");
        }
        return "# Letter parity: what the training strings determine\n\n"
                + "## Finite automata that label the training strings correctly\n\n"
                + "```\n" + automata.render() + "```\n\n"
                + "## Networks trained on them (one training per seed)\n\n"
                + "```\n" + networks.render() + "```\n\n"
                + plots
                + "Files: automata.csv, networks.csv, trainings.csv (one row per training).\n";
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}

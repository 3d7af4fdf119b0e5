package org.rnnlab.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.rnnlab.data.DataFiles;
import org.rnnlab.data.files.LetterExample;
import org.rnnlab.data.files.LettersFile;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.Quartiles;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.report.Table.Cell;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsFile;
import org.rnnlab.lab.tasks.LetterParityTask;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.TrainingUi;
import org.rnnlab.study.SeedStudy.Combination;
import org.rnnlab.study.SeedStudy.Outcome;
import org.rnnlab.study.SeedStudy.Training;

/**
 * E1's generalisation study, end to end: for the letter-parity settings files asked for, the
 * census of small automata that fit their training strings ({@link LetterAutomata}), then each file
 * trained from many seeds at several hidden sizes, written to a run folder as CSV tables (automata,
 * networks, one row per training), one plot per settings file and a Markdown summary.
 *
 * <p>The trainings are a {@link SeedStudy}: each file at each hidden size is a combination (the
 * file's text with {@code hidden} set, read and checked like a file), trained from seeds 1..N on the
 * study's pool, with E1's success criterion (every string of the three sets right) measured once,
 * after the last epoch: E1 trains 1,000 epochs of one minibatch, where measuring every epoch would
 * cost more than the training. By default the networks are the scratch ones: they train in
 * milliseconds, and started from the same parameters they follow DL4J's training runs to 1e-11
 * (checked in tests and in every main-job run). Their initial parameters come from the scratch
 * initialiser, which draws from the same distributions as DL4J's but not the same numbers, so a seed
 * there is not DL4J's seed; the rates over many seeds are what carries over.
 */
public final class ParityStudy {

    /**
     * What to study.
     *
     * @param files          letter-parity settings files
     * @param seeds          trainings per file and hidden size, from seeds 1, 2, ...
     * @param hidden         hidden sizes to try besides each file's own
     * @param implementation which networks to train
     * @param parallel       trainings at once
     */
    public record Request(List<Path> files, int seeds, List<Integer> hidden, Implementation implementation,
                          int parallel) {

        public Request {
            if (files.isEmpty()) {
                throw new IllegalArgumentException("the study needs at least one settings file");
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("the study needs at least one seed, got " + seeds);
            }
            if (parallel < 1) {
                throw new IllegalArgumentException("the study needs at least one thread, got " + parallel);
            }
            for (int size : hidden) {
                if (size < 1) {
                    throw new IllegalArgumentException("hidden sizes must be at least 1, got " + size);
                }
            }
            files = List.copyOf(files);
            hidden = List.copyOf(hidden);
        }

        /** One training at a time per core. */
        public Request(List<Path> files, int seeds, List<Integer> hidden, Implementation implementation) {
            this(files, seeds, hidden, implementation, Runtime.getRuntime().availableProcessors());
        }
    }

    /** The two tables as printed, the trainings behind them, and the finished run folder. */
    public record Result(Table automata, Table networks, List<Outcome> outcomes, Path folder) {
    }

    /** The metrics of {@link LetterParityTask#success()} this study reads. */
    static final String TRAIN = "train_accuracy";
    static final String TEST = "test_accuracy";
    static final String WIDE = "all_length4_accuracy";

    private ParityStudy() {
    }

    /**
     * Runs the study and writes its run folder under {@code runsRoot}.
     *
     * @throws IllegalArgumentException if a file is not a letter-parity experiment (before anything runs)
     * @throws org.rnnlab.lab.settings.SettingsException if a settings file is bad, or a hidden size is not
     *         allowed in one (before anything runs)
     */
    public static Result run(Request request, Path runsRoot) throws IOException {
        return run(request, runsRoot, new StopRequest());
    }

    /**
     * Runs the study as {@link #run(Request, Path)} does; when {@code stop} is requested every training
     * stops at its next minibatch and the folder keeps its {@code .incomplete} name.
     *
     * @throws org.rnnlab.lab.training.TrainingStoppedException after a requested stop
     */
    public static Result run(Request request, Path runsRoot, StopRequest stop) throws IOException {
        Backend.configure();
        Path dataDir = DataFiles.dataDir();
        List<ExperimentSettings> settings = new ArrayList<>();
        // every file at every size is read and checked before the run folder exists
        List<Combination> combinations = new ArrayList<>();
        Set<String> allSizes = new LinkedHashSet<>();
        for (Path path : request.files()) {
            ExperimentSettings loaded = TaskKinds.load(path, dataDir);
            if (!(loaded.task() instanceof LetterParityTask.Settings)) {
                throw new IllegalArgumentException(path + " is a '" + loaded.task().kind()
                        + "' experiment; the study needs '" + LetterParityTask.KIND.name() + "' settings");
            }
            settings.add(loaded);
            SettingsFile file = SettingsFile.read(path);
            Set<Integer> sizes = new LinkedHashSet<>();
            sizes.add(loaded.network().hidden());
            sizes.addAll(request.hidden());
            for (int hidden : sizes) {
                combinations.add(SeedStudy.combination(file, "hidden", Integer.toString(hidden), dataDir,
                        "--hidden " + hidden));
                allSizes.add(Integer.toString(hidden));
            }
        }
        Table automata = automataTable(settings, dataDir);
        RunFolder folder = RunFolder.create(runsRoot, "letter-parity-study");

        SeedStudy.Request trainings = new SeedStudy.Request(request.files(), request.seeds(), 1,
                Optional.of(new SeedStudy.Sweep("hidden", List.copyOf(allSizes))), request.implementation(),
                SeedStudy.Checks.AT_END, request.parallel());
        List<Outcome> outcomes = SeedStudy.trainAll(trainings, combinations, dataDir,
                folder.file(SeedStudy.TRAININGS), stop);
        Table networks = networksTable(outcomes, request.implementation());

        folder.writeText("automata.csv", automata.toCsv());
        folder.writeText("networks.csv", networks.toCsv());
        folder.writeText("trainings.csv", trainingsTable(outcomes, request.implementation()).toCsv());
        List<String> plotFiles = new ArrayList<>();
        for (Map.Entry<String, LinePlot> plot : plots(outcomes, request.implementation()).entrySet()) {
            if (plot.getValue().isEmpty()) {
                continue;
            }
            String name = "wide-accuracy-" + plot.getKey() + ".png";
            folder.write(name, file -> plot.getValue().save(file));
            plotFiles.add(name);
        }
        folder.writeText("summary.md", summary(automata, networks, plotFiles));
        return new Result(automata, networks, outcomes, TrainingUi.complete(folder));
    }

    /** Whether a training ended with every training string right. */
    static boolean fitsTraining(Training training) {
        return training.ranToTheEnd() && training.metrics().get(TRAIN) == 1.0;
    }

    /** One of a training's accuracies, NaN if it was not measured (the training diverged). */
    static double accuracy(Training training, String metric) {
        return training.metrics().getOrDefault(metric, Double.NaN);
    }

    /** The census for each distinct pair of training and wide files among the settings. */
    static Table automataTable(List<ExperimentSettings> settings, Path dataDir) {
        Table table = new Table(List.of("training strings", "states", "automata fitting them",
                "labellings of the wide set", "one of them is the labels'", "fewest wide strings right"));
        Set<List<Path>> done = new LinkedHashSet<>();
        for (ExperimentSettings file : settings) {
            LetterParityTask.Settings task = (LetterParityTask.Settings) file.task();
            if (!done.add(List.of(task.train(), task.wide()))) {
                continue;
            }
            List<LetterExample> train = LettersFile.read(task.train());
            List<LetterExample> wide = LettersFile.read(task.wide());
            String name = dataDir.relativize(task.train().toAbsolutePath().normalize()).toString();
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

    static Table networksTable(List<Outcome> outcomes, Implementation implementation) {
        Table table = new Table(List.of("settings", "implementation", "hidden", "trainings", "fit training",
                "all sets right", "wide accuracy when fit: min", "median", "max"));
        for (Outcome outcome : outcomes) {
            List<Training> trainings = outcome.trainings();
            double[] wide = trainings.stream().filter(ParityStudy::fitsTraining).mapToDouble(t -> accuracy(t, WIDE))
                    .toArray();
            boolean any = wide.length > 0;
            Quartiles quartiles = any ? Quartiles.of(wide) : null;
            DoubleSummaryStatistics range = Arrays.stream(wide).summaryStatistics();
            table.add(List.of(Cell.text(outcome.combination().settings().name()), Cell.text(implementation.key()),
                    Cell.count(outcome.combination().settings().network().hidden()), Cell.count(trainings.size()),
                    Cell.count(wide.length), Cell.count(outcome.successes()),
                    Cell.number(any ? range.getMin() : Double.NaN, 3),
                    Cell.number(any ? quartiles.median() : Double.NaN, 3),
                    Cell.number(any ? range.getMax() : Double.NaN, 3)));
        }
        return table;
    }

    static Table trainingsTable(List<Outcome> outcomes, Implementation implementation) {
        Table table = new Table(List.of("settings", "implementation", "hidden", "seed", "diverged", "train_accuracy",
                "test_accuracy", "wide_accuracy"));
        for (Outcome outcome : outcomes) {
            for (Training training : outcome.trainings()) {
                table.add(List.of(Cell.text(outcome.combination().settings().name()), Cell.text(implementation.key()),
                        Cell.count(outcome.combination().settings().network().hidden()), Cell.count(training.seed()),
                        Cell.text(Boolean.toString(!training.ranToTheEnd())), Cell.number(accuracy(training, TRAIN)),
                        Cell.number(accuracy(training, TEST)), Cell.number(accuracy(training, WIDE))));
            }
        }
        return table;
    }

    /** One plot per settings file, one series per hidden size: each training's wide-set accuracy. */
    private static Map<String, LinePlot> plots(List<Outcome> outcomes, Implementation implementation) {
        Map<String, LinePlot> plots = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            String name = outcome.combination().settings().name();
            LinePlot plot = plots.computeIfAbsent(name, n -> new LinePlot()
                    .title(n + " (" + implementation.key() + "): accuracy on the wide set")
                    .xAxisTitle("seed").yAxisTitle("share of the wide set right"));
            List<Training> trained = outcome.trainings().stream().filter(Training::ranToTheEnd).toList();
            if (!trained.isEmpty()) {
                double[] x = trained.stream().mapToDouble(Training::seed).toArray();
                double[] y = trained.stream().mapToDouble(t -> accuracy(t, WIDE)).toArray();
                plot.markers(outcome.combination().settings().network().hidden() + " units", x, y);
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
}

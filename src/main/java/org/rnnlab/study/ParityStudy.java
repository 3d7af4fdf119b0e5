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
import java.util.Set;

import org.rnnlab.data.DataFiles;
import org.rnnlab.data.LetterExample;
import org.rnnlab.data.LettersFile;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.Quartiles;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.report.Table.Cell;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.LetterParityTask;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.study.ParityGeneralisation.Outcome;
import org.rnnlab.study.ParityGeneralisation.Study;
import org.rnnlab.study.ParityGeneralisation.Variant;

/**
 * E1's generalisation study, end to end: for the letter-parity settings files asked for, the
 * census of small automata that fit their training strings ({@link LetterAutomata}), then each file
 * trained from many seeds at several hidden sizes ({@link ParityGeneralisation}), written to a run
 * folder as CSV tables (automata, networks, one row per training), one plot per settings file and
 * a Markdown summary.
 */
public final class ParityStudy {

    /**
     * What to study.
     *
     * @param files          letter-parity settings files
     * @param seeds          trainings per variant, from seeds 1, 2, ...
     * @param hidden         hidden sizes to try besides each file's own
     * @param implementation which networks to train
     */
    public record Request(List<Path> files, int seeds, List<Integer> hidden, Implementation implementation) {

        public Request {
            if (files.isEmpty()) {
                throw new IllegalArgumentException("the study needs at least one settings file");
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("the study needs at least one seed, got " + seeds);
            }
            files = List.copyOf(files);
            hidden = List.copyOf(hidden);
        }
    }

    /** The two tables as printed, and the finished run folder. */
    public record Result(Table automata, Table networks, Path folder) {
    }

    private ParityStudy() {
    }

    /**
     * Runs the study and writes its run folder under {@code runsRoot}.
     *
     * @throws IllegalArgumentException if a file is not a letter-parity experiment (before anything runs)
     * @throws org.rnnlab.lab.settings.SettingsException if a settings file is bad
     */
    public static Result run(Request request, Path runsRoot) throws IOException {
        Backend.configure();
        Path dataDir = DataFiles.dataDir();
        List<ExperimentSettings> settings = new ArrayList<>();
        for (Path file : request.files()) {
            ExperimentSettings loaded = TaskKinds.load(file, dataDir);
            if (!(loaded.task() instanceof LetterParityTask.Settings)) {
                throw new IllegalArgumentException(file + " is a '" + loaded.task().kind()
                        + "' experiment; the study needs '" + LetterParityTask.KIND.name() + "' settings");
            }
            settings.add(loaded);
        }
        // every variant is checked (its size among them) before the run folder exists
        List<Variant> variants = new ArrayList<>();
        for (ExperimentSettings file : settings) {
            Set<Integer> sizes = new LinkedHashSet<>();
            sizes.add(file.network().hidden());
            sizes.addAll(request.hidden());
            for (int hidden : sizes) {
                variants.add(new Variant(file, hidden));
            }
        }
        Table automata = automataTable(settings, dataDir);
        RunFolder folder = RunFolder.create(runsRoot, "letter-parity-study");

        List<Study> studies = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (long seed = 1; seed <= request.seeds(); seed++) {
            seeds.add(seed);
        }
        for (Variant variant : variants) {
            studies.add(ParityGeneralisation.run(variant, seeds, request.implementation()));
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
        return new Result(automata, networks, folder.complete());
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

    static Table networksTable(List<Study> studies) {
        Table table = new Table(List.of("settings", "implementation", "hidden", "trainings", "fit training",
                "all sets right", "wide accuracy when fit: min", "median", "max"));
        for (Study study : studies) {
            double[] wide = study.wideAccuracyWhenFit();
            boolean any = wide.length > 0;
            Quartiles quartiles = any ? Quartiles.of(wide) : null;
            DoubleSummaryStatistics range = Arrays.stream(wide).summaryStatistics();
            table.add(List.of(Cell.text(study.variant().settings().name()), Cell.text(study.implementation().key()),
                    Cell.count(study.variant().hidden()), Cell.count(study.outcomes().size()),
                    Cell.count(study.fitTraining()), Cell.count(study.allCorrect()),
                    Cell.number(any ? range.getMin() : Double.NaN, 3),
                    Cell.number(any ? quartiles.median() : Double.NaN, 3),
                    Cell.number(any ? range.getMax() : Double.NaN, 3)));
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
                    .title(n + " (" + study.implementation().key() + "): accuracy on the wide set")
                    .xAxisTitle("seed").yAxisTitle("share of the wide set right"));
            List<Outcome> trained = study.outcomes().stream().filter(o -> !o.diverged()).toList();
            if (!trained.isEmpty()) {
                double[] x = trained.stream().mapToDouble(Outcome::seed).toArray();
                double[] y = trained.stream().mapToDouble(o -> o.accuracy().wide()).toArray();
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
}

package org.rnnlab.experiments;

import java.util.ArrayList;
import java.util.List;

import org.rnnlab.data.generate.ControlChartGenerator;
import org.rnnlab.data.files.LabelledSequence;
import org.rnnlab.data.generate.TrainTestSplit;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.report.Table.Cell;
import org.rnnlab.data.generate.ControlChartBayes;

/**
 * The most any classifier can get right on the control chart series, full-length and cut to
 * 30..60 steps: the Bayes-optimal classifier worked out from the generator's equations
 * ({@link ControlChartBayes}).
 *
 * <ol>
 *   <li>On the committed sets (the generator's series of seed 1999, which the files under
 *       data/control-chart and data/control-chart-variable hold): its accuracy on the test and
 *       training parts, the shift series that look normal, those cut before their shift begins
 *       (certainly, and possibly, judged from the full series), and the test confusion matrices.</li>
 *   <li>On fresh series: its expected accuracy by Monte Carlo, with a 95% interval.</li>
 * </ol>
 * About a minute. Arguments (all optional): {@code --per-class N} fresh series of each class
 * (default {@value #DEFAULT_PER_CLASS}), {@code --seed S} their seed (default {@value #DEFAULT_SEED}).
 */
public final class ControlChartCeiling {

    static final int DEFAULT_PER_CLASS = 2000;
    static final long DEFAULT_SEED = 1;

    private static final String FULL = "60 steps";
    private static final String VARIABLE = "30..60 steps";

    private static final String PER_CLASS = "--per-class";
    private static final String SEED = "--seed";

    static final Usage USAGE = Usage.of(ControlChartCeiling.class, "rnnlab", "Works out the most any classifier can"
                    + " get right on the control chart series, full-length and cut to 30..60 steps: the Bayes-optimal"
                    + " classifier's accuracy on the committed sets, and its expected accuracy on fresh series.")
            .note("It trains no network and reads no settings file; about a minute.")
            .option(PER_CLASS + " N", "draw N fresh series of each class (default " + DEFAULT_PER_CLASS + ")")
            .option(SEED + " S", "the fresh series' seed, any whole number (default " + DEFAULT_SEED + ")")
            .refuses(Experiments.UI, "it trains no network, so there is no training to show")
            .refuses(Experiments.RESUME, "it trains no network, so there is nothing to resume; it is run again")
            .build();

    private ControlChartCeiling() {
    }

    public static void main(String[] args) {
        Experiments.main(args, ControlChartCeiling::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return USAGE.run(args, io, given -> {
            Options options = Options.of(given);
            ControlChartBayes bayes = new ControlChartBayes();
            TrainTestSplit full = ControlChartGenerator.generate(ControlChartGenerator.SEED);
            TrainTestSplit cut = ControlChartGenerator.generateVariableLength(ControlChartGenerator.SEED);

            Table sets = new Table(List.of("series", "part", "count", "Bayes accuracy", "correct", "ties",
                    "shift looking normal", "shift cut before it begins", "possibly"));
            ControlChartBayes.Score fullTest = row(sets, bayes, FULL, "test", full.test(), full.test());
            row(sets, bayes, FULL, "train", full.train(), full.train());
            ControlChartBayes.Score cutTest = row(sets, bayes, VARIABLE, "test", full.test(), cut.test());
            row(sets, bayes, VARIABLE, "train", full.train(), cut.train());

            io.out().println();
            io.out().println("Bayes-optimal classifier of the control chart series, on the committed sets"
                    + " (seed " + ControlChartGenerator.SEED + "):");
            io.out().println(sets.render());
            io.out().println("Confusion on the " + FULL + " test set (rows: true class, columns: Bayes decision):");
            io.out().println(confusion(fullTest).render());
            io.out().println("Confusion on the " + VARIABLE + " test set:");
            io.out().println(confusion(cutTest).render());
            io.out().flush();

            ControlChartBayes.Expectation expected = bayes.expected(options.perClass(), options.seed());
            Table fresh = new Table(List.of("series", "count", "expected accuracy", "95% low", "95% high", "ties"));
            freshRow(fresh, FULL, expected.full());
            freshRow(fresh, VARIABLE, expected.variable());
            io.out().println("Expected accuracy on fresh series, " + options.perClass() + " per class (seed "
                    + options.seed() + "; Wilson interval):");
            io.out().println(fresh.render());
            io.out().println("A fresh shift series is cut before its shift begins with probability "
                    + NumberFormats.fixed(ControlChartBayes.cutBeforeShiftProbability(), 4) + " (t3 > L), and then looks normal,"
                    + " so the expected " + VARIABLE + " accuracy is at most "
                    + NumberFormats.fixed(ControlChartBayes.variableLengthBound(), 4) + ".");
            io.out().println();
            io.out().println("Confusion on the fresh " + VARIABLE + " series:");
            io.out().println(confusion(expected.variable()).render());
            return Experiments.OK;
        });
    }

    private static ControlChartBayes.Score row(Table table, ControlChartBayes bayes, String series, String part,
            List<LabelledSequence> full, List<LabelledSequence> scored) {
        ControlChartBayes.Score score = bayes.score(scored);
        if (score.unexplained() > 0) {
            throw new IllegalStateException(score.unexplained() + " series of the " + series + " " + part
                    + " set fit no class; the likelihoods are wrong");
        }
        long lookingNormal = scored.stream()
                .filter(sequence -> sequence.label() >= 4 && ControlChartBayes.normal(sequence.values()) == 1)
                .count();
        table.add(List.of(Cell.text(series), Cell.text(part), Cell.count(score.series()),
                Cell.number(score.accuracy(), 4), number(score.correct()), Cell.count(score.ties()),
                Cell.count(lookingNormal), Cell.count(ControlChartBayes.cutBeforeShift(full, scored).size()),
                Cell.count(ControlChartBayes.maybeCutBeforeShift(full, scored).size())));
        return score;
    }

    private static void freshRow(Table table, String series, ControlChartBayes.Score score) {
        double[] interval = score.interval();
        table.add(List.of(Cell.text(series), Cell.count(score.series()), Cell.number(score.accuracy(), 4),
                Cell.number(interval[0], 4), Cell.number(interval[1], 4), Cell.count(score.ties())));
    }

    private static Table confusion(ControlChartBayes.Score score) {
        List<String> header = new ArrayList<>();
        header.add("true \\ decided");
        header.addAll(ControlChartGenerator.CLASS_NAMES);
        Table table = new Table(header);
        double[][] confusion = score.confusion();
        for (int c = 0; c < confusion.length; c++) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(ControlChartGenerator.CLASS_NAMES.get(c)));
            for (double value : confusion[c]) {
                row.add(number(value));
            }
            table.add(row);
        }
        return table;
    }

    /** A count, with two decimals when a tie has split it. */
    private static Cell number(double value) {
        return value == Math.rint(value) ? Cell.count((long) value) : Cell.number(value, 2);
    }

    record Options(int perClass, long seed) {

        /**
         * The options the arguments give.
         *
         * @throws BadArguments for an argument or value it does not take
         */
        static Options parse(String[] args) {
            return of(USAGE.parse(args));
        }

        private static Options of(Usage.Parsed given) {
            return new Options(given.positive(PER_CLASS, DEFAULT_PER_CLASS), given.whole(SEED, DEFAULT_SEED));
        }
    }
}

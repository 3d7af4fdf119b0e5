package org.rnnlab.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnnlab.data.files.Cells;
import org.rnnlab.data.files.LabelledSequence;

/**
 * The synthetic control chart series (after Alcock and Manolopoulos, 1999, as described with the
 * UCI "Synthetic Control Chart Time Series" data): six classes of series y(t), t = 1..60, each
 * the level m = 30 plus noise r·s with s = 2 and r drawn uniformly from [-3, 3] afresh at every
 * step, plus a pattern that marks the class:
 * <ol start="0">
 * <li>normal: nothing;</li>
 * <li>cyclic: a·sin(2πt/T), a and T uniform in [10, 15] per series;</li>
 * <li>increasing trend: +g·t, g uniform in [0.2, 0.5] per series;</li>
 * <li>decreasing trend: −g·t;</li>
 * <li>upward shift: +x from a step t3 on, x uniform in [7.5, 20] and t3 a whole step uniform in
 * [n/3, 2n/3] = [20, 40] per series;</li>
 * <li>downward shift: −x from t3 on.</li>
 * </ol>
 * Values are rounded to {@value #DECIMALS} decimals, as in the UCI file, and written with exactly
 * that many, so they read back as the very same doubles.
 *
 * <p>Everything comes from one {@link SplittableRandom} seeded by the caller, drawn in a fixed
 * order: class by class (0..5), {@value #PER_CLASS} series each, every series drawing its own
 * parameters (a then T; g; x then t3) before its 60 noise values; the first
 * {@value #TRAIN_PER_CLASS} series of each class go to training and the rest to test, in class
 * order; then the training list and then the test list are shuffled (Fisher–Yates, from the last
 * position down). The variable-length variant goes on drawing from the same stream: one length
 * uniform in [{@value #SHORTEST}, {@value #LENGTH}] per series, training then test, and keeps
 * that many first steps. {@link StrictMath#sin} makes the values the same on every JVM.
 */
public final class ControlChartGenerator {

    /** The seed of the committed files under data/control-chart and data/control-chart-variable. */
    public static final long SEED = 1999;
    /** The class names, by class index. */
    public static final List<String> CLASS_NAMES = List.of("normal", "cyclic", "increasing trend",
            "decreasing trend", "upward shift", "downward shift");
    /** Number of classes. */
    public static final int CLASSES = 6;
    /** Steps per series (n). */
    public static final int LENGTH = 60;
    /** Shortest series of the variable-length variant. */
    public static final int SHORTEST = 30;
    /** Series per class. */
    public static final int PER_CLASS = 100;
    /** Training series per class; the other {@code PER_CLASS - TRAIN_PER_CLASS} are test series. */
    public static final int TRAIN_PER_CLASS = 75;
    /** Decimals kept in every value. */
    public static final int DECIMALS = 4;

    static final double LEVEL = 30;
    static final double SPREAD = 2;
    static final double NOISE = 3;
    static final double MIN_AMPLITUDE = 10;
    static final double MAX_AMPLITUDE = 15;
    static final double MIN_PERIOD = 10;
    static final double MAX_PERIOD = 15;
    static final double MIN_GRADIENT = 0.2;
    static final double MAX_GRADIENT = 0.5;
    static final double MIN_SHIFT = 7.5;
    static final double MAX_SHIFT = 20;
    private static final double SCALE = StrictMath.pow(10, DECIMALS);

    private ControlChartGenerator() {
    }

    /** The 450 training and 150 test series of length {@value #LENGTH}, each class 75 / 25. */
    public static TrainTestSplit generate(long seed) {
        return draw(new SplittableRandom(seed));
    }

    /** The same series as {@link #generate} with the same seed, each cut to a length in 30..60. */
    public static TrainTestSplit generateVariableLength(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TrainTestSplit full = draw(random);
        return new TrainTestSplit(cut(full.train(), random), cut(full.test(), random));
    }

    /**
     * Fresh labelled series for DataVec ({@link org.rnnlab.data.datavec.SequenceIterators#generatedManyToOne}): each draw
     * takes a class uniformly, then its series with {@link #series}, then, with
     * {@code variableLength}, a length uniform in {@value #SHORTEST}..{@value #LENGTH} to cut it to,
     * all from one stream seeded by the caller's random source. Features: one value per step;
     * label: the class index.
     */
    public static SequenceGenerator sequences(boolean variableLength) {
        return random -> {
            SplittableRandom draws = new SplittableRandom(random.nextLong());
            int label = draws.nextInt(CLASSES);
            double[] values = series(label, draws);
            int length = variableLength ? draws.nextInt(SHORTEST, LENGTH + 1) : LENGTH;
            double[][] steps = new double[length][];
            for (int t = 0; t < length; t++) {
                steps[t] = new double[] {values[t]};
            }
            return new GeneratedSequence(steps, new double[][] {{label}});
        };
    }

    /** A drawn series as the Bayes classifier and the files take it: its class and its values. */
    public static LabelledSequence labelled(GeneratedSequence sequence) {
        double[] values = new double[sequence.features().length];
        for (int t = 0; t < values.length; t++) {
            values[t] = sequence.features()[t][0];
        }
        return new LabelledSequence((int) sequence.labels()[0][0], values);
    }

    /** One series of class {@code label}, drawing its parameters and then its noise from {@code random}. */
    public static double[] series(int label, SplittableRandom random) {
        if (label < 0 || label >= CLASSES) {
            throw new IllegalArgumentException("control chart classes are 0.." + (CLASSES - 1) + ", got " + label);
        }
        double amplitude = 0;
        double period = 1;
        double gradient = 0;
        double shift = 0;
        int shiftStep = 0;
        switch (label) {
            case 1 -> {
                amplitude = random.nextDouble(MIN_AMPLITUDE, MAX_AMPLITUDE);
                period = random.nextDouble(MIN_PERIOD, MAX_PERIOD);
            }
            case 2, 3 -> gradient = random.nextDouble(MIN_GRADIENT, MAX_GRADIENT);
            case 4, 5 -> {
                shift = random.nextDouble(MIN_SHIFT, MAX_SHIFT);
                shiftStep = random.nextInt(LENGTH / 3, 2 * LENGTH / 3 + 1);
            }
            default -> {
                // normal: level and noise only
            }
        }
        double[] values = new double[LENGTH];
        for (int t = 1; t <= LENGTH; t++) {
            double y = LEVEL + random.nextDouble(-NOISE, NOISE) * SPREAD;
            y += switch (label) {
                case 1 -> amplitude * StrictMath.sin(2 * Math.PI * t / period);
                case 2 -> gradient * t;
                case 3 -> -gradient * t;
                case 4 -> t >= shiftStep ? shift : 0;
                case 5 -> t >= shiftStep ? -shift : 0;
                default -> 0;
            };
            values[t - 1] = Math.round(y * SCALE) / SCALE;
        }
        return values;
    }

    /** A value as the files hold it: exactly {@value #DECIMALS} decimals. */
    public static String format(double value) {
        return Cells.fixed(value, DECIMALS);
    }

    /**
     * The README of a generated folder: what it holds, how it was made, the equations.
     *
     * @param writer the class that writes the folder, named in the README
     */
    public static String readme(boolean variableLength, String writer) {
        String folder = variableLength ? "control-chart-variable" : "control-chart";
        String method = variableLength ? "generateVariableLength" : "generate";
        String lengths = variableLength
                ? "Each series is the series of the same number in `data/control-chart/`, cut to its first L steps,\n"
                  + "L drawn uniformly from " + SHORTEST + ".." + LENGTH + " (so lengths differ within a minibatch: the iterator\n"
                  + "pads at the end and masks, and puts each label at its own last step).\n"
                : "Every series has " + LENGTH + " steps.\n";
        return """
                # Synthetic control chart series (%s)

                Six classes of synthetic process-control series, made by rnnlab itself (nothing here is
                copied from another data set): %d training and %d test series, %d and %d per class.
                %s
                Written by `%s` with `ControlChartGenerator.%s(%d)`; a test
                checks that these files equal a fresh run byte for byte.

                ## Layout (as the dl4j-examples UCI sequence classification example reads it)

                - `train/features/0.csv` .. `train/features/%d.csv`: one series each, one value per line,
                  one line per time step, %d decimals;
                - `train/labels/0.csv` ..: one line, the class index 0..5 of the series of the same number;
                - `test/features/`, `test/labels/`: the same for the %d test series.

                ## The classes

                With t = 1..%d, level m = %s, s = %s and r uniform in [-3, 3], drawn anew at every step:

                | class | name | y(t) |
                | --- | --- | --- |
                | 0 | normal | m + r·s |
                | 1 | cyclic | m + r·s + a·sin(2πt/T), a and T uniform in [10, 15] per series |
                | 2 | increasing trend | m + r·s + g·t, g uniform in [0.2, 0.5] per series |
                | 3 | decreasing trend | m + r·s − g·t |
                | 4 | upward shift | m + r·s + k(t)·x, x uniform in [7.5, 20]; k(t) = 0 before step t3, 1 from t3 on; t3 a whole step uniform in [20, 40] |
                | 5 | downward shift | m + r·s − k(t)·x |

                The equations follow the UCI description of the "Synthetic Control Chart Time Series" data
                (Alcock and Manolopoulos, 1999). The %d series of each class are split %d / %d between
                training and test, and each part is shuffled, all from the one seeded random stream
                (the order of the draws is in the Javadoc of `ControlChartGenerator`).
                """.formatted(folder, CLASSES * TRAIN_PER_CLASS, CLASSES * (PER_CLASS - TRAIN_PER_CLASS),
                TRAIN_PER_CLASS, PER_CLASS - TRAIN_PER_CLASS, lengths, writer, method, SEED, CLASSES * TRAIN_PER_CLASS - 1,
                DECIMALS, CLASSES * (PER_CLASS - TRAIN_PER_CLASS), LENGTH, Cells.number(LEVEL), Cells.number(SPREAD),
                PER_CLASS, TRAIN_PER_CLASS, PER_CLASS - TRAIN_PER_CLASS);
    }

    /**
     * The comment lines of a labelled-rows file of these series: what the rows hold and what each
     * class index means.
     */
    public static List<String> rowsComments(String part, int series) {
        StringBuilder classes = new StringBuilder();
        for (int k = 0; k < CLASSES; k++) {
            classes.append(k == 0 ? "" : ", ").append(k).append(' ').append(CLASS_NAMES.get(k));
        }
        return List.of("Synthetic control chart series: the " + series + " " + part + " series of data/control-chart,"
                        + " one per row, in the same order (see README.md).",
                "label: the class (" + classes + "); v1..v" + LENGTH + ": the series, one value per time step.");
    }

    /**
     * The README of the folder holding the fixed-length series in the labelled-rows layout.
     *
     * @param writer the class that writes the files, named in the README
     */
    public static String rowsReadme(String writer) {
        return """
                # Synthetic control chart series, one file per set (control-chart-rows)

                The very series of `data/control-chart/` (see its `README.md` for the six classes and how
                they are drawn), stored in the other layout rnnlab reads, `data.layout = rows`: one CSV file
                per set, one sequence per line.

                - `train.csv`: the %d training series; `test.csv`: the %d test series, each in the order
                  of the numbered files (row k holds `features/k.csv` with the label of `labels/k.csv`);
                - two `#` comment lines, then the header `label,v1,...,v%d`, then one row per series: the
                  class index 0..5, then the %d values, %d decimals each, so they read back as the same
                  numbers the numbered files hold.

                Written by `%s` from `ControlChartGenerator.generate(%d)`; a test
                checks that these files equal a fresh run byte for byte.
                """.formatted(CLASSES * TRAIN_PER_CLASS, CLASSES * (PER_CLASS - TRAIN_PER_CLASS), LENGTH, LENGTH,
                DECIMALS, writer, SEED);
    }

    private static TrainTestSplit draw(SplittableRandom random) {
        List<LabelledSequence> train = new ArrayList<>();
        List<LabelledSequence> test = new ArrayList<>();
        for (int label = 0; label < CLASSES; label++) {
            for (int i = 0; i < PER_CLASS; i++) {
                LabelledSequence sequence = new LabelledSequence(label, series(label, random));
                (i < TRAIN_PER_CLASS ? train : test).add(sequence);
            }
        }
        shuffle(train, random);
        shuffle(test, random);
        return new TrainTestSplit(train, test);
    }

    private static void shuffle(List<LabelledSequence> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            LabelledSequence kept = list.get(i);
            list.set(i, list.get(j));
            list.set(j, kept);
        }
    }

    private static List<LabelledSequence> cut(List<LabelledSequence> sequences, SplittableRandom random) {
        List<LabelledSequence> cut = new ArrayList<>(sequences.size());
        for (LabelledSequence sequence : sequences) {
            cut.add(sequence.prefix(random.nextInt(SHORTEST, LENGTH + 1)));
        }
        return cut;
    }
}

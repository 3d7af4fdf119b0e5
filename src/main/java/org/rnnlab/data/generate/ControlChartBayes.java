package org.rnnlab.data.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.rnnlab.data.files.LabelledSequence;


/**
 * The Bayes-optimal classifier of the control chart series, from the generator's own equations
 * ({@link ControlChartGenerator}): the best any classifier can do on average, full-length or cut.
 *
 * <p>The noise r·s is uniform in [-6, 6] at every step, so a series y of L steps has, under a
 * class with pattern p(θ), the density 12^-L times the prior probability of the parameters θ with
 * |y(t) − 30 − p(t; θ)| ≤ 6 at every step (widened by half the last kept decimal, as the values are
 * rounded). The factor 12^-L is the same for every class, so each class's likelihood is here that
 * probability, the <em>consistent fraction</em> of its prior:
 * <ul>
 * <li>normal: 1 or 0;</li>
 * <li>trend: the part of [0.2, 0.5] where g fits every step, an interval (exact);</li>
 * <li>shift: the mean over the 21 shift steps t3 = 20..40 of the part of [7.5, 20] where x fits,
 * again an interval (exact); a t3 beyond the series' end leaves a normal series;</li>
 * <li>cyclic: for each period T the amplitudes a that fit form an interval (exact), and its
 * length is integrated over T by the midpoint rule on fine cells, after a bound has dropped every
 * cell where no (a, T) can fit.</li>
 * </ul>
 * The classes are equally likely, so the Bayes decision is the class with the largest fraction;
 * a tie of k classes that includes the true one counts 1/k, its expected accuracy.
 */
public final class ControlChartBayes {

    /**
     * How far a value may lie from the level plus pattern: the noise bound 3·2, half the last kept
     * decimal (rounding), and a little for floating point.
     */
    public static final double TOLERANCE = ControlChartGenerator.NOISE * ControlChartGenerator.SPREAD
            + 0.5 / Math.pow(10, ControlChartGenerator.DECIMALS) + 1e-9;
    /** Halvings of [10, 15] down to the cells of the cyclic class's midpoint rule (cells of 5/2^16). */
    public static final int DEFAULT_DEPTH = 16;
    /** Halvings of [10, 15] down to the narrowest cell searched for a consistent period. */
    public static final int FINEST = 30;
    /** The first and last shift step t3. */
    public static final int FIRST_SHIFT_STEP = ControlChartGenerator.LENGTH / 3;
    public static final int LAST_SHIFT_STEP = 2 * ControlChartGenerator.LENGTH / 3;

    // the generator's own constants: the decision rule is worked out from its equations
    private static final int CLASSES = ControlChartGenerator.CLASSES;
    private static final double LEVEL = ControlChartGenerator.LEVEL;
    private static final double MIN_AMPLITUDE = ControlChartGenerator.MIN_AMPLITUDE;
    private static final double MAX_AMPLITUDE = ControlChartGenerator.MAX_AMPLITUDE;
    private static final double MIN_PERIOD = ControlChartGenerator.MIN_PERIOD;
    private static final double MAX_PERIOD = ControlChartGenerator.MAX_PERIOD;
    private static final double MIN_GRADIENT = ControlChartGenerator.MIN_GRADIENT;
    private static final double MAX_GRADIENT = ControlChartGenerator.MAX_GRADIENT;
    private static final double MIN_SHIFT = ControlChartGenerator.MIN_SHIFT;
    private static final double MAX_SHIFT = ControlChartGenerator.MAX_SHIFT;

    private final int depth;

    /** The classifier with cyclic cells of 5/2^{@value #DEFAULT_DEPTH}. */
    public ControlChartBayes() {
        this(DEFAULT_DEPTH);
    }

    /** The classifier with cyclic cells of 5/2^{@code depth}, {@code depth} in 0..{@value #FINEST}. */
    public ControlChartBayes(int depth) {
        if (depth < 0 || depth > FINEST) {
            throw new IllegalArgumentException("the period cells are halved 0.." + FINEST + " times, got " + depth);
        }
        this.depth = depth;
    }

    /**
     * The likelihood of a series under each class, up to the factor 12^-L all share: the consistent
     * fraction of that class's prior, by class index.
     */
    public double[] likelihoods(double[] series) {
        check(series);
        return new double[] {normal(series), cyclic(series), trend(series, 1), trend(series, -1),
                shift(series, 1), shift(series, -1)};
    }

    /** 1 if every value lies within {@link #TOLERANCE} of the level, else 0. */
    public static double normal(double[] series) {
        return firstOutlier(series) == series.length ? 1 : 0;
    }

    /** The fraction of gradients g in [0.2, 0.5] with every y(t) − 30 − sign·g·t within the tolerance. */
    public static double trend(double[] series, int sign) {
        check(series);
        double low = MIN_GRADIENT;
        double high = MAX_GRADIENT;
        for (int t = 1; t <= series.length && low <= high; t++) {
            double d = sign * (series[t - 1] - LEVEL);
            low = Math.max(low, (d - TOLERANCE) / t);
            high = Math.min(high, (d + TOLERANCE) / t);
        }
        return low <= high ? (high - low) / (MAX_GRADIENT - MIN_GRADIENT) : 0;
    }

    /**
     * The fraction of (t3, x) with x in [7.5, 20] and t3 in 20..40 equally likely such that the
     * steps before t3 lie within the tolerance of the level and the steps from t3 on within the
     * tolerance of the level plus sign·x.
     */
    public static double shift(double[] series, int sign) {
        double total = 0;
        for (int t3 = FIRST_SHIFT_STEP; t3 <= LAST_SHIFT_STEP; t3++) {
            total += shiftAt(series, sign, t3);
        }
        return total / (LAST_SHIFT_STEP - FIRST_SHIFT_STEP + 1);
    }

    /**
     * For one shift step t3: the fraction of x in [7.5, 20] that fits, given the steps before t3
     * fit the level (else 0). A t3 after the last step leaves a normal series: 1 or 0.
     */
    public static double shiftAt(double[] series, int sign, int t3) {
        check(series);
        if (firstOutlier(series) < Math.min(t3 - 1, series.length)) {
            return 0;
        }
        double low = MIN_SHIFT;
        double high = MAX_SHIFT;
        for (int t = t3; t <= series.length && low <= high; t++) {
            double d = sign * (series[t - 1] - LEVEL);
            low = Math.max(low, d - TOLERANCE);
            high = Math.min(high, d + TOLERANCE);
        }
        return low <= high ? (high - low) / (MAX_SHIFT - MIN_SHIFT) : 0;
    }

    /**
     * The fraction of (a, T) in [10, 15]² with every y(t) − 30 − a·sin(2πt/T) within the
     * tolerance. For each T the amplitudes that fit form an interval; its length is integrated over
     * T by halving [10, 15] into cells: a cell is dropped when no amplitude can fit even with the
     * sine free over the cell's range of phases (so no consistent period is lost, however narrow
     * its window), and a cell of width 5/2^{@code depth} contributes its width times the length at
     * its midpoint; where that length is 0 the cell is halved further, down to 5/2^{@value #FINEST},
     * so a narrow window between two midpoints is still found.
     */
    public double cyclic(double[] series) {
        check(series);
        return cell(series, MIN_PERIOD, MAX_PERIOD, 0) / (MAX_PERIOD - MIN_PERIOD) / (MAX_AMPLITUDE - MIN_AMPLITUDE);
    }

    private double cell(double[] series, double from, double to, int level) {
        if (!possible(series, from, to)) {
            return 0;
        }
        if (level >= depth) {
            double length = amplitudes(series, (from + to) / 2);
            if (length > 0 || level >= FINEST) {
                return (to - from) * length;
            }
        }
        double middle = (from + to) / 2;
        return cell(series, from, middle, level + 1) + cell(series, middle, to, level + 1);
    }

    /**
     * Whether some amplitude in [10, 15] could fit every step with the period anywhere in
     * [from, to]: at each step the sine may take any value of its range over the phases
     * 2πt/to..2πt/from. A necessary condition only.
     */
    static boolean possible(double[] series, double from, double to) {
        double low = MIN_AMPLITUDE;
        double high = MAX_AMPLITUDE;
        double slack = TOLERANCE + 1e-9;
        for (int t = 1; t <= series.length; t++) {
            double d = series[t - 1] - LEVEL;
            double first = 2 * Math.PI * t / to;
            double last = 2 * Math.PI * t / from;
            double sinFirst = Math.sin(first);
            double sinLast = Math.sin(last);
            double smallest = reaches(first, last, -Math.PI / 2) ? -1 : Math.min(sinFirst, sinLast);
            double largest = reaches(first, last, Math.PI / 2) ? 1 : Math.max(sinFirst, sinLast);
            // some s in [smallest, largest] with d - slack <= a*s <= d + slack, for a > 0:
            // a*smallest <= d + slack and a*largest >= d - slack
            if (smallest > 0) {
                high = Math.min(high, (d + slack) / smallest);
            } else if (smallest < 0) {
                low = Math.max(low, (d + slack) / smallest);
            } else if (d + slack < 0) {
                return false;
            }
            if (largest > 0) {
                low = Math.max(low, (d - slack) / largest);
            } else if (largest < 0) {
                high = Math.min(high, (d - slack) / largest);
            } else if (d - slack > 0) {
                return false;
            }
            if (low > high) {
                return false;
            }
        }
        return true;
    }

    /** Whether [from, to] holds a phase {@code peak} + 2πk. */
    private static boolean reaches(double from, double to, double peak) {
        double turn = 2 * Math.PI;
        return Math.ceil((from - peak) / turn) <= Math.floor((to - peak) / turn);
    }

    /** The length of the interval of amplitudes in [10, 15] that fit every step at period T. */
    static double amplitudes(double[] series, double period) {
        double low = MIN_AMPLITUDE;
        double high = MAX_AMPLITUDE;
        for (int t = 1; t <= series.length && low <= high; t++) {
            double d = series[t - 1] - LEVEL;
            double s = Math.sin(2 * Math.PI * t / period);
            if (s > 0) {
                low = Math.max(low, (d - TOLERANCE) / s);
                high = Math.min(high, (d + TOLERANCE) / s);
            } else if (s < 0) {
                low = Math.max(low, (d + TOLERANCE) / s);
                high = Math.min(high, (d - TOLERANCE) / s);
            } else if (Math.abs(d) > TOLERANCE) {
                return 0;
            }
        }
        return low <= high ? high - low : 0;
    }

    /**
     * The probability that the shift of {@code full} starts after step {@code length}, given all
     * of {@code full}: of the shift steps t3 that fit it, weighted by their fraction of x, the part
     * beyond {@code length} (0 for a series not of a shift class).
     */
    public static double shiftAfter(LabelledSequence full, int length) {
        int sign = shiftSign(full.label());
        if (sign == 0) {
            return 0;
        }
        double[] values = full.values();
        double after = 0;
        double all = 0;
        for (int t3 = FIRST_SHIFT_STEP; t3 <= LAST_SHIFT_STEP; t3++) {
            double fraction = shiftAt(values, sign, t3);
            all += fraction;
            if (t3 > length) {
                after += fraction;
            }
        }
        if (all == 0) {
            throw new IllegalArgumentException("the series is no " + ControlChartGenerator.CLASS_NAMES.get(full.label())
                    + " series: no shift step fits it");
        }
        return after / all;
    }

    /** +1 for the upward shift, −1 for the downward, 0 otherwise. */
    static int shiftSign(int label) {
        return label == 4 ? 1 : label == 5 ? -1 : 0;
    }

    /**
     * The Bayes decision for one series.
     *
     * @param likelihoods the consistent fraction of each class
     * @param best        the classes of the largest fraction (more than one on a tie; all six if no
     *                    class fits at all)
     */
    public record Decision(double[] likelihoods, int[] best) {

        public Decision {
            likelihoods = likelihoods.clone();
            best = best.clone();
        }

        @Override
        public double[] likelihoods() {
            return likelihoods.clone();
        }

        @Override
        public int[] best() {
            return best.clone();
        }

        /** The expected credit for the true class {@code label}: 1/k if it is among k best, else 0. */
        public double credit(int label) {
            for (int c : best) {
                if (c == label) {
                    return 1.0 / best.length;
                }
            }
            return 0;
        }

        /** Whether no class fits the series at all. */
        public boolean unexplained() {
            return Arrays.stream(likelihoods).allMatch(value -> value == 0);
        }
    }

    /** The Bayes decision for {@code series}. */
    public Decision decide(double[] series) {
        double[] likelihoods = likelihoods(series);
        double max = Arrays.stream(likelihoods).max().orElseThrow();
        int[] best = IntStream.range(0, CLASSES).filter(c -> likelihoods[c] == max).toArray();
        return new Decision(likelihoods, best);
    }

    /**
     * The Bayes classifier's record on a set of series.
     *
     * @param confusion   row true class, column decided class; a k-way tie adds 1/k to each of its classes
     * @param series      how many series
     * @param ties        series whose decision was a tie
     * @param unexplained series no class fits (none, if the fractions are right)
     */
    public record Score(double[][] confusion, int series, int ties, int unexplained) {

        public Score {
            confusion = Arrays.stream(confusion).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public double[][] confusion() {
            return Arrays.stream(confusion).map(double[]::clone).toArray(double[][]::new);
        }

        /** The expected number of correct decisions. */
        public double correct() {
            double correct = 0;
            for (int c = 0; c < confusion.length; c++) {
                correct += confusion[c][c];
            }
            return correct;
        }

        /** The expected accuracy. */
        public double accuracy() {
            return correct() / series;
        }

        /** The 95% Wilson score interval of the accuracy, as for a binomial proportion. */
        public double[] interval() {
            double z = 1.959963984540054;
            double p = accuracy();
            double n = series;
            double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
            double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
            return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
        }
    }

    /** The Bayes classifier's record on {@code sequences}. */
    public Score score(List<LabelledSequence> sequences) {
        Tally tally = new Tally();
        for (LabelledSequence sequence : sequences) {
            tally.add(sequence.label(), decide(sequence.values()));
        }
        return tally.score();
    }

    /** The expected accuracy over fresh draws, full-length and cut, from the same series. */
    public record Expectation(Score full, Score variable) {
    }

    /**
     * Monte Carlo estimate of the Bayes accuracy: {@code perClass} fresh series of each class from
     * {@link ControlChartGenerator#series}, all from one stream seeded with {@code seed}, each
     * scored at full length and cut to its first L steps, L uniform in 30..60 drawn right after it.
     */
    public Expectation expected(int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("need at least one series per class, got " + perClass);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Tally full = new Tally();
        Tally variable = new Tally();
        for (int label = 0; label < CLASSES; label++) {
            for (int i = 0; i < perClass; i++) {
                double[] series = ControlChartGenerator.series(label, random);
                int length = random.nextInt(ControlChartGenerator.SHORTEST, ControlChartGenerator.LENGTH + 1);
                full.add(label, decide(series));
                variable.add(label, decide(Arrays.copyOf(series, length)));
            }
        }
        return new Expectation(full.score(), variable.score());
    }

    /**
     * The probability that a fresh shift series of the variable-length set is cut before its shift
     * begins: t3 uniform in 20..40 and the length L uniform in 30..60, t3 > L. Such a series lies
     * within the tolerance of the level, where the normal class has likelihood 1 and the shift
     * class less (its x cannot fit any shifted step, since t3 = 20 lies within the series), so the
     * Bayes classifier calls it normal: its expected accuracy is at most 1 − (2/6)·this.
     */
    public static double cutBeforeShiftProbability() {
        int shorter = 0;
        int all = 0;
        for (int t3 = FIRST_SHIFT_STEP; t3 <= LAST_SHIFT_STEP; t3++) {
            for (int length = ControlChartGenerator.SHORTEST; length <= ControlChartGenerator.LENGTH; length++) {
                all++;
                shorter += t3 > length ? 1 : 0;
            }
        }
        return (double) shorter / all;
    }

    /** The bound {@link #cutBeforeShiftProbability} puts on the expected variable-length accuracy. */
    public static double variableLengthBound() {
        return 1 - 2.0 / CLASSES * cutBeforeShiftProbability();
    }

    /**
     * The series of {@code cut} (each the first steps of the series of the same position in
     * {@code full}) that belong to a shift class and whose shift certainly starts after their last
     * step: every shift step that fits the full series lies beyond the cut.
     */
    public static List<Integer> cutBeforeShift(List<LabelledSequence> full, List<LabelledSequence> cut) {
        return cutWithShiftAfter(full, cut, true);
    }

    /** As {@link #cutBeforeShift}, but the series whose shift may or may not start after the cut. */
    public static List<Integer> maybeCutBeforeShift(List<LabelledSequence> full, List<LabelledSequence> cut) {
        return cutWithShiftAfter(full, cut, false);
    }

    private static List<Integer> cutWithShiftAfter(List<LabelledSequence> full, List<LabelledSequence> cut,
            boolean certainly) {
        if (full.size() != cut.size()) {
            throw new IllegalArgumentException("full and cut sets differ in size: " + full.size() + " and " + cut.size());
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            LabelledSequence whole = full.get(i);
            LabelledSequence part = cut.get(i);
            if (whole.label() != part.label() || !whole.prefix(part.length()).equals(part)) {
                throw new IllegalArgumentException("series " + i + " of the cut set is not the start of series " + i
                        + " of the full set");
            }
            double after = shiftAfter(whole, part.length());
            if (certainly ? after == 1 : after > 0 && after < 1) {
                indices.add(i);
            }
        }
        return indices;
    }

    private static final class Tally {
        private final double[][] confusion = new double[CLASSES][CLASSES];
        private int series;
        private int ties;
        private int unexplained;

        void add(int label, Decision decision) {
            int[] best = decision.best();
            for (int c : best) {
                confusion[label][c] += 1.0 / best.length;
            }
            series++;
            if (best.length > 1) {
                ties++;
            }
            if (decision.unexplained()) {
                unexplained++;
            }
        }

        Score score() {
            return new Score(confusion, series, ties, unexplained);
        }
    }

    /** The index of the first value farther than the tolerance from the level, or the length if none. */
    private static int firstOutlier(double[] series) {
        check(series);
        for (int t = 0; t < series.length; t++) {
            if (Math.abs(series[t] - LEVEL) > TOLERANCE) {
                return t;
            }
        }
        return series.length;
    }

    private static void check(double[] series) {
        if (series == null || series.length == 0) {
            throw new IllegalArgumentException("a series needs at least one value");
        }
        if (series.length > ControlChartGenerator.LENGTH) {
            throw new IllegalArgumentException("a control chart series has at most " + ControlChartGenerator.LENGTH
                    + " steps, got " + series.length);
        }
    }
}

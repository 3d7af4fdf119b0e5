package org.rnnlab.data.generate;

import java.util.List;

/**
 * The sine series of experiments E2, E3 and E4. Every value is computed with {@link StrictMath#sin}
 * so the data files come out bit-identical on every JVM.
 */
public final class SineSeries {

    /** E2: the training series is sin(n) for n = 0..299. */
    public static final int E2_TRAIN_FIRST = 0;
    /** E2: the held-out series is sin(n) for n = 300..599. */
    public static final int E2_TEST_FIRST = 300;
    /** E2: values in each series. */
    public static final int E2_LENGTH = 300;

    /** E3: the window starts s; each window covers [s, s + E3_SPAN]. */
    public static final List<Integer> E3_STARTS = List.of(0, 1, 2);
    /** E3: width of a window on the t axis. */
    public static final double E3_SPAN = 10.0;
    /** E3: points per window, evenly spaced, both ends included. */
    public static final int E3_POINTS = 50;
    /** E3: true points before a window's start in its generation-truth file. */
    public static final int E3_PREFIX = 49;

    /** E4: sin(x / E4_DIVISOR). */
    public static final double E4_DIVISOR = 20.0;
    /** E4: training series x = 0..250: windows of 4 give its 247 samples. */
    public static final int E4_TRAIN_FIRST = 0;
    /** E4: validation series x = 375..625, the training construction shifted by 375. */
    public static final int E4_VALIDATION_FIRST = 375;
    /** E4: values in each series. */
    public static final int E4_LENGTH = 251;

    private SineSeries() {
    }

    /** sin(n) for the {@code count} integers n = first, first + 1, ... */
    public static double[] sinOfIntegers(int first, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = StrictMath.sin(first + i);
        }
        return values;
    }

    /** E3 window at start s: sin(t_k) with t_k = s + E3_SPAN * k / (E3_POINTS - 1), k = 0..E3_POINTS-1. */
    public static double[] e3Window(int start) {
        double[] values = new double[E3_POINTS];
        for (int k = 0; k < E3_POINTS; k++) {
            values[k] = StrictMath.sin(e3Time(start, k));
        }
        return values;
    }

    /**
     * E3 generation truth at start s: sin(t_k) for k = -{@link #E3_PREFIX}..E3_POINTS-1, i.e. a true prefix of
     * E3_PREFIX points before the window (same spacing) followed by the window itself. A generation protocol
     * may warm the hidden state up on the prefix before running free over the window.
     */
    public static double[] e3GenerationTruth(int start) {
        double[] values = new double[E3_PREFIX + E3_POINTS];
        for (int k = -E3_PREFIX; k < E3_POINTS; k++) {
            values[k + E3_PREFIX] = StrictMath.sin(e3Time(start, k));
        }
        return values;
    }

    /** The k-th time point of the E3 window at {@code start}, the last one exactly start + E3_SPAN. */
    public static double e3Time(int start, int k) {
        return start + E3_SPAN * k / (E3_POINTS - 1);
    }

    /** sin(x / 20) for the {@code count} integers x = first, first + 1, ... */
    public static double[] e4Series(int first, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = StrictMath.sin((first + i) / E4_DIVISOR);
        }
        return values;
    }
}

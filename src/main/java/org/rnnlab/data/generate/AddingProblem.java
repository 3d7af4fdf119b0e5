package org.rnnlab.data.generate;

import java.util.Random;

/**
 * The adding problem in its modern form (as in Le, Jaitly and Hinton 2015 and most later papers):
 * T steps of two inputs, a value drawn uniformly from [0, 1) and a marker that is 1 at exactly two
 * steps, one drawn uniformly from the first half (steps 0..T/2-1) and one from the second half
 * (T/2..T-1), and 0 elsewhere. The target, read once after the last step, is the sum of the two
 * marked values. Predicting the mean 1 scores an MSE of 1/6 (the variance of a sum of two uniform
 * values); a network must carry a value across up to T-1 steps to do better.
 *
 * <p>Hochreiter and Schmidhuber's original (1997, experiment 4) differs: values in [-1, 1], the first
 * marker among the first ten steps, the second in the first half, a target of 0.5 + sum / 4, and
 * success when every one of 2,560 test sequences is within 0.04 of its target.
 */
public final class AddingProblem {

    /** Input features per step: the value and the marker. */
    public static final int FEATURES = 2;
    /** The MSE of always predicting 1, the expected sum. */
    public static final double CHANCE_MSE = 1.0 / 6.0;

    private AddingProblem() {
    }

    /** A generator of sequences of {@code length} steps (an even number of at least 2). */
    public static SequenceGenerator of(int length) {
        if (length < 2 || length % 2 != 0) {
            throw new IllegalArgumentException("the adding problem needs an even length of at least 2, got " + length);
        }
        return random -> draw(length, random);
    }

    private static GeneratedSequence draw(int length, Random random) {
        double[][] steps = new double[length][FEATURES];
        for (double[] step : steps) {
            step[0] = random.nextDouble();
        }
        int half = length / 2;
        int first = random.nextInt(half);
        int second = half + random.nextInt(half);
        steps[first][1] = 1;
        steps[second][1] = 1;
        return new GeneratedSequence(steps, new double[][] {{steps[first][0] + steps[second][0]}});
    }
}

package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * A minibatch of sequences in plain arrays, indexed [example][step][unit] (DL4J's NWC order).
 *
 * <p>Masks are [example][step] and hold 0 or 1. The feature mask marks the steps that exist
 * (ragged lengths); the label mask marks the steps whose output counts in the score. A missing
 * mask means "every step". The arrays are not copied: callers must not change them while the
 * batch is in use.
 *
 * @param features    inputs, [mb][T][nIn]
 * @param labels      targets, [mb][T][nOut]
 * @param featureMask 1 where a step exists, or null
 * @param labelMask   1 where a step's output is scored, or null
 */
public record SequenceBatch(double[][][] features, double[][][] labels, double[][] featureMask,
                            double[][] labelMask) {

    public SequenceBatch {
        if (features == null || labels == null) {
            throw new IllegalArgumentException("a sequence batch needs features and labels");
        }
        int mb = features.length;
        if (mb == 0) {
            throw new IllegalArgumentException("a sequence batch needs at least one example");
        }
        if (labels.length != mb) {
            throw new IllegalArgumentException("features have " + mb + " examples but labels have " + labels.length);
        }
        int steps = features[0] == null ? 0 : features[0].length;
        if (steps == 0) {
            throw new IllegalArgumentException("features[0] has no steps; a sequence needs at least one");
        }
        int nIn = features[0][0] == null ? 0 : features[0][0].length;
        int nOut = labels[0] == null || labels[0].length == 0 || labels[0][0] == null ? 0 : labels[0][0].length;
        if (nIn == 0 || nOut == 0) {
            throw new IllegalArgumentException("features and labels need at least one unit per step, got nIn=" + nIn
                    + ", nOut=" + nOut);
        }
        requireShape(features, "features", mb, steps, nIn);
        requireShape(labels, "labels", mb, steps, nOut);
        requireMask(featureMask, "feature mask", mb, steps);
        requireMask(labelMask, "label mask", mb, steps);
    }

    /** A batch without masks: every step exists and is scored. */
    public static SequenceBatch of(double[][][] features, double[][][] labels) {
        return new SequenceBatch(features, labels, null, null);
    }

    /**
     * A many-to-one batch from one label per example, laid out as DL4J expects it: the label sits
     * at the example's last existing step (the last step with feature mask 1, or the final step
     * without a feature mask) and the label mask is 1 only there.
     *
     * @param features    inputs, [mb][T][nIn]
     * @param labels      one target per example, [mb][nOut]
     * @param featureMask 1 where a step exists, or null
     */
    public static SequenceBatch lastStep(double[][][] features, double[][] labels, double[][] featureMask) {
        if (features == null || labels == null) {
            throw new IllegalArgumentException("a sequence batch needs features and labels");
        }
        if (labels.length != features.length) {
            throw new IllegalArgumentException("features have " + features.length + " examples but labels have "
                    + labels.length);
        }
        int mb = features.length;
        int steps = mb == 0 || features[0] == null ? 0 : features[0].length;
        int nOut = mb == 0 || labels[0] == null ? 0 : labels[0].length;
        SequenceBatch shaped = new SequenceBatch(features, new double[mb][steps][nOut], featureMask, null);
        for (int b = 0; b < mb; b++) {
            if (labels[b] == null || labels[b].length != nOut) {
                throw new IllegalArgumentException("labels[" + b + "] has " + (labels[b] == null ? "no" : labels[b].length)
                        + " units, expected " + nOut);
            }
            for (int k = 0; k < nOut; k++) {
                if (!Double.isFinite(labels[b][k])) {
                    throw new IllegalArgumentException("labels[" + b + "][" + k + "] is " + labels[b][k]);
                }
            }
            System.arraycopy(labels[b], 0, shaped.labels[b][shaped.lastStep(b)], 0, nOut);
        }
        return shaped.withLabelMask(shaped.lastStepMask());
    }

    public int miniBatch() {
        return features.length;
    }

    public int timeSteps() {
        return features[0].length;
    }

    public int nIn() {
        return features[0][0].length;
    }

    public int nOut() {
        return labels[0][0].length;
    }

    /** The index of the example's last existing step: its last step with feature mask 1. */
    public int lastStep(int example) {
        if (featureMask == null) {
            return timeSteps() - 1;
        }
        for (int t = timeSteps() - 1; t >= 0; t--) {
            if (featureMask[example][t] != 0) {
                return t;
            }
        }
        throw new IllegalArgumentException("example " + example + " has no step with feature mask 1");
    }

    /** A label mask that is 1 only at each example's last existing step (many-to-one). */
    public double[][] lastStepMask() {
        double[][] mask = new double[miniBatch()][timeSteps()];
        for (int b = 0; b < miniBatch(); b++) {
            mask[b][lastStep(b)] = 1;
        }
        return mask;
    }

    /** This batch with the given label mask. */
    public SequenceBatch withLabelMask(double[][] mask) {
        return new SequenceBatch(features, labels, featureMask, mask);
    }

    /**
     * Steps [from, to) of every example, masks included: one truncated-BPTT segment. The step
     * rows are shared with this batch, not copied.
     */
    public SequenceBatch steps(int from, int to) {
        if (from < 0 || to > timeSteps() || from >= to) {
            throw new IllegalArgumentException("bad step range [" + from + ", " + to + ") for " + timeSteps()
                    + " steps");
        }
        int mb = miniBatch();
        double[][][] f = new double[mb][][];
        double[][][] l = new double[mb][][];
        double[][] fm = featureMask == null ? null : new double[mb][];
        double[][] lm = labelMask == null ? null : new double[mb][];
        for (int b = 0; b < mb; b++) {
            f[b] = Arrays.copyOfRange(features[b], from, to);
            l[b] = Arrays.copyOfRange(labels[b], from, to);
            if (fm != null) {
                fm[b] = Arrays.copyOfRange(featureMask[b], from, to);
            }
            if (lm != null) {
                lm[b] = Arrays.copyOfRange(labelMask[b], from, to);
            }
        }
        return new SequenceBatch(f, l, fm, lm);
    }

    /** Checks that features are a non-empty [mb][T][nIn] block of finite numbers. */
    static void requireFeatures(double[][][] features, int nIn) {
        if (features == null || features.length == 0) {
            throw new IllegalArgumentException("features need at least one example");
        }
        int steps = features[0] == null ? 0 : features[0].length;
        if (steps == 0) {
            throw new IllegalArgumentException("features[0] has no steps; a sequence needs at least one");
        }
        requireShape(features, "features", features.length, steps, nIn);
    }

    private static void requireShape(double[][][] data, String what, int mb, int steps, int width) {
        for (int b = 0; b < mb; b++) {
            if (data[b] == null || data[b].length != steps) {
                throw new IllegalArgumentException(what + "[" + b + "] has " + (data[b] == null ? "no" : data[b].length)
                        + " steps, expected " + steps + " (shape [mb][T][units])");
            }
            for (int t = 0; t < steps; t++) {
                double[] row = data[b][t];
                if (row == null || row.length != width) {
                    throw new IllegalArgumentException(what + "[" + b + "][" + t + "] has "
                            + (row == null ? "no" : row.length) + " units, expected " + width);
                }
                for (int k = 0; k < width; k++) {
                    if (!Double.isFinite(row[k])) {
                        throw new IllegalArgumentException(what + "[" + b + "][" + t + "][" + k + "] is " + row[k]);
                    }
                }
            }
        }
    }

    static void requireMask(double[][] mask, String what, int mb, int steps) {
        if (mask == null) {
            return;
        }
        if (mask.length != mb) {
            throw new IllegalArgumentException(what + " has " + mask.length + " examples, expected " + mb
                    + " (shape [mb][T])");
        }
        for (int b = 0; b < mb; b++) {
            if (mask[b] == null || mask[b].length != steps) {
                throw new IllegalArgumentException(what + "[" + b + "] has " + (mask[b] == null ? "no" : mask[b].length)
                        + " steps, expected " + steps + " (shape [mb][T])");
            }
            for (int t = 0; t < steps; t++) {
                if (mask[b][t] != 0 && mask[b][t] != 1) {
                    throw new IllegalArgumentException(what + "[" + b + "][" + t + "] is " + mask[b][t]
                            + "; masks hold 0 or 1");
                }
            }
        }
    }
}

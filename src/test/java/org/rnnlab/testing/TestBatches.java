package org.rnnlab.testing;

import java.util.Random;

import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.WeightInitSpec;

/** Deterministic random specs and batches for the scratch and check tests. */
public final class TestBatches {

    /** How a feature mask is laid out. */
    public enum MaskLayout {
        NONE,
        /** Ragged lengths, padding at the end. */
        PADDED_END,
        /** Ragged lengths, padding at the start (DataVec's ALIGN_END for features). */
        PADDED_START,
        /** Masked steps inside sequences. */
        HOLES
    }

    private TestBatches() {
    }

    public static NetworkSpec spec(CellType cell, int nIn, int hidden, int layers, int nOut, OutputMode mode,
                            OutputActivation activation, LossKind loss, boolean bias) {
        return new NetworkSpec(cell, nIn, hidden, layers, nOut, mode, activation, loss, bias,
                WeightInitSpec.normal(0, 0.6));
    }

    /**
     * A batch for the spec: Gaussian features (zero at masked steps), labels that suit the loss
     * (Gaussian for MSE, 0/1 for XENT, one-hot for MCXENT). Every example keeps at least one
     * existing step and, with a random label mask, at least one labelled step.
     */
    public static SequenceBatch batch(NetworkSpec spec, int mb, int steps, MaskLayout layout, boolean randomLabelMask,
                               Random random) {
        double[][] featureMask = layout == MaskLayout.NONE ? null : new double[mb][steps];
        double[][][] features = new double[mb][steps][spec.nIn()];
        double[][][] labels = new double[mb][steps][spec.nOut()];
        for (int e = 0; e < mb; e++) {
            int length = 1 + random.nextInt(steps);
            for (int t = 0; t < steps; t++) {
                boolean exists = switch (layout) {
                    case NONE -> true;
                    case PADDED_END -> t < length;
                    case PADDED_START -> t >= steps - length;
                    case HOLES -> t == 0 || random.nextInt(3) != 0;
                };
                if (featureMask != null) {
                    featureMask[e][t] = exists ? 1 : 0;
                }
                for (int k = 0; k < spec.nIn(); k++) {
                    features[e][t][k] = exists ? random.nextGaussian() : 0;
                }
                fillLabel(spec.loss(), labels[e][t], random);
            }
        }
        double[][] labelMask = null;
        if (randomLabelMask) {
            labelMask = new double[mb][steps];
            for (int e = 0; e < mb; e++) {
                labelMask[e][random.nextInt(steps)] = 1;
                for (int t = 0; t < steps; t++) {
                    if (random.nextBoolean()) {
                        labelMask[e][t] = 1;
                    }
                }
            }
        }
        return new SequenceBatch(features, labels, featureMask, labelMask);
    }

    public static void fillLabel(LossKind loss, double[] label, Random random) {
        switch (loss) {
            case MSE -> {
                for (int k = 0; k < label.length; k++) {
                    label[k] = random.nextGaussian();
                }
            }
            case XENT -> {
                for (int k = 0; k < label.length; k++) {
                    label[k] = random.nextBoolean() ? 1 : 0;
                }
            }
            case MCXENT -> label[random.nextInt(label.length)] = 1;
        }
    }
}

package org.rnnlab.check;

import java.util.List;
import java.util.Random;

import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;

/** Deterministic random specs and minibatches for the check tests. */
final class CheckFixtures {

    /** How the feature mask of a batch is laid out. */
    enum Masks {
        NONE,
        /** Ragged lengths, padding at the end. */
        PADDED_END,
        /** Ragged lengths, padding at the start (DataVec's ALIGN_END). */
        PADDED_START,
        /** Masked steps inside the sequences. */
        HOLES
    }

    /** A loss with the output activation it goes with. */
    record Output(LossKind loss, OutputActivation activation) {
    }

    /** Regression, the letter-parity original's MSE on a sigmoid, binary and multi-class classification. */
    static final List<Output> OUTPUTS = List.of(
            new Output(LossKind.MSE, OutputActivation.IDENTITY),
            new Output(LossKind.MSE, OutputActivation.SIGMOID),
            new Output(LossKind.XENT, OutputActivation.SIGMOID),
            new Output(LossKind.MCXENT, OutputActivation.SOFTMAX));

    private CheckFixtures() {
    }

    static NetworkSpec spec(CellType cell, int nIn, int hidden, int layers, int nOut, OutputMode mode, Output output,
                            boolean bias) {
        return new NetworkSpec(cell, nIn, hidden, layers, nOut, mode, output.activation(), output.loss(), bias,
                WeightInitSpec.normal(0, 0.6));
    }

    /** Full-batch training without TBPTT. */
    static TrainingSpec training(UpdaterKind updater, double learningRate, ClipSpec clip, long seed) {
        return new TrainingSpec(updater, learningRate, clip, 1, 1, 0, seed);
    }

    /**
     * A batch for the spec: Gaussian features (zero at masked steps), labels that suit the loss
     * (Gaussian for MSE, 0/1 for XENT, one-hot for MCXENT). Every example keeps at least one step.
     */
    static SequenceBatch batch(NetworkSpec spec, int mb, int steps, Masks masks, boolean randomLabelMask,
                               Random random) {
        double[][] featureMask = masks == Masks.NONE ? null : new double[mb][steps];
        double[][][] features = new double[mb][steps][spec.nIn()];
        double[][][] labels = new double[mb][steps][spec.nOut()];
        for (int e = 0; e < mb; e++) {
            int length = 1 + random.nextInt(steps);
            for (int t = 0; t < steps; t++) {
                boolean exists = switch (masks) {
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

    private static void fillLabel(LossKind loss, double[] label, Random random) {
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

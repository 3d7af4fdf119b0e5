package org.rnnlab.testing;

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
import org.rnnlab.testing.TestBatches.MaskLayout;
import org.rnnlab.testing.TestBatches;

/** Deterministic random specs and minibatches for the check tests. */
public final class CheckFixtures {

    /** A loss with the output activation it goes with. */
    public record Output(LossKind loss, OutputActivation activation) {
    }

    /** Regression, the letter-parity original's MSE on a sigmoid, binary and multi-class classification. */
    public static final List<Output> OUTPUTS = List.of(
            new Output(LossKind.MSE, OutputActivation.IDENTITY),
            new Output(LossKind.MSE, OutputActivation.SIGMOID),
            new Output(LossKind.XENT, OutputActivation.SIGMOID),
            new Output(LossKind.MCXENT, OutputActivation.SOFTMAX));

    private CheckFixtures() {
    }

    public static NetworkSpec spec(CellType cell, int nIn, int hidden, int layers, int nOut, OutputMode mode, Output output,
                            boolean bias) {
        return TestBatches.spec(cell, nIn, hidden, layers, nOut, mode, output.activation(), output.loss(), bias);
    }

    /** Full-batch training without TBPTT. */
    public static TrainingSpec training(UpdaterKind updater, double learningRate, ClipSpec clip, long seed) {
        return new TrainingSpec(updater, learningRate, clip, 1, 1, 0, seed);
    }

    /** A random batch for the spec (see {@link TestBatches#batch}). */
    public static SequenceBatch batch(NetworkSpec spec, int mb, int steps, MaskLayout masks, boolean randomLabelMask,
                               Random random) {
        return TestBatches.batch(spec, mb, steps, masks, randomLabelMask, random);
    }
}

package org.rnnlab.bench;

import java.io.Serializable;
import java.util.Locale;

import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.TrainingSpec;

/**
 * One network size to time: the network, its training (the minibatch size is {@code training.batch()})
 * and the sequence length.
 *
 * @param name           what the case is, e.g. "E2 lstm" or "template lstm"
 * @param network        the architecture
 * @param training       optimiser, clipping, minibatch size, truncated BPTT
 * @param steps          time steps per sequence (T)
 * @param minTimedSteps  the fewest timed steps, whatever the time budget says
 */
public record BenchCase(String name, NetworkSpec network, TrainingSpec training, int steps, int minTimedSteps) implements Serializable {

    public BenchCase {
        if (name == null || name.isBlank() || network == null || training == null) {
            throw new IllegalArgumentException("a benchmark case needs a name, a network and a training spec");
        }
        if (steps < 1 || minTimedSteps < 1) {
            throw new IllegalArgumentException("case '" + name + "': steps and minTimedSteps must be positive, got "
                    + steps + " and " + minTimedSteps);
        }
    }

    public int miniBatch() {
        return training.batch();
    }

    /** The size in short: layers x units, time steps, minibatch, e.g. "1x100 T25 b55" (plus "tbptt 49"). */
    public String size() {
        String size = String.format(Locale.ROOT, "%dx%d T%d b%d", network.layers(), network.hidden(), steps,
                miniBatch());
        return training.tbptt() > 0 ? size + " tbptt" + training.tbptt() : size;
    }

    /** Name and size, e.g. "E2 lstm 1x100 T25 b55". */
    public String label() {
        return name + " " + size();
    }

    /** Operations of one training step (see {@link FlopCount}). */
    public double flopsPerStep() {
        return FlopCount.trainingStep(network, steps, miniBatch());
    }
}

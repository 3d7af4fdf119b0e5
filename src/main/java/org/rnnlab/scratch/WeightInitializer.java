package org.rnnlab.scratch;

import java.util.OptionalInt;
import java.util.Random;

import org.rnnlab.spec.CellType;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.WeightInitSpec;

/**
 * Draws the initial parameters with DL4J's distributions (not its random stream): the same seed
 * gives the same numbers here, and DL4J's numbers come from the same distributions.
 *
 * <p>Fan values, as DL4J's parameter initializers pass them: a recurrent layer's as its cell says
 * ({@link CellType#weightFans}: SimpleRnn and GRU W (nIn, n), RW (n, n); LSTM W and RW both
 * (n, nIn + n)), the output layer's W (n, nOut). Biases start at zero, except a forget gate's
 * block of b ({@link CellType#forgetGateBlock}: the LSTM's [n, 2n)), which starts at the spec's
 * forget bias (1 unless set) when the network has biases.
 */
final class WeightInitializer {

    private WeightInitializer() {
    }

    /** Fills {@code params} (laid out by {@code layout}) from a {@link Random} seeded with {@code seed}. */
    static void initialize(NetworkSpec spec, ParameterLayout layout, double[] params, long seed) {
        Random random = new Random(seed);
        int n = spec.hidden();
        OptionalInt forgetGate = spec.cell().forgetGateBlock();
        for (ParamBlock block : layout.blocks()) {
            if (block.isBias()) {
                boolean forgetGateOpen = forgetGate.isPresent() && spec.bias() && block.layer() < spec.layers()
                        && ParamBlock.BIAS.equals(block.key());
                if (forgetGateOpen) {
                    int from = forgetGate.getAsInt() * n;
                    for (int j = from; j < from + n; j++) {
                        params[block.index(0, j)] = spec.forgetBias();
                    }
                }
                continue;
            }
            double fanIn;
            double fanOut;
            if (block.layer() == spec.layers()) {
                fanIn = n;
                fanOut = spec.nOut();
            } else {
                int layerIn = block.layer() == 0 ? spec.nIn() : n;
                boolean recurrent = ParamBlock.RECURRENT_WEIGHTS.equals(block.key());
                fanIn = spec.cell().weightFans().fanIn(layerIn, n, recurrent);
                fanOut = spec.cell().weightFans().fanOut(layerIn, n, recurrent);
            }
            for (int k = block.offset(); k < block.end(); k++) {
                params[k] = draw(spec.init(), fanIn, fanOut, random);
            }
        }
    }

    private static double draw(WeightInitSpec init, double fanIn, double fanOut, Random random) {
        return switch (init.kind()) {
            case NORMAL -> init.a() + init.b() * random.nextGaussian();
            case UNIFORM -> init.a() + (init.b() - init.a()) * random.nextDouble();
            case XAVIER -> random.nextGaussian() * Math.sqrt(2.0 / (fanIn + fanOut));
        };
    }
}

package org.rnnlab.scratch;

import java.util.Random;

import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.WeightInitSpec;

/**
 * Draws the initial parameters with DL4J's distributions (not its random stream): the same seed
 * gives the same numbers here, and DL4J's numbers come from the same distributions.
 *
 * <p>Fan values, as DL4J's parameter initializers pass them: SimpleRnn W (nIn, n), RW (n, n);
 * LSTM W and RW both (n, nIn + n); GRU as SimpleRnn (rnnlab's DL4J GRU layer passes the same);
 * output layer W (n, nOut). Biases start at zero, except the LSTM forget-gate block [n, 2n), which
 * starts at the spec's forget bias (1 unless set) when the network has biases.
 */
final class WeightInitializer {

    private WeightInitializer() {
    }

    /** Fills {@code params} (laid out by {@code layout}) from a {@link Random} seeded with {@code seed}. */
    static void initialize(NetworkSpec spec, ParameterLayout layout, double[] params, long seed) {
        Random random = new Random(seed);
        int n = spec.hidden();
        for (ParamBlock block : layout.blocks()) {
            if (block.isBias()) {
                boolean forgetGateOpen = switch (spec.cell()) {
                    case SIMPLE_RNN, GRU -> false;
                    case LSTM -> spec.bias() && block.layer() < spec.layers();
                };
                if (forgetGateOpen) {
                    for (int j = n; j < 2 * n; j++) {
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
                // DL4J's fans: the LSTM takes fanIn = n, fanOut = nIn + n for W and RW alike.
                double[] fans = switch (spec.cell()) {
                    case LSTM -> new double[] {n, layerIn + n};
                    case SIMPLE_RNN, GRU -> new double[] {ParamBlock.RECURRENT_WEIGHTS.equals(block.key()) ? n : layerIn, n};
                };
                fanIn = fans[0];
                fanOut = fans[1];
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

package org.rnnlab.scratch;

import org.rnnlab.spec.ClipSpec;

/**
 * Per-layer gradient clipping as DL4J's updater applies it (after dividing by the minibatch,
 * before the update rule): ELEMENTWISE clamps every entry to [−t, t]; L2_PER_LAYER rescales a
 * layer's whole gradient (all its parameters, biases included) to norm t when its L2 norm exceeds t.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** Clips {@code gradient} (laid out by {@code layout}) in place. */
    public static void apply(ClipSpec clip, ParameterLayout layout, double[] gradient) {
        double t = clip.threshold();
        switch (clip.kind()) {
            case NONE -> {
            }
            case ELEMENTWISE -> {
                for (int k = 0; k < gradient.length; k++) {
                    gradient[k] = Math.max(-t, Math.min(t, gradient[k]));
                }
            }
            case L2_PER_LAYER -> {
                for (int layer = 0; layer < layout.layerCount(); layer++) {
                    int from = layout.layerStart(layer);
                    int to = layout.layerEnd(layer);
                    double sumOfSquares = 0;
                    for (int k = from; k < to; k++) {
                        sumOfSquares += gradient[k] * gradient[k];
                    }
                    double norm = Math.sqrt(sumOfSquares);
                    if (norm > t) {
                        double scale = t / norm;
                        for (int k = from; k < to; k++) {
                            gradient[k] *= scale;
                        }
                    }
                }
            }
        }
    }
}

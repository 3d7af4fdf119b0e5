package org.rnnlab.spec;

import java.io.Serializable;

/**
 * Gradient clipping applied to each layer's raw gradient before the updater.
 *
 * @param kind      none, elementwise, or by L2 norm per layer
 * @param threshold clip value (elementwise) or maximum norm (L2); unused for NONE
 */
public record ClipSpec(Kind kind, double threshold) implements Serializable {

    public enum Kind {
        NONE,
        /** Each entry clipped to [-threshold, threshold] (DL4J's ClipElementWiseAbsoluteValue). */
        ELEMENTWISE,
        /** Each layer's gradient rescaled to norm threshold when its L2 norm exceeds it (ClipL2PerLayer). */
        L2_PER_LAYER
    }

    public ClipSpec {
        if (kind == null) {
            throw new IllegalArgumentException("clip kind is required");
        }
        if (kind != Kind.NONE && !(threshold > 0)) {
            throw new IllegalArgumentException("clip threshold must be positive, got " + threshold);
        }
    }

    public static ClipSpec none() {
        return new ClipSpec(Kind.NONE, 0);
    }
}

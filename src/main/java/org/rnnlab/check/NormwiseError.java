package org.rnnlab.check;

import org.rnnlab.scratch.ParamBlock;
import org.rnnlab.scratch.ParameterLayout;

/**
 * How far one flat vector (a gradient, a set of parameters) is from a reference, block by block:
 * ‖a − ref‖₂ / ‖ref‖₂ over each parameter block, and the worst block. Entry by entry relative
 * errors suit comparisons to the last digits of double; in float an entry that is a small
 * difference of large terms keeps few correct digits however right the arithmetic, while a
 * block's norm is as accurate as rounding theory says, so the float agreement reads this.
 *
 * @param worst the largest relative error of a block (0 for a block whose reference is 0 and equals it)
 * @param block the name of that block, e.g. "0_RW"
 */
public record NormwiseError(double worst, String block) {

    /**
     * The worst block of {@code a} against {@code reference}, both in the layout's flat order. A
     * block whose reference is all zeros counts by its absolute norm.
     */
    public static NormwiseError of(ParameterLayout layout, double[] a, double[] reference) {
        if (a.length != layout.size() || reference.length != layout.size()) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + reference.length
                    + " entries for a layout of " + layout.size());
        }
        double worst = 0;
        String worstBlock = layout.blocks().get(0).name();
        for (ParamBlock block : layout.blocks()) {
            double difference = 0;
            double size = 0;
            for (int k = block.offset(); k < block.end(); k++) {
                double d = a[k] - reference[k];
                difference += d * d;
                size += reference[k] * reference[k];
            }
            double error = size == 0 ? Math.sqrt(difference) : Math.sqrt(difference / size);
            if (Double.isNaN(error) || error > worst) {
                worst = error;
                worstBlock = block.name();
                if (Double.isNaN(error)) {
                    break;
                }
            }
        }
        return new NormwiseError(worst, worstBlock);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.3e (block %s)", worst, block);
    }
}

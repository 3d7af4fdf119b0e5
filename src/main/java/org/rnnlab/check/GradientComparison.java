package org.rnnlab.check;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.bridge.Batches;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.SequenceBatch;

/**
 * DL4J's gradient against the scratch network's, for the same parameters and minibatch: the
 * check that the hand-written BPTT and the framework compute the same thing.
 *
 * <p>Both gradients are as {@code computeGradientAndScore()} leaves them: summed over the
 * minibatch (mb × ∂score/∂θ), before the updater divides, clips or steps. DL4J's is read right
 * after that call, never after {@code fit()}, which would leave the updater's step in its place.
 * Both sides see the same label mask ({@link ScratchNetwork#withOutputModeMask}), so a
 * many-to-one network is scored at each sequence's last step on both.
 *
 * <p>In double precision the two agree to about 1e-15 relative; a real difference in the
 * backward pass shows up many orders of magnitude above that, in the parameters it touches.
 */
public final class GradientComparison {

    /** Name of the DL4J side in reports. */
    public static final String DL4J = "dl4j";
    /** Name of the scratch side in reports. */
    public static final String SCRATCH = "scratch";

    private GradientComparison() {
    }

    /**
     * Compares the gradients at the DL4J network's parameters, which are first copied into the
     * scratch network (the DL4J network itself is not changed).
     *
     * @param net     a network without truncated BPTT, built by {@link org.rnnlab.dl4j.NetworkFactory}
     *                for the scratch network's spec (so in its precision)
     * @param scratch the scratch network; its parameters are overwritten
     * @param batch   the minibatch; for many-to-one without a label mask, the last-step mask is added
     */
    public static Report compare(MultiLayerNetwork net, ScratchNetwork scratch, SequenceBatch batch) {
        DataType type = net.params().dataType();
        if (type != NetworkFactory.dataType(scratch.precision())) {
            throw new IllegalArgumentException("the DL4J network holds " + type + " parameters but the scratch network "
                    + "computes in " + scratch.precision().key() + "; build both from one spec");
        }
        ParameterBridge.toScratch(net, scratch);
        SequenceBatch scored = scratch.withOutputModeMask(batch);
        double[] dl4jGradient = new double[scratch.numParams()];
        double dl4jScore = dl4jGradientAndScore(net, scored, dl4jGradient);
        double[] scratchGradient = new double[scratch.numParams()];
        double scratchScore = scratch.computeGradientAndScore(scored, scratchGradient);
        return Report.of("gradient summed over the minibatch: " + DL4J + " vs " + SCRATCH, scratch.spec(),
                RelativeError.ANALYTIC, DL4J, dl4jScore, dl4jGradient, SCRATCH, scratchScore, scratchGradient);
    }

    /**
     * DL4J's score and gradient for one minibatch, from a cleared recurrent state, with the batch's
     * masks set the way {@code fit(DataSet)} sets them. The gradient is written into {@code gradOut}
     * in the flat parameter order, summed over the minibatch.
     *
     * @param batch   the minibatch with the label mask DL4J should use (see
     *                {@link ScratchNetwork#withOutputModeMask})
     * @param gradOut receives the gradient, {@code net.numParams()} entries
     * @return the score, (1/mb) Σ_examples Σ_steps labelMask · loss
     */
    public static double dl4jGradientAndScore(MultiLayerNetwork net, SequenceBatch batch, double[] gradOut) {
        requireComparable(net);
        if (gradOut == null || gradOut.length != net.numParams()) {
            throw new IllegalArgumentException("gradient array must hold " + net.numParams() + " entries, got "
                    + (gradOut == null ? "null" : gradOut.length));
        }
        DataSet data = Batches.inTypeOf(net, Batches.toDataSet(batch));
        net.rnnClearPreviousState();
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.setLayerMaskArrays(data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        try {
            net.computeGradientAndScore();
            Gradient gradient = net.gradient();
            INDArray flat = gradient.gradient();
            if (flat.length() != gradOut.length) {
                throw new IllegalStateException("DL4J's flattened gradient has " + flat.length()
                        + " entries, the network " + gradOut.length + " parameters");
            }
            double[] values = flat.castTo(DataType.DOUBLE).reshape(flat.length()).toDoubleVector();
            System.arraycopy(values, 0, gradOut, 0, values.length);
            return net.score();
        } finally {
            net.clearLayerMaskArrays();
            net.rnnClearPreviousState();
        }
    }

    /**
     * A floating-point network (double for comparisons to the last digits, float for the float
     * agreement) and full BPTT: anything else would compare something other than the gradient.
     */
    private static void requireComparable(MultiLayerNetwork net) {
        DataType type = net.params().dataType();
        if (type != DataType.DOUBLE && type != DataType.FLOAT) {
            throw new IllegalArgumentException("gradient comparison needs a DOUBLE or FLOAT network, this one holds "
                    + type + " parameters; build it with NetworkFactory.configuration(network, training)");
        }
        if (net.getLayerWiseConfigurations().getBackpropType() == BackpropType.TruncatedBPTT) {
            throw new IllegalArgumentException("gradient comparison needs full BPTT: with truncated BPTT "
                    + "computeGradientAndScore() truncates the backward pass; compare truncated training with "
                    + "TrajectoryComparison");
        }
    }
}

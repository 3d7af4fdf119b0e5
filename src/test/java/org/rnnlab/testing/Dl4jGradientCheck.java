package org.rnnlab.testing;

import java.util.Set;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * DL4J's own GradientCheckUtil (central differences, ε = 1e-6, relative error at most 1e-3) with
 * its absolute floor raised to what the score's rounding allows ({@link GradientCheck#absoluteFloor}):
 * DL4J's fixed 1e-8 is below the rounding noise of a finite difference of a large summed score, so
 * on some BLAS kernel choices a tiny entry of a correct gradient failed and on others it passed.
 */
public final class Dl4jGradientCheck {

    /** GradientCheckUtil's default step. */
    public static final double EPSILON = 1e-6;

    private Dl4jGradientCheck() {
    }

    /** The floor for {@code net} at its current parameters on {@code data}. */
    public static double absoluteFloor(MultiLayerNetwork net, DataSet data) {
        return GradientCheck.absoluteFloor(net.score(data, false), EPSILON);
    }

    /**
     * Whether every checked entry passes.
     *
     * @param exclude     parameters not checked (e.g. frozen ones)
     * @param maxPerParam when above 0, an evenly spread subset of at most that many entries per array
     */
    public static boolean passes(MultiLayerNetwork net, DataSet data, Set<String> exclude, int maxPerParam) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net)
                .input(data.getFeatures())
                .labels(data.getLabels())
                .inputMask(data.getFeaturesMaskArray())
                .labelMask(data.getLabelsMaskArray())
                .epsilon(EPSILON)
                .minAbsoluteError(absoluteFloor(net, data))
                .excludeParams(exclude)
                .subset(maxPerParam > 0).maxPerParam(Math.max(1, maxPerParam))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }
}

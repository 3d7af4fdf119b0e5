package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * {@link SimpleRnnLayer} with a {@link PlantedBug} in its backward pass. The forward pass is the
 * real layer's; the backward pass is a copy of the real one with the bug's lines switched in.
 */
final class FaultySimpleRnnLayer implements RecurrentLayer {

    private final SimpleRnnLayer real;
    private final ParamBlock w;
    private final ParamBlock rw;
    private final ParamBlock b;
    private final int n;
    private final PlantedBug bug;
    private final double[] dh;
    private final double[] dz;
    private final double[] dhNext;

    FaultySimpleRnnLayer(ParamBlock w, ParamBlock rw, ParamBlock b, PlantedBug bug) {
        this.real = new SimpleRnnLayer(w, rw, b);
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.n = b.cols();
        this.bug = bug;
        this.dh = new double[n];
        this.dz = new double[n];
        this.dhNext = new double[n];
    }

    @Override
    public void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        double[][][] hs = real.hs();
        double[] zeros = new double[n];
        for (int e = 0; e < miniBatch; e++) {
            Arrays.fill(dhNext, 0);
            for (int t = steps - 1; t >= 0; t--) {
                double[] hPrev = t > 0 ? hs[e][t - 1] : initial == null ? null : initial.h[e];
                double[] h = hs[e][t];
                if (bug == PlantedBug.OFF_BY_ONE_STEP) {
                    // states S[0] = zeros, S[i] = h_{i−1}: the derivative reads S[t], the previous state S[t−1],
                    // where index −1 wraps to S[T] = h_{T−1} as in NumPy
                    h = t > 0 ? hs[e][t - 1] : zeros;
                    int previous = Math.floorMod(t - 1, steps + 1);
                    hPrev = previous == 0 ? null : hs[e][previous - 1];
                }
                for (int j = 0; j < n; j++) {
                    dh[j] = dhAbove[e][t][j] + (bug == PlantedBug.NO_RECURRENT_GRADIENT ? 0 : dhNext[j]);
                }
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                for (int j = 0; j < n; j++) {
                    double derivative = bug == PlantedBug.WRONG_TANH_DERIVATIVE ? 1 - h[j] : 1 - h[j] * h[j];
                    dz[j] = derivative * dh[j] * m;
                }
                RowKernels.addOuter(x[e][t], dz, grad, w.offset(), w.rows(), n);
                if (hPrev != null) {
                    RowKernels.addOuter(hPrev, dz, grad, rw.offset(), n, n);
                }
                RowKernels.addVector(dz, grad, b.offset(), n);
                if (dxBelow != null) {
                    Arrays.fill(dxBelow[e][t], 0, w.rows(), 0);
                    RowKernels.addRowTimesTranspose(dz, params, w.offset(), w.rows(), n, dxBelow[e][t]);
                }
                Arrays.fill(dhNext, 0);
                RowKernels.addRowTimesTranspose(dz, params, rw.offset(), n, n, dhNext);
            }
        }
    }

    @Override
    public int hidden() {
        return n;
    }

    @Override
    public void reserve(int miniBatch, int steps) {
        real.reserve(miniBatch, steps);
    }

    @Override
    public double[][][] hs() {
        return real.hs();
    }

    @Override
    public void forward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                        RecurrentState initial) {
        real.forward(params, x, miniBatch, steps, featureMask, initial);
    }

    @Override
    public RecurrentState newState(int miniBatch) {
        return real.newState(miniBatch);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        real.saveFinalState(miniBatch, steps, into);
    }
}

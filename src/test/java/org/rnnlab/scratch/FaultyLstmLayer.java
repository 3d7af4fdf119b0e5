package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * {@link LstmLayer} with a {@link PlantedBug} in its backward pass: a copy of the real layer (its
 * per-step caches are private) with the bug's lines switched in. Without a bug it computes what
 * the real layer computes.
 */
final class FaultyLstmLayer implements RecurrentLayer {

    private static final int A = 0;
    private static final int F = 1;
    private static final int O = 2;
    private static final int I = 3;

    private final ParamBlock w;
    private final ParamBlock rw;
    private final ParamBlock b;
    private final int n;
    private final PlantedBug bug;

    private double[][][] gates = new double[0][0][];
    private double[][][] cs = new double[0][0][];
    private double[][][] tanhCs = new double[0][0][];
    private double[][][] hs = new double[0][0][];

    private final double[] dh;
    private final double[] dc;
    private final double[] dGates;
    private final double[] dhNext;
    private final double[] dcNext;

    FaultyLstmLayer(ParamBlock w, ParamBlock rw, ParamBlock b, PlantedBug bug) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.n = b.cols() / 4;
        this.bug = bug;
        this.dh = new double[n];
        this.dc = new double[n];
        this.dGates = new double[4 * n];
        this.dhNext = new double[n];
        this.dcNext = new double[n];
    }

    @Override
    public void backward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        for (int e = 0; e < miniBatch; e++) {
            Arrays.fill(dhNext, 0);
            Arrays.fill(dcNext, 0);
            for (int t = steps - 1; t >= 0; t--) {
                double[] hPrev = previousH(e, t, initial);
                double[] cPrev = previousC(e, t, initial);
                double[] g = gates[e][t];
                double[] tanhC = tanhCs[e][t];
                for (int j = 0; j < n; j++) {
                    dh[j] = dhAbove[e][t][j] + (bug == PlantedBug.NO_RECURRENT_GRADIENT ? 0 : dhNext[j]);
                }
                for (int j = 0; j < n; j++) {
                    double a = g[A * n + j];
                    double f = g[F * n + j];
                    double o = g[O * n + j];
                    double i = g[I * n + j];
                    double tanhDerivative = bug == PlantedBug.WRONG_TANH_DERIVATIVE ? 1 - tanhC[j]
                            : 1 - tanhC[j] * tanhC[j];
                    dGates[O * n + j] = (dh[j] * tanhC[j]) * (o * (1 - o));
                    dc[j] = tanhDerivative * (o * dh[j]) + dcNext[j];
                    dGates[F * n + j] = cPrev == null ? 0 : ((f * (1 - f)) * dc[j]) * cPrev[j];
                    dGates[I * n + j] = ((i * (1 - i)) * a) * dc[j];
                    dGates[A * n + j] = (1 - a * a) * (i * dc[j]);
                    dcNext[j] = f * dc[j];
                    if (bug == PlantedBug.SWAPPED_GATES) {
                        double forget = dGates[F * n + j];
                        dGates[F * n + j] = dGates[O * n + j];
                        dGates[O * n + j] = forget;
                    }
                }
                RowKernels.addOuter(x[e][t], dGates, grad, w.offset(), w.rows(), 4 * n);
                if (hPrev != null) {
                    RowKernels.addOuter(hPrev, dGates, grad, rw.offset(), n, 4 * n);
                }
                RowKernels.addVector(dGates, grad, b.offset(), 4 * n);
                if (dxBelow != null) {
                    Arrays.fill(dxBelow[e][t], 0, w.rows(), 0);
                    RowKernels.addRowTimesTranspose(dGates, params, w.offset(), w.rows(), 4 * n, dxBelow[e][t]);
                }
                Arrays.fill(dhNext, 0);
                RowKernels.addRowTimesTranspose(dGates, params, rw.offset(), n, 4 * n, dhNext);
            }
        }
    }

    @Override
    public void forward(double[] params, double[][][] x, int miniBatch, int steps, double[][] featureMask,
                        RecurrentState initial) {
        for (int e = 0; e < miniBatch; e++) {
            for (int t = 0; t < steps; t++) {
                double[] hPrev = previousH(e, t, initial);
                double[] cPrev = previousC(e, t, initial);
                double[] g = gates[e][t];
                double[] c = cs[e][t];
                RowKernels.copyVector(params, b.offset(), 4 * n, g);
                RowKernels.addRowTimesMatrix(x[e][t], params, w.offset(), w.rows(), 4 * n, g);
                if (hPrev != null) {
                    RowKernels.addRowTimesMatrix(hPrev, params, rw.offset(), n, 4 * n, g);
                }
                for (int j = 0; j < n; j++) {
                    double a = Activations.tanh(g[A * n + j]);
                    double f = sigmoid(g[F * n + j]);
                    double o = sigmoid(g[O * n + j]);
                    double i = sigmoid(g[I * n + j]);
                    g[A * n + j] = a;
                    g[F * n + j] = f;
                    g[O * n + j] = o;
                    g[I * n + j] = i;
                    c[j] = (cPrev == null ? 0 : cPrev[j] * f) + i * a;
                    tanhCs[e][t][j] = Activations.tanh(c[j]);
                    hs[e][t][j] = tanhCs[e][t][j] * o;
                }
            }
        }
    }

    @Override
    public int hidden() {
        return n;
    }

    @Override
    public void reserve(int miniBatch, int steps) {
        if (hs.length < miniBatch || hs[0].length < steps) {
            gates = new double[miniBatch][steps][4 * n];
            cs = new double[miniBatch][steps][n];
            tanhCs = new double[miniBatch][steps][n];
            hs = new double[miniBatch][steps][n];
        }
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    @Override
    public RecurrentState newState(int miniBatch) {
        return new RecurrentState(miniBatch, n, true);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        for (int e = 0; e < miniBatch; e++) {
            System.arraycopy(hs[e][steps - 1], 0, into.h[e], 0, n);
            System.arraycopy(cs[e][steps - 1], 0, into.c[e], 0, n);
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private double[] previousH(int e, int t, RecurrentState initial) {
        return t > 0 ? hs[e][t - 1] : initial == null ? null : initial.h[e];
    }

    private double[] previousC(int e, int t, RecurrentState initial) {
        return t > 0 ? cs[e][t - 1] : initial == null ? null : initial.c[e];
    }
}

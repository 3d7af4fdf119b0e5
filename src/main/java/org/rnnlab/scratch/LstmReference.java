package org.rnnlab.scratch;

/**
 * DL4J's LSTM (no peepholes) written to be read: the forward pass and backpropagation through
 * time for one example at a time, in plain loops, in the order of the equations.
 * {@link LstmLayer} computes the same numbers fast (blocked products over the whole minibatch, on
 * threads); tests hold the two together to 1e-13.
 *
 * <p>Forward, in DL4J's names and row-vector convention (x_t, h_t, c_t are rows). The 4n columns
 * of W [nIn, 4n], RW [n, 4n] and b [4n] are DL4J's gate blocks in the order [a, f, o, i]:
 * <pre>
 *   z_t = x_t·W + h_{t−1}·RW + b              blocks z_a, z_f, z_o, z_i
 *   a_t = tanh(z_a)                            block input
 *   f_t = σ(z_f)   o_t = σ(z_o)   i_t = σ(z_i)  forget, output and input gates
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ a_t
 *   h_t = o_t ⊙ tanh(c_t)                      h_{−1}, c_{−1} = the initial state (zeros without one)
 * </pre>
 * The feature mask is ignored, as in DL4J 1.0.0-M2.1's MultiLayerNetwork, whose LSTM layer never
 * receives it: padded steps run like any other and the state carries through them.
 *
 * <p>Backward, from dhAbove_t = ∂L/∂h_t sent by the layer above, for t = T−1 down to 0; each
 * line undoes one forward line, bottom up, and a gate's gradient goes through its activation's
 * derivative at once (σ' = y(1 − y), tanh' = 1 − y², written with the outputs y):
 * <pre>
 *   dh    = dhAbove_t + dhNext                 dhNext, dcNext: what step t+1 sent back (0 at the last step)
 *   dz_o  = σ'(o_t) · dh ⊙ tanh(c_t)
 *   dc    = tanh'(tanh(c_t)) · o_t ⊙ dh + dcNext
 *   dz_f  = σ'(f_t) · dc ⊙ c_{t−1}     dz_i = σ'(i_t) · a_t ⊙ dc     dz_a = tanh'(a_t) · i_t ⊙ dc
 *   dcNext = f_t ⊙ dc                                                  (to step t−1)
 *   db  += dz       dW += x_tᵀ·dz       dRW += h_{t−1}ᵀ·dz              dz = [dz_a, dz_f, dz_o, dz_i]
 *   dx_t = dz·Wᵀ    (to the layer below)    dhNext = dz·RWᵀ             (to step t−1)
 * </pre>
 * The forward pass keeps every per-step quantity the backward pass reads: as, fs, os, is (the
 * gates), cs, tanhCs and hs.
 *
 * <p>The backward pass's judgement calls are protected methods ({@link #dhAt},
 * {@link #tanhDerivative}, {@link #putGateGradients}), so that a test can replace one of them
 * with a known mistake and show that the cross-check against DL4J catches it.
 */
class LstmReference extends ReferenceCell {

    /** Column blocks of z, W, RW and b, in DL4J's order. */
    static final int A = 0;
    static final int F = 1;
    static final int O = 2;
    static final int I = 3;

    /** Per example e and step t: the gates a, f, o, i, the cell c and tanh(c) (and h in hs). */
    private double[][][] as = new double[0][0][];
    private double[][][] fs = new double[0][0][];
    private double[][][] os = new double[0][0][];
    private double[][][] is = new double[0][0][];
    private double[][][] cs = new double[0][0][];
    private double[][][] tanhCs = new double[0][0][];

    LstmReference(RecurrentBlocks blocks, int hidden) {
        super(blocks, hidden, true);
    }

    @Override
    public void forward(double[] params, double[][][] xs, int miniBatch, int steps, double[][] featureMask,
                        RecurrentState initial) {
        begin(params, initial, steps);
        for (int e = 0; e < miniBatch; e++) {
            double[] hPrev = initialH(e);
            double[] cPrev = initialC(e);
            for (int t = 0; t < steps; t++) {
                double[] x = xs[e][t];
                // z = x·W + h_{t−1}·RW + b
                double[] z = new double[4 * n];
                for (int col = 0; col < 4 * n; col++) {
                    z[col] = b[col];
                    for (int k = 0; k < nIn; k++) {
                        z[col] += x[k] * W[k][col];
                    }
                    for (int k = 0; k < n; k++) {
                        z[col] += hPrev[k] * RW[k][col];
                    }
                }
                double[] a = as[e][t];
                double[] f = fs[e][t];
                double[] o = os[e][t];
                double[] i = is[e][t];
                double[] c = cs[e][t];
                double[] tanhC = tanhCs[e][t];
                double[] h = hs[e][t];
                // a = tanh(z_a), f = σ(z_f), o = σ(z_o), i = σ(z_i);  c = f ⊙ c_{t−1} + i ⊙ a;  h = o ⊙ tanh(c)
                for (int j = 0; j < n; j++) {
                    a[j] = Activations.tanh(z[A * n + j]);
                    f[j] = Activations.sigmoid(z[F * n + j]);
                    o[j] = Activations.sigmoid(z[O * n + j]);
                    i[j] = Activations.sigmoid(z[I * n + j]);
                    c[j] = f[j] * cPrev[j] + i[j] * a[j];
                    tanhC[j] = Activations.tanh(c[j]);
                    h[j] = o[j] * tanhC[j];
                }
                hPrev = h;
                cPrev = c;
            }
        }
    }

    @Override
    public void backward(double[] params, double[][][] xs, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        begin(params, initial, steps);
        double[][] dW = new double[nIn][4 * n];
        double[][] dRW = new double[n][4 * n];
        double[] db = new double[4 * n];
        for (int e = 0; e < miniBatch; e++) {
            double[] dhNext = new double[n];
            double[] dcNext = new double[n];
            for (int t = steps - 1; t >= 0; t--) {
                double[] x = xs[e][t];
                double[] hPrev = t > 0 ? hs[e][t - 1] : initialH(e);
                double[] cPrev = t > 0 ? cs[e][t - 1] : initialC(e);
                double[] a = as[e][t];
                double[] f = fs[e][t];
                double[] o = os[e][t];
                double[] i = is[e][t];
                double[] tanhC = tanhCs[e][t];
                double[] dz = new double[4 * n];
                for (int j = 0; j < n; j++) {
                    double dh = dhAt(dhAbove[e][t][j], dhNext[j]);
                    // h = o ⊙ tanh(c)
                    double dzO = sigmoidDerivative(o[j]) * (dh * tanhC[j]);
                    double dc = tanhDerivative(tanhC[j]) * (o[j] * dh) + dcNext[j];
                    // c = f ⊙ c_{t−1} + i ⊙ a
                    double dzF = sigmoidDerivative(f[j]) * dc * cPrev[j];
                    double dzI = sigmoidDerivative(i[j]) * a[j] * dc;
                    double dzA = tanhDerivative(a[j]) * (i[j] * dc);
                    dcNext[j] = f[j] * dc;
                    putGateGradients(dz, j, dzA, dzF, dzO, dzI);
                }
                // z = x·W + h_{t−1}·RW + b
                double[] dx = dxRow(dxBelow, e, t);
                double[] dhPrev = new double[n];
                for (int col = 0; col < 4 * n; col++) {
                    db[col] += dz[col];
                    for (int k = 0; k < nIn; k++) {
                        dW[k][col] += x[k] * dz[col];
                        dx[k] += dz[col] * W[k][col];
                    }
                    for (int k = 0; k < n; k++) {
                        dRW[k][col] += hPrev[k] * dz[col];
                        dhPrev[k] += dz[col] * RW[k][col];
                    }
                }
                dhNext = dhPrev;
            }
        }
        addGradients(grad, dW, dRW, db);
    }

    /** σ'(z) written with the output y = σ(z). */
    private static double sigmoidDerivative(double y) {
        return y * (1 - y);
    }

    /** Puts unit j's gradients into dz at DL4J's column blocks [a, f, o, i], where the forward pass took z apart. */
    protected void putGateGradients(double[] dz, int j, double dzA, double dzF, double dzO, double dzI) {
        dz[A * n + j] = dzA;
        dz[F * n + j] = dzF;
        dz[O * n + j] = dzO;
        dz[I * n + j] = dzI;
    }

    @Override
    public void reserve(int miniBatch, int steps) {
        as = perStep(as, miniBatch, steps, n);
        fs = perStep(fs, miniBatch, steps, n);
        os = perStep(os, miniBatch, steps, n);
        is = perStep(is, miniBatch, steps, n);
        cs = perStep(cs, miniBatch, steps, n);
        tanhCs = perStep(tanhCs, miniBatch, steps, n);
        hs = perStep(hs, miniBatch, steps, n);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        for (int e = 0; e < miniBatch; e++) {
            into.set(e, hs[e][steps - 1], cs[e][steps - 1]);
        }
    }
}

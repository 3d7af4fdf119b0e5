package org.rnnlab.scratch;

/**
 * The GRU of PyTorch's nn.GRU, in DL4J's parameter style, written to be read: the forward pass
 * and backpropagation through time for one example at a time, in plain loops, in the order of the
 * equations. {@link GruLayer} computes the same numbers fast; tests hold the two together to 1e-13.
 *
 * <p>Forward, in the row-vector convention (x_t, h_t are rows). The 3n columns of W [nIn, 3n],
 * RW [n, 3n], b [3n] and RB [3n] are the gate blocks in the order [r, z, n]. The input part and
 * the recurrent part stay apart, because the reset gate multiplies the recurrent part of the
 * candidate after its product:
 * <pre>
 *   gx_t = x_t·W + b                        blocks gx_r, gx_z, gx_n
 *   gh_t = h_{t−1}·RW + RB                  blocks gh_r, gh_z, gh_n
 *   r_t  = σ(gx_r + gh_r)                    reset gate
 *   z_t  = σ(gx_z + gh_z)                    update gate
 *   n_t  = tanh(gx_n + r_t ⊙ gh_n)           candidate
 *   h_t  = m_t · ((1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1})      h_{−1} = the initial state (zeros without one)
 * </pre>
 * where m_t is the feature mask (1 without one). As rnnlab's DL4J GRU layer does (and DL4J's
 * SimpleRnn), a masked step outputs zeros and the next step reads that zero as h_{t−1}.
 *
 * <p>Backward, from dhAbove_t = ∂L/∂h_t sent by the layer above, for t = T−1 down to 0 (σ' and
 * tanh' written with the outputs, as in the other cells):
 * <pre>
 *   dh    = m_t · (dhAbove_t + dhNext)        dhNext: what step t+1 sent back (0 at the last step)
 *   dz_n  = tanh'(n_t) · (1 − z_t) ⊙ dh        ∂L/∂(gx_n + r ⊙ gh_n)
 *   dz_z  = σ'(z_t) · (h_{t−1} − n_t) ⊙ dh
 *   dz_r  = σ'(r_t) · gh_n ⊙ dz_n
 *   dgx   = [dz_r, dz_z, dz_n]                 dW += x_tᵀ·dgx       db  += dgx    dx_t = dgx·Wᵀ
 *   dgh   = [dz_r, dz_z, r_t ⊙ dz_n]           dRW += h_{t−1}ᵀ·dgh   dRB += dgh
 *   dhNext = dgh·RWᵀ + z_t ⊙ dh                (to step t−1: through RW and straight through the update)
 * </pre>
 * The forward pass keeps every per-step quantity the backward pass reads: rs, zs, ns (the gates),
 * ghNs (gh_n, what the reset gate multiplied) and hs.
 *
 * <p>The backward pass's judgement calls are protected methods ({@link #dhAt},
 * {@link #tanhDerivative}, {@link #candidateRecurrentFactor}), so that a test can replace one of
 * them with a known mistake and show that the cross-check against DL4J catches it.
 */
class GruReference extends ReferenceCell {

    /** Column blocks of W, RW, b and RB. */
    static final int R = 0;
    static final int Z = 1;
    static final int N = 2;

    /** Per example e and step t: the gates r, z, the candidate n and gh_n (and h in hs). */
    private double[][][] rs = new double[0][0][];
    private double[][][] zs = new double[0][0][];
    private double[][][] ns = new double[0][0][];
    private double[][][] ghNs = new double[0][0][];

    /** RB, and its values in the pass in progress. */
    private final ParamBlock rbBlock;
    private double[] rb;

    GruReference(RecurrentBlocks blocks, int hidden) {
        super(blocks, hidden, false);
        this.rbBlock = blocks.requireRecurrentBias();
    }

    /** Starts a pass: W, RW and b as every cell, and RB. */
    @Override
    void begin(double[] params, RecurrentState initial, int steps) {
        super.begin(params, initial, steps);
        this.rb = rbBlock.matrix(params)[0];
    }

    @Override
    public void forward(double[] params, double[][][] xs, int miniBatch, int steps, double[][] featureMask,
                        RecurrentState initial) {
        begin(params, initial, steps);
        for (int e = 0; e < miniBatch; e++) {
            double[] hPrev = initialH(e);
            for (int t = 0; t < steps; t++) {
                double[] x = xs[e][t];
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                // gx = x·W + b,  gh = h_{t−1}·RW + RB
                double[] gx = new double[3 * n];
                double[] gh = new double[3 * n];
                for (int col = 0; col < 3 * n; col++) {
                    gx[col] = b[col];
                    for (int k = 0; k < nIn; k++) {
                        gx[col] += x[k] * W[k][col];
                    }
                    gh[col] = rb[col];
                    for (int k = 0; k < n; k++) {
                        gh[col] += hPrev[k] * RW[k][col];
                    }
                }
                double[] r = rs[e][t];
                double[] z = zs[e][t];
                double[] c = ns[e][t];
                double[] ghN = ghNs[e][t];
                double[] h = hs[e][t];
                // r = σ(gx_r + gh_r), z = σ(gx_z + gh_z), n = tanh(gx_n + r ⊙ gh_n), h = m·((1 − z) ⊙ n + z ⊙ h_{t−1})
                for (int j = 0; j < n; j++) {
                    r[j] = Activations.sigmoid(gx[R * n + j] + gh[R * n + j]);
                    z[j] = Activations.sigmoid(gx[Z * n + j] + gh[Z * n + j]);
                    ghN[j] = gh[N * n + j];
                    c[j] = Activations.tanh(gx[N * n + j] + r[j] * ghN[j]);
                    h[j] = m * ((1 - z[j]) * c[j] + z[j] * hPrev[j]);
                }
                hPrev = h;
            }
        }
    }

    @Override
    public void backward(double[] params, double[][][] xs, int miniBatch, int steps, double[][] featureMask,
                         RecurrentState initial, double[][][] dhAbove, double[] grad, double[][][] dxBelow) {
        begin(params, initial, steps);
        double[][] dW = new double[nIn][3 * n];
        double[][] dRW = new double[n][3 * n];
        double[] db = new double[3 * n];
        double[] dRB = new double[3 * n];
        for (int e = 0; e < miniBatch; e++) {
            double[] dhNext = new double[n];
            for (int t = steps - 1; t >= 0; t--) {
                double[] x = xs[e][t];
                double[] hPrev = t > 0 ? hs[e][t - 1] : initialH(e);
                double[] r = rs[e][t];
                double[] z = zs[e][t];
                double[] c = ns[e][t];
                double[] ghN = ghNs[e][t];
                double m = RecurrentLayer.maskAt(featureMask, e, t);
                double[] dgx = new double[3 * n];
                double[] dgh = new double[3 * n];
                double[] dhPrev = new double[n];
                for (int j = 0; j < n; j++) {
                    double dh = m * dhAt(dhAbove[e][t][j], dhNext[j]);
                    // h = (1 − z) ⊙ n + z ⊙ h_{t−1}
                    double dzN = tanhDerivative(c[j]) * ((1 - z[j]) * dh);
                    double dzZ = sigmoidDerivative(z[j]) * ((hPrev[j] - c[j]) * dh);
                    dhPrev[j] = z[j] * dh;
                    // n = tanh(gx_n + r ⊙ gh_n)
                    double dzR = sigmoidDerivative(r[j]) * (ghN[j] * dzN);
                    dgx[R * n + j] = dzR;
                    dgx[Z * n + j] = dzZ;
                    dgx[N * n + j] = dzN;
                    dgh[R * n + j] = dzR;
                    dgh[Z * n + j] = dzZ;
                    dgh[N * n + j] = r[j] * dzN;
                }
                // gx = x·W + b,  gh = h_{t−1}·RW + RB
                double[] dx = dxRow(dxBelow, e, t);
                for (int col = 0; col < 3 * n; col++) {
                    db[col] += dgx[col];
                    dRB[col] += dgh[col];
                    for (int k = 0; k < nIn; k++) {
                        dW[k][col] += x[k] * dgx[col];
                        dx[k] += dgx[col] * W[k][col];
                    }
                    for (int k = 0; k < n; k++) {
                        dhPrev[k] += dgh[col] * RW[k][col];
                        if (col < N * n) {
                            dRW[k][col] += hPrev[k] * dgh[col];
                        } else {
                            dRW[k][col] += candidateRecurrentFactor(hPrev, r, k, col - N * n) * dgx[col];
                        }
                    }
                }
                dhNext = dhPrev;
            }
        }
        addGradients(grad, dW, dRW, db);
        rbBlock.addTo(grad, new double[][] {dRB});
    }

    /**
     * What multiplies ∂L/∂(gx_n + r ⊙ gh_n) of unit j in ∂L/∂RW(k, n-block j): h_{t−1}(k) · r(j),
     * because the reset gate scales the recurrent product h_{t−1}·RW_n after it is formed.
     */
    protected double candidateRecurrentFactor(double[] hPrev, double[] r, int k, int j) {
        return hPrev[k] * r[j];
    }

    /** σ'(z) written with the output y = σ(z). */
    private static double sigmoidDerivative(double y) {
        return y * (1 - y);
    }

    @Override
    public void reserve(int miniBatch, int steps) {
        rs = perStep(rs, miniBatch, steps, n);
        zs = perStep(zs, miniBatch, steps, n);
        ns = perStep(ns, miniBatch, steps, n);
        ghNs = perStep(ghNs, miniBatch, steps, n);
        hs = perStep(hs, miniBatch, steps, n);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        for (int e = 0; e < miniBatch; e++) {
            into.set(e, hs[e][steps - 1], null);
        }
    }
}

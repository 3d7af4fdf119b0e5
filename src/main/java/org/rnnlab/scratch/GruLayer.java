package org.rnnlab.scratch;

/**
 * The GRU of PyTorch's nn.GRU, in row-vector form. The 3n columns of W, RW, b and RB hold the
 * gate blocks in the order [r, z, n]:
 * <pre>
 *   gx_t = x_t·W + b          gh_t = h_{t−1}·RW + RB        (1 × 3n each, kept apart)
 *   r_t  = σ(gx_r + gh_r)                                     reset gate
 *   z_t  = σ(gx_z + gh_z)                                     update gate
 *   n_t  = tanh(gx_n + r_t ⊙ gh_n)                            candidate
 *   h_t  = m_t · ((1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1})            h_{−1} = initial state (zeros by default)
 * </pre>
 * where m_t is the feature mask (1 without one): a masked step outputs zeros and the next step
 * reads that zero as h_{t−1}, as rnnlab's DL4J GRU layer does. {@link GruReference} is the same
 * cell written to be read, forward and backward on one page.
 */
final class GruLayer extends StepwiseLayer<GruWeights> {

    /** Gate block order in W, RW, b and RB. */
    private static final int R = 0;
    private static final int Z = 1;
    private static final int N = 2;

    /** Per example e and step t: gates[e][t] = [r, z, n] after activation (gx before), gh, h. */
    private double[][][] gates = new double[0][0][];
    private double[][][] ghs = new double[0][0][];
    private double[][][] hs = new double[0][0][];
    /** z ⊙ dh per example: what step t sends straight to h_{t−1}, past RW. */
    private double[][] direct = new double[0][];
    /** This step's gh row of each example (forward) and its ∂L/∂gh row (backward), beside {@link #rows}. */
    private double[][] recurrentRows = new double[0][];
    private double[][] recurrentDeltas = new double[0][];

    GruLayer(RecurrentBlocks blocks, int hidden) {
        super(new GruWeights(blocks), hidden);
    }

    @Override
    void reserveSteps(int miniBatch, int steps) {
        if (hs.length < miniBatch || hs[0].length < steps) {
            gates = new double[miniBatch][steps][3 * n];
            ghs = new double[miniBatch][steps][3 * n];
            hs = new double[miniBatch][steps][n];
        }
        if (direct.length < miniBatch) {
            direct = new double[miniBatch][n];
            recurrentRows = new double[miniBatch][];
            recurrentDeltas = new double[miniBatch][];
        }
    }

    @Override
    public double[][][] hs() {
        return hs;
    }

    /** gx = x_t·W + b is built in the gate row, gh = h_{t−1}·RW + RB in its own. */
    @Override
    void preActivations(int from, int to) {
        for (int e = from; e < to; e++) {
            rows.outputs[e] = gates[e][t];
            recurrentRows[e] = ghs[e][t];
        }
        weights.inputPreActivations(from, to, rows.inputs, rows.outputs);
        weights.recurrentPreActivations(from, to, rows.previous, recurrentRows);
    }

    @Override
    void activate(int from, int to) {
        for (int e = from; e < to; e++) {
            double[] hPrev = previousH(e);
            double[] g = gates[e][t];
            double[] gh = ghs[e][t];
            double[] h = hs[e][t];
            double m = RecurrentLayer.maskAt(featureMask, e, t);
            for (int j = 0; j < n; j++) {
                double r = Activations.sigmoid(g[R * n + j] + gh[R * n + j]);
                double z = Activations.sigmoid(g[Z * n + j] + gh[Z * n + j]);
                double c = Activations.tanh(g[N * n + j] + r * gh[N * n + j]);
                g[R * n + j] = r;
                g[Z * n + j] = z;
                g[N * n + j] = c;
                h[j] = m * ((1 - z) * c + (hPrev == null ? 0 : z * hPrev[j]));
            }
        }
    }

    /** ∂L/∂gx and ∂L/∂gh, and z ⊙ dh for the step before. */
    @Override
    void computeDeltas(int from, int to) {
        for (int e = from; e < to; e++) {
            double[] hPrev = previousH(e);
            double[] g = gates[e][t];
            double[] gh = ghs[e][t];
            double[] dgx = deltaRow(e);
            double[] dgh = weights.recurrentDzRow(e);
            recurrentDeltas[e] = dgh;
            double[] dhAboveE = dhAbove[e][t];
            double[] dhNextE = dhNext[e];
            double[] directE = direct[e];
            double m = RecurrentLayer.maskAt(featureMask, e, t);
            for (int j = 0; j < n; j++) {
                // dh: from the layer above at this step, and from step t+1; none at a masked step
                double dh = m * (dhAboveE[j] + dhNextE[j]);
                double r = g[R * n + j];
                double z = g[Z * n + j];
                double c = g[N * n + j];
                // h = (1 − z) ⊙ n + z ⊙ h_{t−1}
                double dzN = (1 - c * c) * ((1 - z) * dh);
                double dzZ = (z * (1 - z)) * (((hPrev == null ? 0 : hPrev[j]) - c) * dh);
                directE[j] = z * dh;
                // n = tanh(gx_n + r ⊙ gh_n)
                double dzR = (r * (1 - r)) * (gh[N * n + j] * dzN);
                dgx[R * n + j] = dzR;
                dgx[Z * n + j] = dzZ;
                dgx[N * n + j] = dzN;
                dgh[R * n + j] = dzR;
                dgh[Z * n + j] = dzZ;
                dgh[N * n + j] = r * dzN;
            }
        }
    }

    /** dhNext = dgh·RWᵀ + z ⊙ dh: through RW, and straight through the update gate. */
    @Override
    void toPreviousStates(int from, int to) {
        weights.toPreviousStates(from, to, recurrentDeltas, dhNext);
        for (int e = from; e < to; e++) {
            double[] dhNextE = dhNext[e];
            double[] directE = direct[e];
            for (int j = 0; j < n; j++) {
                dhNextE[j] += directE[j];
            }
        }
    }

    @Override
    public RecurrentState newState(int miniBatch) {
        return new RecurrentState(miniBatch, n, false);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        for (int e = 0; e < miniBatch; e++) {
            System.arraycopy(hs[e][steps - 1], 0, into.h[e], 0, n);
        }
    }
}

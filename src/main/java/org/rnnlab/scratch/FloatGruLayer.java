package org.rnnlab.scratch;

/**
 * The GRU of {@link GruReference} in float32 on time-major buffers. Gate blocks [r, z, n]; the
 * input part gx = x·W + b and the recurrent part gh = h_{t−1}·RW + RB stay apart, and a masked
 * step outputs zeros, as in the double cells.
 */
final class FloatGruLayer extends FloatRecurrentLayer {

    private static final int R = 0;
    private static final int Z = 1;
    private static final int N = 2;

    private final ParamBlock rbBlock;
    private final float[] recurrentBias;
    /** Per row: gx, then [r, z, n] after activation [rows×3n]; gh [rows×3n]. */
    private float[] gx = new float[0];
    private float[] gh = new float[0];
    /** ∂L/∂gx and ∂L/∂gh per row [rows×3n]; z ⊙ dh, what step t sends straight to h_{t−1} [mb×n]. */
    private float[] dgx = new float[0];
    private float[] dgh = new float[0];
    private float[] direct = new float[0];

    FloatGruLayer(FloatKernels kernels, RecurrentBlocks blocks, int hidden) {
        super(kernels, blocks, hidden);
        this.rbBlock = blocks.requireRecurrentBias();
        this.recurrentBias = new float[cols];
    }

    @Override
    void reserveCell(int rows, int miniBatch) {
        gx = new float[rows * cols];
        gh = new float[rows * cols];
        dgx = new float[rows * cols];
        dgh = new float[rows * cols];
        direct = new float[miniBatch * n];
    }

    @Override
    void loadCell(double[] params) {
        for (int j = 0; j < cols; j++) {
            recurrentBias[j] = (float) params[rbBlock.offset() + j];
        }
    }

    @Override
    float[] projection() {
        return gx;
    }

    @Override
    int projectionOffset() {
        return 0;
    }

    @Override
    int projectionStride() {
        return cols;
    }

    @Override
    void forwardStep(int t, int e0, int e1, int u0, int u1) {
        int len = u1 - u0;
        for (int e = e0; e < e1; e++) {
            int g = (t * mb + e) * cols;
            for (int block = 0; block < 3; block++) {
                System.arraycopy(recurrentBias, block * n + u0, gh, g + block * n + u0, len);
            }
        }
        recurrentProduct(t, e0, e1, u0, u1, gh, t * mb * cols, cols);
        for (int e = e0; e < e1; e++) {
            int r = t * mb + e;
            int g = r * cols;
            for (int j = u0; j < u1; j++) {
                gx[g + R * n + j] = gx[g + R * n + j] + gh[g + R * n + j];
                gx[g + Z * n + j] = gx[g + Z * n + j] + gh[g + Z * n + j];
            }
            kernels.sigmoid(gx, g + R * n + u0, len);
            kernels.sigmoid(gx, g + Z * n + u0, len);
            for (int j = u0; j < u1; j++) {
                gx[g + N * n + j] = gx[g + N * n + j] + gx[g + R * n + j] * gh[g + N * n + j];
            }
            kernels.tanh(gx, g + N * n + u0, len);
            float m = maskAt(r);
            int previous = r * n;
            int current = (r + mb) * n;
            for (int j = u0; j < u1; j++) {
                float z = gx[g + Z * n + j];
                hBuf[current + j] = m * ((1 - z) * gx[g + N * n + j] + z * hBuf[previous + j]);
            }
        }
    }

    @Override
    void deltas(int t, int e0, int e1, int u0, int u1) {
        for (int e = e0; e < e1; e++) {
            int r = t * mb + e;
            int g = r * cols;
            int row = r * n;
            int own = e * n;
            float m = maskAt(r);
            for (int j = u0; j < u1; j++) {
                // dh: from above and from step t+1; none at a masked step
                float dh = m * (dhAboveRows[row + j] + dhNext[own + j]);
                float rj = gx[g + R * n + j];
                float z = gx[g + Z * n + j];
                float c = gx[g + N * n + j];
                // h = (1 − z) ⊙ n + z ⊙ h_{t−1}   (h_{t−1} sits in the block before step t's)
                float dzN = (1 - c * c) * ((1 - z) * dh);
                float dzZ = (z * (1 - z)) * ((hBuf[row + j] - c) * dh);
                direct[own + j] = z * dh;
                // n = tanh(gx_n + r ⊙ gh_n)
                float dzR = (rj * (1 - rj)) * (gh[g + N * n + j] * dzN);
                dgx[g + R * n + j] = dzR;
                dgx[g + Z * n + j] = dzZ;
                dgx[g + N * n + j] = dzN;
                dgh[g + R * n + j] = dzR;
                dgh[g + Z * n + j] = dzZ;
                dgh[g + N * n + j] = rj * dzN;
            }
        }
    }

    @Override
    float[] inputDeltas() {
        return dgx;
    }

    @Override
    float[] recurrentDeltas() {
        return dgh;
    }

    @Override
    float[] direct() {
        return direct;
    }

    /** ∂RB = Σ dgh. */
    @Override
    void addCellGradients(int c0, int c1, int part) {
        addColumnSums(dgh, rbBlock, c0, c1, part);
    }

    @Override
    public RecurrentState newState(int miniBatch) {
        return new RecurrentState(miniBatch, n, false);
    }
}

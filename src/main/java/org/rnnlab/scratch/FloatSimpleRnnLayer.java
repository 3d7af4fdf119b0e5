package org.rnnlab.scratch;

/**
 * DL4J's SimpleRnn with tanh ({@link SimpleRnnReference} states the math) in float32 on
 * time-major buffers: z is built in h's own rows, and h_t = m_t·tanh(z_t), so a masked step
 * outputs zeros and the next step reads that zero as h_{t−1}.
 */
final class FloatSimpleRnnLayer extends FloatRecurrentLayer {

    /** ∂L/∂z per row [rows×n]. */
    private float[] dz = new float[0];

    FloatSimpleRnnLayer(FloatKernels kernels, RecurrentBlocks blocks, int hidden) {
        super(kernels, blocks, hidden);
    }

    @Override
    void reserveCell(int rows, int miniBatch) {
        dz = new float[rows * n];
    }

    /** z_t goes into h_t's row: block t+1 of the h buffer. */
    @Override
    float[] projection() {
        return hBuf;
    }

    @Override
    int projectionOffset() {
        return mb * n;
    }

    @Override
    int projectionStride() {
        return n;
    }

    @Override
    void forwardStep(int t, int e0, int e1, int u0, int u1) {
        recurrentProduct(t, e0, e1, u0, u1, hBuf, (t + 1) * mb * n, n);
        for (int e = e0; e < e1; e++) {
            int r = t * mb + e;
            int row = (r + mb) * n;
            kernels.tanh(hBuf, row + u0, u1 - u0);
            if (mask != null) {
                float m = mask[r];
                for (int j = u0; j < u1; j++) {
                    hBuf[row + j] = m * hBuf[row + j];
                }
            }
        }
    }

    @Override
    void deltas(int t, int e0, int e1, int u0, int u1) {
        for (int e = e0; e < e1; e++) {
            int r = t * mb + e;
            int h = (r + mb) * n;
            int row = r * n;
            int own = e * n;
            float m = maskAt(r);
            // h = m · tanh(z)  ⇒  dz = (1 − h²) · dh · m
            for (int j = u0; j < u1; j++) {
                float dh = dhAboveRows[row + j] + dhNext[own + j];
                dz[row + j] = (1 - hBuf[h + j] * hBuf[h + j]) * dh * m;
            }
        }
    }

    @Override
    float[] inputDeltas() {
        return dz;
    }

    @Override
    float[] recurrentDeltas() {
        return dz;
    }

    @Override
    public RecurrentState newState(int miniBatch) {
        return new RecurrentState(miniBatch, n, false);
    }
}

package org.rnnlab.scratch;

import java.util.Arrays;

/**
 * DL4J's LSTM ({@link LstmReference} states the math) in float32 on time-major buffers. Gate
 * blocks [a, f, o, i] as in W, RW and b. The feature mask is ignored, as in the double cells.
 */
final class FloatLstmLayer extends FloatRecurrentLayer {

    private static final int A = 0;
    private static final int F = 1;
    private static final int O = 2;
    private static final int I = 3;

    /** Per row: z, then the gates [a, f, o, i] after activation [rows×4n]; tanh(c) [rows×n]. */
    private float[] gates = new float[0];
    private float[] tanhCs = new float[0];
    /** c per row with the initial block first, like h [(rows+mb)×n]. */
    private float[] cBuf = new float[0];
    /** ∂L/∂z per row [rows×4n]; ∂L/∂c_{t−1} handed back [mb×n]. */
    private float[] dz = new float[0];
    private float[] dcNext = new float[0];

    FloatLstmLayer(FloatKernels kernels, RecurrentBlocks blocks, int hidden) {
        super(kernels, blocks, hidden);
    }

    @Override
    void reserveCell(int rows, int miniBatch) {
        gates = new float[rows * cols];
        tanhCs = new float[rows * n];
        cBuf = new float[(rows + miniBatch) * n];
        dz = new float[rows * cols];
        dcNext = new float[miniBatch * n];
    }

    @Override
    void beginCell(RecurrentState initial) {
        for (int e = 0; e < mb; e++) {
            if (initial == null) {
                Arrays.fill(cBuf, e * n, (e + 1) * n, 0);
            } else {
                for (int j = 0; j < n; j++) {
                    cBuf[e * n + j] = (float) initial.c[e][j];
                }
            }
        }
    }

    @Override
    float[] projection() {
        return gates;
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
        recurrentProduct(t, e0, e1, u0, u1, gates, t * mb * cols, cols);
        int len = u1 - u0;
        for (int e = e0; e < e1; e++) {
            int r = t * mb + e;
            int g = r * cols;
            kernels.tanh(gates, g + A * n + u0, len);
            kernels.sigmoid(gates, g + F * n + u0, len);
            kernels.sigmoid(gates, g + O * n + u0, len);
            kernels.sigmoid(gates, g + I * n + u0, len);
            int previous = r * n;
            int current = (r + mb) * n;
            for (int j = u0; j < u1; j++) {
                float c = gates[g + F * n + j] * cBuf[previous + j] + gates[g + I * n + j] * gates[g + A * n + j];
                cBuf[current + j] = c;
                tanhCs[previous + j] = c;
            }
            kernels.tanh(tanhCs, previous + u0, len);
            for (int j = u0; j < u1; j++) {
                hBuf[current + j] = tanhCs[previous + j] * gates[g + O * n + j];
            }
        }
    }

    @Override
    void clearCarried() {
        Arrays.fill(dcNext, 0, mb * n, 0);
    }

    @Override
    void deltas(int t, int e0, int e1, int u0, int u1) {
        for (int e = e0; e < e1; e++) {
            int r = t * mb + e;
            int g = r * cols;
            int row = r * n;
            int own = e * n;
            for (int j = u0; j < u1; j++) {
                float dh = dhAboveRows[row + j] + dhNext[own + j];
                float a = gates[g + A * n + j];
                float f = gates[g + F * n + j];
                float o = gates[g + O * n + j];
                float i = gates[g + I * n + j];
                float tanhC = tanhCs[row + j];
                // h = o ⊙ tanh(c)
                dz[g + O * n + j] = (dh * tanhC) * (o * (1 - o));
                float dc = (1 - tanhC * tanhC) * (o * dh) + dcNext[own + j];
                // c = f ⊙ c_{t−1} + i ⊙ a   (c_{t−1} sits in the block before step t's)
                dz[g + F * n + j] = ((f * (1 - f)) * dc) * cBuf[row + j];
                dz[g + I * n + j] = ((i * (1 - i)) * a) * dc;
                dz[g + A * n + j] = (1 - a * a) * (i * dc);
                dcNext[own + j] = f * dc;
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
        return new RecurrentState(miniBatch, n, true);
    }

    @Override
    public void saveFinalState(int miniBatch, int steps, RecurrentState into) {
        super.saveFinalState(miniBatch, steps, into);
        for (int e = 0; e < miniBatch; e++) {
            int row = (steps * miniBatch + e) * n;
            for (int j = 0; j < n; j++) {
                into.c[e][j] = cBuf[row + j];
            }
        }
    }
}

package org.rnnlab.scratch;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float kernels through the incubating Vector API ({@code --add-modules jdk.incubator.vector}).
 * Loaded only through {@link FloatKernels#loadVector()}, after the module is known to be there.
 *
 * <p>The product is register-blocked: a tile of 4 rows × 3 vectors of C (12 accumulators) takes
 * one broadcast of A and three loads of B per step of k. Tiles sweep all rows of C over a panel of
 * B of {@value #PANEL_DEPTH} steps of k and 3 vectors of columns, which stays in the first-level
 * cache. Leftover columns go through the same chain of {@code Math.fma} one by one, so every
 * element gets the same bits as in {@link JavaFloatKernels}. The nonlinearities repeat
 * {@link FloatKernels#exp}, {@link FloatKernels#tanh(float)} and {@link FloatKernels#sigmoid(float)}
 * operation for operation; a segment's last partial vector is padded, so that every element goes
 * the same way wherever a segment starts.
 */
final class VectorFloatKernels extends FloatKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int PANEL_DEPTH = 128;

    @Override
    String name() {
        return "Vector API, " + S.vectorBitSize() + "-bit";
    }

    @Override
    void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
                  int cOff, int ldc) {
        product(m, n, k, a, aOff, lda, 1, b, bOff, ldb, c, cOff, ldc);
    }

    @Override
    void multiplyTransposedA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc) {
        product(m, n, k, a, aOff, 1, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** C += A·B with A(i, p) at aOff + i·rs + p·ds. */
    private static void product(int m, int n, int k, float[] a, int aOff, int rs, int ds, float[] b, int bOff,
                                int ldb, float[] c, int cOff, int ldc) {
        for (int p0 = 0; p0 < k; p0 += PANEL_DEPTH) {
            int p1 = Math.min(k, p0 + PANEL_DEPTH);
            int j = 0;
            for (; j + 3 * L <= n; j += 3 * L) {
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    tile4x3(i, j, p0, p1, a, aOff, rs, ds, b, bOff, ldb, c, cOff, ldc);
                }
                for (; i < m; i++) {
                    tile1x3(i, j, p0, p1, a, aOff, rs, ds, b, bOff, ldb, c, cOff, ldc);
                }
            }
            for (; j + L <= n; j += L) {
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    tile4x1(i, j, p0, p1, a, aOff, rs, ds, b, bOff, ldb, c, cOff, ldc);
                }
                for (; i < m; i++) {
                    tile1x1(i, j, p0, p1, a, aOff, rs, ds, b, bOff, ldb, c, cOff, ldc);
                }
            }
            if (j < n) {
                scalarColumns(m, j, n, p0, p1, a, aOff, rs, ds, b, bOff, ldb, c, cOff, ldc);
            }
        }
    }

    private static void tile4x3(int i, int j, int p0, int p1, float[] a, int aOff, int rs, int ds, float[] b,
                                int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s00 = FloatVector.fromArray(S, c, c0);
        FloatVector s01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector s02 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector s10 = FloatVector.fromArray(S, c, c1);
        FloatVector s11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector s12 = FloatVector.fromArray(S, c, c1 + 2 * L);
        FloatVector s20 = FloatVector.fromArray(S, c, c2);
        FloatVector s21 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector s22 = FloatVector.fromArray(S, c, c2 + 2 * L);
        FloatVector s30 = FloatVector.fromArray(S, c, c3);
        FloatVector s31 = FloatVector.fromArray(S, c, c3 + L);
        FloatVector s32 = FloatVector.fromArray(S, c, c3 + 2 * L);
        int aRow = aOff + i * rs;
        for (int p = p0; p < p1; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            int ap = aRow + p * ds;
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            s02 = b2.fma(x, s02);
            x = FloatVector.broadcast(S, a[ap + rs]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            s12 = b2.fma(x, s12);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            s22 = b2.fma(x, s22);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            s32 = b2.fma(x, s32);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s02.intoArray(c, c0 + 2 * L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s12.intoArray(c, c1 + 2 * L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s22.intoArray(c, c2 + 2 * L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
        s32.intoArray(c, c3 + 2 * L);
    }

    private static void tile1x3(int i, int j, int p0, int p1, float[] a, int aOff, int rs, int ds, float[] b,
                                int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j;
        FloatVector s0 = FloatVector.fromArray(S, c, c0);
        FloatVector s1 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector s2 = FloatVector.fromArray(S, c, c0 + 2 * L);
        int aRow = aOff + i * rs;
        for (int p = p0; p < p1; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector x = FloatVector.broadcast(S, a[aRow + p * ds]);
            s0 = FloatVector.fromArray(S, b, bp).fma(x, s0);
            s1 = FloatVector.fromArray(S, b, bp + L).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, bp + 2 * L).fma(x, s2);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + L);
        s2.intoArray(c, c0 + 2 * L);
    }

    private static void tile4x1(int i, int j, int p0, int p1, float[] a, int aOff, int rs, int ds, float[] b,
                                int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s0 = FloatVector.fromArray(S, c, c0);
        FloatVector s1 = FloatVector.fromArray(S, c, c1);
        FloatVector s2 = FloatVector.fromArray(S, c, c2);
        FloatVector s3 = FloatVector.fromArray(S, c, c3);
        int aRow = aOff + i * rs;
        for (int p = p0; p < p1; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
            int ap = aRow + p * ds;
            s0 = bv.fma(FloatVector.broadcast(S, a[ap]), s0);
            s1 = bv.fma(FloatVector.broadcast(S, a[ap + rs]), s1);
            s2 = bv.fma(FloatVector.broadcast(S, a[ap + 2 * rs]), s2);
            s3 = bv.fma(FloatVector.broadcast(S, a[ap + 3 * rs]), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
    }

    private static void tile1x1(int i, int j, int p0, int p1, float[] a, int aOff, int rs, int ds, float[] b,
                                int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j;
        FloatVector s = FloatVector.fromArray(S, c, c0);
        int aRow = aOff + i * rs;
        for (int p = p0; p < p1; p++) {
            s = FloatVector.fromArray(S, b, bOff + p * ldb + j).fma(FloatVector.broadcast(S, a[aRow + p * ds]), s);
        }
        s.intoArray(c, c0);
    }

    /** Columns [j0, j1) (fewer than one vector), element by element. */
    private static void scalarColumns(int m, int j0, int j1, int p0, int p1, float[] a, int aOff, int rs, int ds,
                                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int aRow = aOff + i * rs;
            for (int j = j0; j < j1; j++) {
                float s = c[cOff + i * ldc + j];
                for (int p = p0; p < p1; p++) {
                    s = Math.fma(a[aRow + p * ds], b[bOff + p * ldb + j], s);
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    // ---- nonlinearities: FloatKernels' scalar forms, lane-wise ----

    private static FloatVector exp(FloatVector x) {
        FloatVector y = x.max(EXP_LOW).min(EXP_HIGH);
        FloatVector t = y.mul(LOG2E).add(ROUNDER);
        FloatVector k = t.sub(ROUNDER);
        FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HIGH), y);
        r = k.fma(FloatVector.broadcast(S, -LN2_LOW), r);
        FloatVector p = FloatVector.broadcast(S, E7).fma(r, FloatVector.broadcast(S, E6));
        p = p.fma(r, FloatVector.broadcast(S, E5));
        p = p.fma(r, FloatVector.broadcast(S, E4));
        p = p.fma(r, FloatVector.broadcast(S, E3));
        p = p.fma(r, FloatVector.broadcast(S, E2));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        IntVector bits = t.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    private static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector x2 = x.mul(x);
        FloatVector p = FloatVector.broadcast(S, T9).fma(x2, FloatVector.broadcast(S, T7));
        p = p.fma(x2, FloatVector.broadcast(S, T5));
        p = p.fma(x2, FloatVector.broadcast(S, T3));
        FloatVector series = x.mul(x2).fma(p, x);
        FloatVector e = exp(ax.mul(-2f));
        FloatVector y = FloatVector.broadcast(S, 1f).sub(e).div(e.add(1f));
        y = y.blend(y.neg(), x.lt(0f));
        return y.blend(series, ax.lt(TANH_SERIES_LIMIT));
    }

    private static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
    }

    @Override
    void tanh(float[] a, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + L <= end; i += L) {
            tanh(FloatVector.fromArray(S, a, i)).intoArray(a, i);
        }
        if (i < end) {
            float[] pad = new float[L];
            System.arraycopy(a, i, pad, 0, end - i);
            tanh(FloatVector.fromArray(S, pad, 0)).intoArray(pad, 0);
            System.arraycopy(pad, 0, a, i, end - i);
        }
    }

    @Override
    void sigmoid(float[] a, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + L <= end; i += L) {
            sigmoid(FloatVector.fromArray(S, a, i)).intoArray(a, i);
        }
        if (i < end) {
            float[] pad = new float[L];
            System.arraycopy(a, i, pad, 0, end - i);
            sigmoid(FloatVector.fromArray(S, pad, 0)).intoArray(pad, 0);
            System.arraycopy(pad, 0, a, i, end - i);
        }
    }
}

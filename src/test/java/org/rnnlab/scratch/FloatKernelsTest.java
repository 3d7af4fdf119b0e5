package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The float kernels against exact double products, against each other, and split over rows and
 * columns as threads split them.
 *
 * <p>Error bound: each element is c_k = fl(a_k·b_k + c_{k−1}) k times, each fma rounding once with
 * relative error at most u = 2^−24, so |ĉ − c| ≤ γ_k·(|c_0| + Σ|a_p·b_p|) with γ_k = k·u/(1 − k·u)
 * (Higham, sums in recursive order). The inputs are floats, so the double reference is exact to
 * 2^−53, far below the bound.
 */
class FloatKernelsTest {

    private static final double U = 0x1p-24;

    private static List<FloatKernels> kernels() {
        List<FloatKernels> all = new ArrayList<>();
        all.add(FloatKernels.plainJava());
        FloatKernels.loadVector().ifPresent(all::add);
        return all;
    }

    private static float[] random(int size, Random random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    /** Which of the three products a case runs. */
    private enum Kind { AB, ATB, ABT }

    /** C (with a margin of leading dimension and offset) after one product, on the given kernels. */
    private static float[] run(FloatKernels k, Kind kind, int m, int n, int depth, float[] a, float[] b, float[] c0) {
        float[] c = c0.clone();
        int ldc = n + 3;
        switch (kind) {
            case AB -> k.multiply(m, n, depth, a, 2, depth + 1, b, 1, n + 2, c, 5, ldc);
            case ATB -> k.multiplyTransposedA(m, n, depth, a, 2, m + 1, b, 1, n + 2, c, 5, ldc);
            case ABT -> k.multiplyTransposedB(m, n, depth, a, 2, depth + 1, b, 1, depth + 2, c, 5, ldc);
        }
        return c;
    }

    private static double aAt(Kind kind, float[] a, int i, int p, int m, int depth) {
        return kind == Kind.ATB ? a[2 + p * (m + 1) + i] : a[2 + i * (depth + 1) + p];
    }

    private static double bAt(Kind kind, float[] b, int p, int j, int n, int depth) {
        return kind == Kind.ABT ? b[1 + j * (depth + 2) + p] : b[1 + p * (n + 2) + j];
    }

    private static final int[][] SHAPES = {{1, 1, 1}, {7, 53, 13}, {5, 90, 300}, {64, 100, 37}, {9, 16, 129},
            {4, 48, 256}, {13, 161, 1}, {3, 7, 700}};

    @Test
    void productsStayWithinTheFloatBoundOfTheExactProduct() {
        Random random = new Random(3);
        for (FloatKernels k : kernels()) {
            for (Kind kind : Kind.values()) {
                for (int[] shape : SHAPES) {
                    int m = shape[0];
                    int n = shape[1];
                    int depth = shape[2];
                    float[] a = random(2 + (m + 1) * (depth + 1) + (depth + 1) * (m + 1), random);
                    float[] b = random(1 + (n + 2) * (depth + 2) + (depth + 2) * (n + 2), random);
                    float[] c0 = random(5 + m * (n + 3) + 3, random);
                    float[] c = run(k, kind, m, n, depth, a, b, c0);
                    double gamma = depth * U / (1 - depth * U);
                    double worst = 0;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            int at = 5 + i * (n + 3) + j;
                            double exact = c0[at];
                            double magnitude = Math.abs(c0[at]);
                            for (int p = 0; p < depth; p++) {
                                double term = aAt(kind, a, i, p, m, depth) * bAt(kind, b, p, j, n, depth);
                                exact += term;
                                magnitude += Math.abs(term);
                            }
                            double error = Math.abs(c[at] - exact);
                            assertTrue(error <= gamma * magnitude, k.name() + " " + kind + " " + m + "×" + n + "×"
                                    + depth + " (" + i + ", " + j + "): error " + error + " above " + gamma * magnitude);
                            worst = Math.max(worst, error / magnitude);
                        }
                    }
                    // a product that is exact, or one that drops terms, would not land in this band
                    if (depth > 1) {
                        assertTrue(worst > 0, k.name() + " " + kind + ": no rounding at all is suspicious");
                    }
                }
                float[] c0 = new float[40];
                float[] c = c0.clone();
                k.multiply(2, 2, 0, new float[4], 0, 2, new float[4], 0, 2, c, 0, 2);
                assertArrayEquals(c0, c, "k = 0 leaves C as it is");
            }
        }
    }

    @Test
    void vectorAndPlainJavaKernelsGiveTheSameBits() {
        Optional<FloatKernels> vector = FloatKernels.loadVector();
        assumeTrue(vector.isPresent(), "this JVM runs without " + FloatKernels.VECTOR_MODULE);
        Random random = new Random(5);
        for (Kind kind : Kind.values()) {
            for (int[] shape : SHAPES) {
                int m = shape[0];
                int n = shape[1];
                int depth = shape[2];
                float[] a = random(2 + 2 * (m + 1) * (depth + 1), random);
                float[] b = random(1 + 2 * (n + 2) * (depth + 2), random);
                float[] c0 = random(5 + m * (n + 3) + 3, random);
                assertArrayEquals(run(FloatKernels.plainJava(), kind, m, n, depth, a, b, c0),
                        run(vector.get(), kind, m, n, depth, a, b, c0), kind + " " + m + "×" + n + "×" + depth);
            }
        }
        float[] x = new float[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 5 == 0 ? (float) random.nextGaussian() * 0.2f : (float) random.nextGaussian() * 6;
        }
        x[7] = 0;
        x[8] = -0f;
        x[9] = 200;
        x[10] = -200;
        for (int len : new int[] {x.length - 3, 1, 15, 17, 33}) {
            float[] plain = x.clone();
            float[] lanes = x.clone();
            FloatKernels.plainJava().tanh(plain, 3, len);
            vector.get().tanh(lanes, 3, len);
            assertArrayEquals(plain, lanes, "tanh over " + len);
            FloatKernels.plainJava().sigmoid(plain, 1, len);
            vector.get().sigmoid(lanes, 1, len);
            assertArrayEquals(plain, lanes, "sigmoid over " + len);
        }
    }

    @Test
    void splittingRowsOrColumnsGivesTheSameBits() {
        Random random = new Random(9);
        int m = 23;
        int n = 77;
        int depth = 150;
        for (FloatKernels k : kernels()) {
            float[] a = random(m * depth, random);
            float[] at = random(depth * m, random);
            float[] b = random(depth * n, random);
            float[] c0 = random(m * n, random);
            float[] whole = c0.clone();
            k.multiply(m, n, depth, a, 0, depth, b, 0, n, whole, 0, n);
            float[] wholeT = c0.clone();
            k.multiplyTransposedA(m, n, depth, at, 0, m, b, 0, n, wholeT, 0, n);
            for (int cut : new int[] {1, 5, 11, 16, 17, 48}) {
                float[] byRows = c0.clone();
                int rowCut = Math.min(cut, m);
                k.multiply(rowCut, n, depth, a, 0, depth, b, 0, n, byRows, 0, n);
                k.multiply(m - rowCut, n, depth, a, rowCut * depth, depth, b, 0, n, byRows, rowCut * n, n);
                assertArrayEquals(whole, byRows, k.name() + " rows split at " + rowCut);
                float[] byColumns = c0.clone();
                k.multiply(m, cut, depth, a, 0, depth, b, 0, n, byColumns, 0, n);
                k.multiply(m, n - cut, depth, a, 0, depth, b, cut, n, byColumns, cut, n);
                assertArrayEquals(whole, byColumns, k.name() + " columns split at " + cut);
                float[] byColumnsT = c0.clone();
                k.multiplyTransposedA(m, cut, depth, at, 0, m, b, 0, n, byColumnsT, 0, n);
                k.multiplyTransposedA(m, n - cut, depth, at, 0, m, b, cut, n, byColumnsT, cut, n);
                assertArrayEquals(wholeT, byColumnsT, k.name() + " Aᵀ·B columns split at " + cut);
                float[] byRowsT = c0.clone();
                k.multiplyTransposedA(rowCut, n, depth, at, 0, m, b, 0, n, byRowsT, 0, n);
                k.multiplyTransposedA(m - rowCut, n, depth, at, rowCut, m, b, 0, n, byRowsT, rowCut * n, n);
                assertArrayEquals(wholeT, byRowsT, k.name() + " Aᵀ·B rows split at " + rowCut);
            }
        }
    }

    /**
     * A product with B as an operand (a weight matrix kept in the kernel's own form) gives the bits
     * of the product with B as a flat array, over column ranges that start anywhere, spans wider
     * than a panel, depths across panels, and after B's values change and the operand is refreshed.
     */
    @Test
    void operandProductsGiveTheBitsOfTheFlatProduct() {
        Random random = new Random(13);
        int cols = 600;
        int[][] ranges = {{0, 600}, {0, 1}, {37, 300}, {100, 100}, {512, 88}, {599, 1}};
        for (FloatKernels k : kernels()) {
            for (int depth : new int[] {1, 5, 130, 300}) {
                float[] values = random(depth * cols, random);
                FloatKernels.Operand operand = k.operand(values, depth, cols);
                for (int round = 0; round < 2; round++) {
                    for (int m : new int[] {1, 3, 9}) {
                        for (int[] range : ranges) {
                            int bCol = range[0];
                            int n = range[1];
                            float[] a = random(3 + m * (depth + 2), random);
                            float[] c0 = random(7 + m * (n + 5), random);
                            float[] flat = c0.clone();
                            k.multiply(m, n, depth, a, 3, depth + 2, values, bCol, cols, flat, 7, n + 5);
                            float[] viaOperand = c0.clone();
                            k.multiply(m, n, a, 3, depth + 2, operand, bCol, viaOperand, 7, n + 5);
                            assertArrayEquals(flat, viaOperand, k.name() + " " + m + "×" + n + "×" + depth
                                    + " from column " + bCol + ", round " + round);
                            assertTrue(!Arrays.equals(c0, viaOperand), "the product changes C");
                        }
                    }
                    // new values, as at the next pass
                    float[] next = random(values.length, random);
                    System.arraycopy(next, 0, values, 0, values.length);
                    operand.refresh();
                }
            }
        }
        Optional<FloatKernels> vector = FloatKernels.loadVector();
        if (vector.isPresent()) {
            float[] values = random(70 * cols, random);
            float[] a = random(11 * 70, random);
            float[] c0 = random(11 * 300, random);
            float[] plain = c0.clone();
            float[] lanes = c0.clone();
            FloatKernels.plainJava().multiply(11, 300, a, 0, 70, FloatKernels.plainJava().operand(values, 70, cols),
                    41, plain, 0, 300);
            vector.get().multiply(11, 300, a, 0, 70, vector.get().operand(values, 70, cols), 41, lanes, 0, 300);
            assertArrayEquals(plain, lanes, "operand products of the two kernels");
        }
    }

    /**
     * exp, tanh and σ against the double library functions. Bounds found by sweeping every
     * 997th float in [−20, 20] and stated with a margin: tanh within 6e−8 absolute plus 3 float
     * ulps relative (the cancellation in 1 − e just above the series' limit), σ within 4 ulps.
     */
    @Test
    void nonlinearitiesStayCloseToTheDoubleFunctions() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        for (int bits = Float.floatToRawIntBits(-20f); bits < 0; bits -= 997) {
            worstTanh = Math.max(worstTanh, checkAt(Float.intBitsToFloat(bits)));
        }
        for (int bits = 0; Float.intBitsToFloat(bits) < 20f; bits += 997) {
            worstTanh = Math.max(worstTanh, checkAt(Float.intBitsToFloat(bits)));
        }
        for (float x = -60; x < 60; x += 0.0037f) {
            double exact = 1 / (1 + Math.exp(-x));
            double error = Math.abs(FloatKernels.sigmoid(x) - exact);
            worstSigmoid = Math.max(worstSigmoid, error / exact);
            assertTrue(error <= 4 * U * exact + Float.MIN_NORMAL, "σ(" + x + ") off by " + error);
        }
        assertEquals(0f, FloatKernels.tanh(0f));
        assertEquals(1f, FloatKernels.tanh(100f));
        assertEquals(-1f, FloatKernels.tanh(-100f));
        assertTrue(Float.isNaN(FloatKernels.tanh(Float.NaN)));
        assertEquals(1f, FloatKernels.sigmoid(200f));
        assertTrue(FloatKernels.sigmoid(-200f) < 1e-37f);
        assertTrue(worstTanh > 0 && worstSigmoid > 0);
    }

    private static double checkAt(float x) {
        double exact = Math.tanh(x);
        double error = Math.abs(FloatKernels.tanh(x) - exact);
        assertTrue(error <= 6e-8 + 3 * 2 * U * Math.abs(exact), "tanh(" + x + ") off by " + error);
        return error;
    }
}

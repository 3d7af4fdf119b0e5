package org.rnnlab.scratch;

import java.util.Optional;

/**
 * The float32 products and nonlinearities of the float layers ({@link FloatLayers}), on row-major
 * float arrays: matrix X of r rows at offset o with leading dimension ld holds X(i, p) at
 * {@code o + i·ld + p}.
 *
 * <p>Every output element is one chain of fused multiply-adds in the order p = 0, 1, …, k−1,
 * starting from its value in C: {@code c = fma(a_p, b_p, c)}. Blocking over rows, columns or k
 * changes only when C is stored and read back, which is exact, so an element's bits depend on k
 * alone, never on how m or n is split between threads, nor on which implementation runs: the
 * Vector API one ({@code VectorFloatKernels}) and the plain-Java one ({@link JavaFloatKernels})
 * give the same bits. So do the nonlinearities, which are built from +, −, ×, ÷ and fma only
 * (no library exp or tanh, whose results may depend on whether the JIT has compiled a loop).
 *
 * <p>Which implementation runs: {@link #active()}; the Vector API one needs the JVM option
 * {@code --add-modules jdk.incubator.vector}, see {@link #describe()}.
 */
abstract class FloatKernels {

    /** The module of the incubating Vector API (JDK 16 to 2x). */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** C[m×n] += A[m×k]·B[k×n]. */
    abstract void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float[] c, int cOff, int ldc);

    /**
     * A matrix B [rows×cols], row-major from index 0 of {@link #values}, that takes part in many
     * products between changes: a weight matrix over a pass. A kernel may keep it in the form its
     * product reads fastest; {@link #refresh()} tells it that {@code values} has changed.
     */
    static class Operand {
        final float[] values;
        final int rows;
        final int cols;

        Operand(float[] values, int rows, int cols) {
            if (values.length < rows * cols) {
                throw new IllegalArgumentException(rows + "×" + cols + " does not fit in " + values.length);
            }
            this.values = values;
            this.rows = rows;
            this.cols = cols;
        }

        /** Takes the current {@code values}; call it after they change, before the next product. */
        void refresh() {
        }
    }

    /** B [rows×cols] at the start of {@code values} as an operand of these kernels; refreshed once. */
    Operand operand(float[] values, int rows, int cols) {
        return new Operand(values, rows, cols);
    }

    /**
     * C[m×n] += A[m×k]·B(:, bCol .. bCol+n) with k = b.rows: the same bits as {@link #multiply} on
     * B's values.
     */
    void multiply(int m, int n, float[] a, int aOff, int lda, Operand b, int bCol, float[] c, int cOff, int ldc) {
        multiply(m, n, b.rows, a, aOff, lda, b.values, bCol, b.cols, c, cOff, ldc);
    }

    /** C[m×n] += Aᵀ·B for A [k×m] and B [k×n]. */
    abstract void multiplyTransposedA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                                      int ldb, float[] c, int cOff, int ldc);

    /**
     * C[m×n] += A·Bᵀ for A [m×k] and B [n×k]. It copies Bᵀ once and multiplies, which keeps the
     * summation order of {@link #multiply}; a caller that repeats it with the same B (a weight
     * matrix) should keep Bᵀ itself.
     */
    final void multiplyTransposedB(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float[] c, int cOff, int ldc) {
        float[] bt = new float[k * n];
        for (int j = 0; j < n; j++) {
            int row = bOff + j * ldb;
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[row + p];
            }
        }
        multiply(m, n, k, a, aOff, lda, bt, 0, n, c, cOff, ldc);
    }

    /** a[off .. off+len) = tanh of itself, as {@link #tanh(float)}. */
    abstract void tanh(float[] a, int off, int len);

    /** a[off .. off+len) = σ of itself, as {@link #sigmoid(float)}. */
    abstract void sigmoid(float[] a, int off, int len);

    /** A short name for logs and tables. */
    abstract String name();

    // ---- the nonlinearities, scalar form; VectorFloatKernels repeats these operations lane-wise ----

    /** Arguments of exp are clamped to this range, so that 2^k stays a normal float. */
    static final float EXP_LOW = -87f;
    static final float EXP_HIGH = 88f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer. */
    static final float ROUNDER = 12582912f;
    /** ln 2 in two parts; the first has few enough bits that k·LN2_HIGH is exact. */
    static final float LN2_HIGH = 0.693145751953125f;
    static final float LN2_LOW = 1.42860682030941723212e-6f;
    /** 1/k! for k = 2 … 7: Taylor's series of e^r on |r| ≤ ln2/2 (truncation below 6e-9). */
    static final float E2 = 1f / 2;
    static final float E3 = 1f / 6;
    static final float E4 = 1f / 24;
    static final float E5 = 1f / 120;
    static final float E6 = 1f / 720;
    static final float E7 = 1f / 5040;
    /** Below this |x|, tanh comes from its odd series through x^9 (truncation below 1e-8 relative). */
    static final float TANH_SERIES_LIMIT = 0.25f;
    static final float T3 = -1f / 3;
    static final float T5 = 2f / 15;
    static final float T7 = -17f / 315;
    static final float T9 = 62f / 2835;

    /** e^x for x clamped to [−87, 88]: e^x = 2^k·e^r with k = round(x·log2 e), r = x − k·ln 2. */
    static float exp(float x) {
        float y = Math.min(Math.max(x, EXP_LOW), EXP_HIGH);
        float t = y * LOG2E + ROUNDER;
        float k = t - ROUNDER;
        float r = Math.fma(k, -LN2_HIGH, y);
        r = Math.fma(k, -LN2_LOW, r);
        float p = Math.fma(E7, r, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        // t's low bits hold k above 0x4B400000, whose low 9 bits are zero: shifting by 23 leaves 2^k's exponent
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) + 127) << 23);
    }

    /** tanh: the odd series near 0, else (1 − e)/(1 + e) with e = e^{−2|x|}, signed. */
    static float tanh(float x) {
        float ax = Math.abs(x);
        if (ax < TANH_SERIES_LIMIT) {
            float x2 = x * x;
            float p = Math.fma(T9, x2, T7);
            p = Math.fma(p, x2, T5);
            p = Math.fma(p, x2, T3);
            return Math.fma(x * x2, p, x);
        }
        float e = exp(-2 * ax);
        float y = (1 - e) / (1 + e);
        return x < 0 ? -y : y;
    }

    /** σ(x) = 1 / (1 + e^{−x}). */
    static float sigmoid(float x) {
        return 1 / (1 + exp(-x));
    }

    // ---- which implementation ----

    private static final class Active {
        static final FloatKernels KERNELS = loadVector().orElse(JavaFloatKernels.INSTANCE);
    }

    /** The Vector API kernels if this JVM has the module, else the plain-Java ones. */
    static FloatKernels active() {
        return Active.KERNELS;
    }

    /** The plain-Java kernels, whatever the JVM. */
    static FloatKernels plainJava() {
        return JavaFloatKernels.INSTANCE;
    }

    /**
     * The Vector API kernels, when the JVM was started with the module; the class that names the
     * module's types is loaded only then, so a JVM without it never links against them.
     */
    static Optional<FloatKernels> loadVector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(FloatKernels.class.getPackageName() + ".VectorFloatKernels");
            return Optional.of((FloatKernels) type.getDeclaredConstructor().newInstance());
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Which kernels run, and how to get the faster ones when they do not: one line for a log or a
     * table.
     */
    static String describe() {
        FloatKernels kernels = active();
        if (kernels != JavaFloatKernels.INSTANCE) {
            return "float kernels: " + kernels.name();
        }
        return "float kernels: " + kernels.name() + " (for the faster Vector API kernels add `--add-modules "
                + VECTOR_MODULE + "` to the JVM options, e.g. an IDE's VM options)";
    }
}

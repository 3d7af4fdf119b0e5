package org.rnnlab.dl4j;

import java.util.Locale;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J's process-wide settings for rnnlab: double precision by default (DataVec iterators create
 * arrays in ND4J's default type), and the number of native threads.
 *
 * <p>Threads: the recurrent layers run one small native op after another, so on a small machine a
 * second thread mostly adds hand-over cost. One thread is the default; the system property
 * {@code rnnlab.threads} overrides it. It takes effect for ND4J's master threads and OpenBLAS;
 * ND4J M2.1 ignores a run-time change of its per-op thread count (it keeps reading the core count),
 * which is asked for anyway in case a later version honours it.
 *
 * <p>Per-op overhead: every native array or op context that JavaCPP allocates first asks the
 * operating system for the process's resident size (to trigger a GC past
 * {@code maxPhysicalBytes}); at minibatch 1 that check was a quarter of DL4J's step time. rnnlab
 * sets {@value #MAX_PHYSICAL_BYTES} to 0 (no resident-size limit; JavaCPP's own limit on the
 * bytes it allocates, {@code maxBytes}, stays). JavaCPP reads it once, when ND4J first loads, so
 * {@link #configure()} must run before anything touches ND4J (the entry points call it first; the
 * Maven build passes it as a system property too); a value given with -D is kept. ND4J's
 * workspace-scope checks ({@code ProfilingMode.SCOPE_PANIC}, a debugging aid) are turned off.
 */
public final class Backend {

    /** System property naming the native thread count. */
    public static final String THREADS_PROPERTY = "rnnlab.threads";

    /** JavaCPP's resident-memory limit; 0 turns the per-allocation check off. */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private static final int DEFAULT_THREADS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

    private static boolean kernelsReported;

    private Backend() {
    }

    /** Applies rnnlab's defaults; safe to call more than once. */
    public static void configure() {
        configureJavaCpp();
        if (Pointer.maxPhysicalBytes() != 0 && "0".equals(System.getProperty(MAX_PHYSICAL_BYTES))) {
            LOG.debug("JavaCPP was loaded before rnnlab's settings; each native allocation keeps checking the "
                    + "resident size (start with -D{}=0 to avoid it)", MAX_PHYSICAL_BYTES);
        }
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        int threads = threads();
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        // OpenBLAS keeps its own thread count; left at the core count, two networks trained at once
        // would each run every matrix product on all cores and wait on each other.
        Nd4j.factory().blas().setMaxThreads(threads);
        reportKernels();
    }

    /**
     * Once per process: which OpenBLAS kernels run, why, and what a 512x512 matrix product reaches
     * with them in float and in double on one thread (the best of a few), so that a slow machine
     * shows at once whether its kernels are the reason.
     */
    private static synchronized void reportKernels() {
        if (kernelsReported) {
            return;
        }
        kernelsReported = true;
        String core = BlasKernels.loadedCoreName().orElse("(not known)");
        LOG.info("OpenBLAS kernels: {} ({}); a 512x512 product on 1 thread: {} GFLOP/s in float, {} in double",
                core, BlasKernels.reason(), String.format(Locale.ROOT, "%.0f", productGflops(DataType.FLOAT)),
                String.format(Locale.ROOT, "%.0f", productGflops(DataType.DOUBLE)));
    }

    /** GFLOP/s of the fastest of a few 512x512 products in {@code type}, after two to warm up. */
    private static double productGflops(DataType type) {
        int n = 512;
        INDArray a = Nd4j.rand(type, n, n);
        INDArray b = Nd4j.rand(type, n, n);
        INDArray c = Nd4j.create(type, n, n);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            long took = System.nanoTime() - start;
            if (i >= 2) {
                best = Math.min(best, took);
            }
        }
        return 2.0 * n * n * n / best;
    }

    /**
     * Sets JavaCPP's {@value #MAX_PHYSICAL_BYTES} to 0 unless given, without loading ND4J: for
     * callers that must look at ND4J's defaults before {@link #configure()} changes them.
     */
    public static void configureJavaCpp() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
        BlasKernels.select();
    }

    static int threads() {
        return SystemProperties.positiveInt(THREADS_PROPERTY, DEFAULT_THREADS);
    }
}

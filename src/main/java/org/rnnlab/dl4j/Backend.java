package org.rnnlab.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's process-wide settings for rnnlab: double precision by default (DataVec iterators create
 * arrays in ND4J's default type), and the number of native threads.
 *
 * <p>Threads: the recurrent layers run one small native op after another, so on a small machine a
 * second thread mostly adds hand-over cost. One thread is the default; the system property
 * {@code rnnlab.threads} overrides it. It takes effect for ND4J's master threads and OpenBLAS;
 * ND4J M2.1 ignores a run-time change of its per-op thread count (it keeps reading the core count),
 * which is asked for anyway in case a later version honours it.
 */
public final class Backend {

    /** System property naming the native thread count. */
    public static final String THREADS_PROPERTY = "rnnlab.threads";

    private static final int DEFAULT_THREADS = 1;

    private Backend() {
    }

    /** Applies rnnlab's defaults; safe to call more than once. */
    public static void configure() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        int threads = threads();
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        // OpenBLAS keeps its own thread count; left at the core count, two networks trained at once
        // would each run every matrix product on all cores and wait on each other.
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    static int threads() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_THREADS;
        }
        try {
            int threads = Integer.parseInt(value.strip());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + THREADS_PROPERTY + " = '" + value
                + "'; expected a positive integer");
    }
}

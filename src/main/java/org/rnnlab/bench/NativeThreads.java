package org.rnnlab.bench;

import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.dl4j.Backend;

/**
 * ND4J's thread counts: its own defaults, read once at start-up for the benchmark's environment
 * line, and rnnlab's ({@link Backend}), applied before every measurement.
 *
 * <p>ND4J keeps three counts: threads per native op, "master" threads, and OpenBLAS's threads. It
 * sets them when it starts (from OMP_NUM_THREADS, else the core count); {@link #recordDefaults()}
 * must therefore read them before anything calls {@link Backend#configure()}. Master and BLAS
 * counts take effect at the next op.
 */
public final class NativeThreads {

    /**
     * Thread counts of ND4J.
     *
     * @param ops    threads a native op may use
     * @param master ND4J's master threads
     * @param blas   OpenBLAS threads
     */
    public record Setting(int ops, int master, int blas) {
        /** "ops/master/blas", e.g. "2/1/1". */
        public String compact() {
            return ops + "/" + master + "/" + blas;
        }

        @Override
        public String toString() {
            return "ops " + ops + ", master " + master + ", BLAS " + blas;
        }
    }

    private final Setting nd4jDefaults;

    private NativeThreads(Setting nd4jDefaults) {
        this.nd4jDefaults = nd4jDefaults;
    }

    /** Reads ND4J's current settings as its defaults; call before {@link Backend#configure()}. */
    public static NativeThreads recordDefaults() {
        return new NativeThreads(current());
    }

    /** What ND4J uses now. */
    public static Setting current() {
        return new Setting(Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads(),
                Nd4j.factory().blas().getMaxThreads());
    }

    public Setting nd4jDefaults() {
        return nd4jDefaults;
    }


    /** Applies rnnlab's settings (one thread unless {@value Backend#THREADS_PROPERTY} says otherwise). */
    public Setting useRnnlab() {
        Backend.configure();
        return current();
    }
}

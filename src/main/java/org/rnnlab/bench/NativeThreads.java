package org.rnnlab.bench;

import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.dl4j.Backend;

/**
 * Switches ND4J between its own thread settings and rnnlab's ({@link Backend}) inside one JVM, so
 * both can be timed on the same networks and data.
 *
 * <p>ND4J keeps three counts: threads per native op, "master" threads, and OpenBLAS's threads. It
 * sets them when it starts (from OMP_NUM_THREADS, else the core count); {@link #recordDefaults()}
 * must therefore read them before anything calls {@link Backend#configure()}. All three can be
 * changed at any time and take effect at the next op.
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

    /** Puts ND4J's own settings back. */
    public Setting useNd4jDefaults() {
        Nd4j.getEnvironment().setMaxThreads(nd4jDefaults.ops());
        Nd4j.getEnvironment().setMaxMasterThreads(nd4jDefaults.master());
        Nd4j.factory().blas().setMaxThreads(nd4jDefaults.blas());
        return current();
    }

    /** Applies rnnlab's settings (one thread unless {@value Backend#THREADS_PROPERTY} says otherwise). */
    public Setting useRnnlab() {
        Backend.configure();
        return current();
    }
}

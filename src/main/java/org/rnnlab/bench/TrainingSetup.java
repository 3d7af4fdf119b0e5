package org.rnnlab.bench;

import org.rnnlab.dl4j.Dl4jLstm;
import org.rnnlab.spec.Precision;

/** The ways one case is trained, in the order the speed table lists them. */
public enum TrainingSetup {
    /**
     * DL4J in double precision as it comes: ND4J's own thread counts, JavaCPP's and ND4J's default
     * checks, DL4J's own LSTM layer; timed in a JVM of its own ({@link Dl4jDefaultsProbe}).
     */
    DL4J_DOUBLE_DEFAULTS("dl4j-double-defaults"),
    /**
     * DL4J in double precision with rnnlab's settings but OpenBLAS's own choice of kernels instead of
     * rnnlab's ({@link org.rnnlab.dl4j.BlasKernels}); timed in a JVM of its own, as OpenBLAS reads
     * the choice when it loads.
     */
    DL4J_DOUBLE_OWN_KERNELS("dl4j-double-openblas-own-kernels"),
    /** DL4J in double precision with rnnlab's settings ({@link org.rnnlab.dl4j.Backend}). */
    DL4J_DOUBLE("dl4j-double"),
    /** DL4J in float precision (configuration and data), rnnlab's thread settings. */
    DL4J_FLOAT("dl4j-float"),
    /**
     * As {@link #DL4J_FLOAT}, with DL4J's LSTM layer as it comes, which runs the forward pass of a
     * training step twice ({@link org.rnnlab.dl4j.Dl4jLstm#STOCK}); LSTM cases only.
     */
    DL4J_FLOAT_STOCK_LSTM("dl4j-float-stock-lstm"),
    /** The scratch network and trainer: plain Java, double precision, one thread. */
    SCRATCH_DOUBLE("scratch-double"),
    /** The scratch network with each step's minibatch split over every core (minibatches above 1). */
    SCRATCH_DOUBLE_THREADS("scratch-double-threads"),
    /** The scratch network in float (its float layers and kernels), one thread. */
    SCRATCH_FLOAT("scratch-float"),
    /** The scratch network in float with each step split over every core (minibatches above 1). */
    SCRATCH_FLOAT_THREADS("scratch-float-threads");

    private final String label;

    TrainingSetup(String label) {
        this.label = label;
    }

    /** Whether this row is timed in a JVM of its own ({@link Dl4jDefaultsProbe}). */
    public boolean ownJvm() {
        return this == DL4J_DOUBLE_DEFAULTS || this == DL4J_DOUBLE_OWN_KERNELS;
    }

    /** Whether DL4J trains in this row (the scratch network otherwise). */
    public boolean isDl4j() {
        return this == DL4J_DOUBLE_DEFAULTS || this == DL4J_DOUBLE_OWN_KERNELS || this == DL4J_DOUBLE || this == DL4J_FLOAT
                || this == DL4J_FLOAT_STOCK_LSTM;
    }

    /** The floating-point type this row trains in. */
    public Precision precision() {
        return switch (this) {
            case DL4J_FLOAT, DL4J_FLOAT_STOCK_LSTM, SCRATCH_FLOAT, SCRATCH_FLOAT_THREADS -> Precision.FLOAT;
            default -> Precision.DOUBLE;
        };
    }

    /** The LSTM layer DL4J trains with in this row (DL4J's own as it comes in the row of its defaults). */
    public Dl4jLstm dl4jLstm() {
        return this == DL4J_DOUBLE_DEFAULTS || this == DL4J_FLOAT_STOCK_LSTM ? Dl4jLstm.STOCK : Dl4jLstm.KEEP_FORWARD;
    }

    /** The name in tables. */
    public String label() {
        return label;
    }
}

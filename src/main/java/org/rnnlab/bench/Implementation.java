package org.rnnlab.bench;

/** The ways one case is trained, in the order the speed table lists them. */
public enum Implementation {
    /** DL4J in double precision with ND4J's own thread counts (timed for minibatch-1 cases only). */
    DL4J_DOUBLE_ND4J_THREADS("dl4j-double-nd4jthreads"),
    /** DL4J in double precision with rnnlab's thread settings: the reference of the speed ratios. */
    DL4J_DOUBLE("dl4j-double"),
    /** DL4J in float precision (configuration and data), rnnlab's thread settings. */
    DL4J_FLOAT("dl4j-float"),
    /** The scratch network and trainer: plain Java, double precision, one thread. */
    SCRATCH_DOUBLE("scratch-double");

    private final String label;

    Implementation(String label) {
        this.label = label;
    }

    /** The name in tables. */
    public String label() {
        return label;
    }
}

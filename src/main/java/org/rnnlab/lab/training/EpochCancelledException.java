package org.rnnlab.lab.training;

/**
 * Thrown by {@link TrainableNetwork#finishEpoch} of a network that gave up the epoch it was training:
 * told to ({@link TrainableNetwork#cancelEpoch()}, a stop request), or because it cannot go on (a
 * Spark application left without executors). The network is as it was before the epoch, so the run
 * stands at the end of the previous one.
 */
final class EpochCancelledException extends RuntimeException {

    private final String stopReason;

    /** The epoch given up on request. */
    EpochCancelledException(String message) {
        this(message, null);
    }

    /**
     * The epoch given up by the network itself.
     *
     * @param stopReason why, as a stop's reason reads after "stopped by"; null when a stop was requested
     */
    EpochCancelledException(String message, String stopReason) {
        super(message);
        this.stopReason = stopReason;
    }

    /** Why the network gave up the epoch by itself, or null when it was asked to. */
    String stopReason() {
        return stopReason;
    }
}

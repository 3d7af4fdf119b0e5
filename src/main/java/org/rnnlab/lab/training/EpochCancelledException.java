package org.rnnlab.lab.training;

/**
 * Thrown by {@link TrainableNetwork#finishEpoch} of a network told to {@linkplain
 * TrainableNetwork#cancelEpoch() give up} the epoch it was training: the network is as it was before
 * the epoch, so the run stands at the end of the previous one.
 */
final class EpochCancelledException extends RuntimeException {

    EpochCancelledException(String message) {
        super(message);
    }
}

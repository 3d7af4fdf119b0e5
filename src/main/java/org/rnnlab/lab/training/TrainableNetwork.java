package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Path;

import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.tasks.SequenceModel;

/** A network as the training loop sees it, whichever implementation holds its parameters. */
public interface TrainableNetwork {

    /** The implementation column of the results table, e.g. "dl4j" or "scratch". */
    String implementation();

    long numParams();

    /**
     * One training step on a minibatch read through DataVec (several steps with truncated BPTT).
     *
     * @param epoch 0-based epoch, for learning-rate schedules
     * @return the score after the step, as DL4J defines it
     */
    double fit(DataSet batch, int epoch);

    /**
     * Whether {@link #fit} only gathers the epoch's minibatches and {@link #finishEpoch} trains on
     * them all (a Spark job); such a network has nothing trained mid-epoch, so a stop restarts the epoch.
     */
    default boolean trainsAtEpochEnd() {
        return false;
    }

    /**
     * Called after the epoch's last minibatch: trains what {@link #fit} gathered, if anything.
     *
     * @param epoch 0-based epoch
     * @return the score after that training, checked for divergence; 0 when there was nothing to train
     */
    default double finishEpoch(int epoch) {
        return 0.0;
    }

    /**
     * Asks a network that {@linkplain #trainsAtEpochEnd() trains at the epoch's end} to give up the
     * epoch {@link #finishEpoch} is training, from another thread (a stop request): that call then
     * throws {@link EpochCancelledException} with the network put back as it was before the epoch. A
     * call when no epoch is training, or one that comes too late, changes nothing.
     */
    default void cancelEpoch() {
    }

    /** Forgets minibatches gathered for an epoch that will not finish (a stop). */
    default void dropUnfinishedEpoch() {
    }

    /** Every parameter, flat, in DL4J's order and layout. */
    double[] parameters();

    void setParameters(double[] parameters);

    /** The network for evaluation. */
    SequenceModel model();

    /** Writes the trained network into the run folder. */
    void save(RunFolder folder) throws IOException;

    /**
     * Writes everything this network needs to go on training exactly as if it had not stopped into
     * the empty folder {@code dir}: parameters, the updater's state (Adam's moments) and the update
     * count.
     */
    void writeState(Path dir) throws IOException;

    /** Puts back a state written by {@link #writeState} of a network with the same settings. */
    void readState(Path dir) throws IOException;

    /**
     * From now on reports DL4J UI statistics to {@code stats} every {@code stats.every()} updates:
     * DL4J through its StatsListener, the scratch network through {@link ScratchStatsReporter}.
     *
     * @return false for a network that cannot report (a Spark run): then nothing is sent
     */
    default boolean reportStats(TrainingStats stats) {
        return false;
    }
}

package org.rnnlab.lab.training;

import java.util.Optional;

import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.lab.tasks.SequenceModel;

/**
 * What a caller of {@link Trainer} follows of one training as it goes: every minibatch fitted and
 * every epoch ended, with a say in whether training goes on. A study over seeds counts the sequences
 * seen and checks its success criterion through one; a run on its own has {@link #NONE}.
 *
 * <p>A listener only looks: it leaves the minibatch and the network as they are (evaluating the
 * model is looking), so a training with a listener takes the same steps as one without, up to the
 * epoch the listener ends it at. A checkpoint does not keep a listener's state: a resumed run has
 * none.
 */
public interface EpochListener {

    /** Follows nothing and never ends a training. */
    EpochListener NONE = new EpochListener() {
    };

    /** After a minibatch was fitted and its score found finite. */
    default void fitted(DataSet batch) {
    }

    /**
     * After epoch {@code epoch} (from 1) was trained and the task was told, before the epoch's metrics
     * are logged.
     *
     * @return why training ends after this epoch, as a phrase for the log and the run's summary
     *         (e.g. "the success criterion holds"), or empty to go on
     */
    default Optional<String> epochEnded(int epoch, SequenceModel model) {
        return Optional.empty();
    }
}

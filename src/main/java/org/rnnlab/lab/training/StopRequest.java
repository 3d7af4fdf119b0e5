package org.rnnlab.lab.training;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop training, set from outside the training thread (a signal handler, or the runner
 * when another run failed) and read by the {@link Trainer} between two minibatches. Stopping at a
 * step boundary means the network and the metrics logged so far are consistent when the run
 * folder's last files are written. The first request wins; later ones are ignored.
 */
public final class StopRequest {

    /**
     * Why training stops.
     *
     * @param what       e.g. "SIGTERM", in a sentence "stopped by ..."
     * @param exitStatus the process's exit status for this stop, e.g. 143 for SIGTERM
     */
    public record Reason(String what, int exitStatus) {
    }

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private final AtomicBoolean acknowledged = new AtomicBoolean();

    /** Asks training to stop; returns whether this was the first request. */
    public boolean request(String what, int exitStatus) {
        return reason.compareAndSet(null, new Reason(what, exitStatus));
    }

    public boolean isRequested() {
        return reason.get() != null;
    }

    /**
     * Called by the trainer when it has stopped at a step boundary and is writing what the run
     * leaves (checkpoint, metrics, notes): from then on the stop is only a matter of file writes.
     */
    public void acknowledge() {
        acknowledged.set(true);
    }

    /** Whether a trainer has reached a step boundary since the request (see {@link #acknowledge()}). */
    public boolean isAcknowledged() {
        return acknowledged.get();
    }

    /** The first request, or null when none was made. */
    public Reason reason() {
        return reason.get();
    }
}

package org.rnnlab.lab.training;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** An action run on a request while it is registered; closing it removes it. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private final AtomicBoolean acknowledged = new AtomicBoolean();
    private final List<Runnable> onRequest = new CopyOnWriteArrayList<>();

    /** Asks training to stop; returns whether this was the first request. */
    public boolean request(String what, int exitStatus) {
        if (!reason.compareAndSet(null, new Reason(what, exitStatus))) {
            return false;
        }
        onRequest.forEach(Runnable::run);
        return true;
    }

    /**
     * Runs {@code action} when a stop is requested, in the requesting thread, until the registration is
     * closed; at once when a stop was already requested. For work that does not pass a step boundary
     * for long (a Spark job training a whole epoch) and can be told to give up. The action may run
     * twice; it must be quick and must not throw.
     */
    public Registration whenRequested(Runnable action) {
        onRequest.add(action);
        if (isRequested()) {
            action.run();
        }
        return () -> onRequest.remove(action);
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

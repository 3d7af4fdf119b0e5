package org.rnnlab.experiments;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rnnlab.lab.training.StopRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM as a request to stop: the trainer stops at its next minibatch, the run
 * folder gets its metrics so far and a STOPPED.txt, and the process exits with 128 + the signal's
 * number (130, 143) through the normal error path.
 *
 * <p>Why a signal handler and not a shutdown hook: a hook runs once the JVM is already exiting, in
 * parallel with Log4j's own hook (so the last log lines are lost), with the exit status fixed and
 * the main thread free to race it; a handler only sets the {@link StopRequest}, and the program ends
 * itself in order. A run never ignores a signal: if no training reaches a step boundary within
 * {@link #GRACE} (a step that takes long, or work that does not look at the request, such as reading
 * data or a benchmark), a watchdog exits anyway; once one has, its checkpoint and notes get up to
 * {@link #WRITE_GRACE} to be written (a slow disk, a large network); a second signal exits at once. Shutdown hooks still run on those
 * exits, so no temporary file is left behind. If the process was started with a signal ignored
 * (a background job of a shell ignores SIGINT), it stays ignored.
 */
final class Signals implements AutoCloseable {

    /** How long a stop may take before the process exits without waiting for it. */
    static final Duration GRACE = Duration.ofSeconds(2);

    /** How long a training that stopped at a step may take to write its checkpoint and notes. */
    static final Duration WRITE_GRACE = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
    /** The exit status after SIGINT (Ctrl-C): 128 + 2. */
    static final int SIGINT_STATUS = 130;

    /** The exit status after SIGTERM: 128 + 15. */
    static final int SIGTERM_STATUS = 143;

    private static final Map<String, Integer> STATUS = Map.of("INT", SIGINT_STATUS, "TERM", SIGTERM_STATUS);

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    /** Set when the program has ended its work and is exiting on its own. */
    private volatile boolean closed;

    private Signals() {
    }

    /** Handles SIGINT and SIGTERM until {@link #close()}. */
    static Signals install(StopRequest stop, PrintStream err) {
        Signals signals = new Signals();
        for (Map.Entry<String, Integer> entry : STATUS.entrySet()) {
            Signal signal = new Signal(entry.getKey());
            try {
                SignalHandler old = Signal.handle(signal, received -> signals.onSignal(stop, err,
                        "SIG" + entry.getKey(), entry.getValue()));
                if (old == SignalHandler.SIG_IGN) {
                    LOG.debug("SIG{} was ignored when the process started; it stays ignored", entry.getKey());
                }
                signals.previous.put(signal, old);
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} here ({}); the JVM's default applies", entry.getKey(), e.getMessage());
            }
        }
        return signals;
    }

    private void onSignal(StopRequest stop, PrintStream err, String name, int status) {
        if (!stop.request(name, status)) {
            err.println("rnnlab: " + name + " while stopping; exiting now");
            System.exit(stop.reason().exitStatus());
        }
        err.println("rnnlab: " + name + " received; stopping at the next training step (send it again to exit at once)");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE.toMillis());
                long writeDeadline = System.nanoTime() + WRITE_GRACE.toNanos();
                while (stop.isAcknowledged() && !closed && System.nanoTime() < writeDeadline) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                // the program already said why it stops; only the JVM's own exit is taking long
                Runtime.getRuntime().halt(status);
            }
            err.println("rnnlab: did not stop within " + (stop.isAcknowledged() ? GRACE.plus(WRITE_GRACE) : GRACE)
                    .toSeconds() + " s of " + name + "; exiting without waiting (a run that was training keeps its"
                    + " folder .incomplete, with its last complete checkpoint)");
            System.exit(status);
        }, "rnnlab-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Gives the signals back to the handlers they had. */
    @Override
    public void close() {
        closed = true;
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot restore the handler of {}: {}", signal, e.getMessage());
            }
        });
    }
}

package org.rnnlab.bench;

import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.TrainingSpec;

/**
 * Another library that trains the benchmark's cases, timed in the same run after rnnlab's rows
 * ({@code Benchmark --peers}). Its code is not part of the default build: the Maven profile
 * {@code peers} compiles it from {@code src/peers/java} with its library beside it and registers it
 * for {@link ServiceLoader}, so the default build needs none of it. {@link PeerBenchmark} drives it.
 */
public interface Peer {

    /** How a build gets a peer, for messages; the runnable class's own message gives the whole command. */
    String PROFILE = "the Maven profile peers (mvn -Ppeers ...)";

    /** Floating-point precision of a peer's parameters, data and arithmetic. */
    enum Precision {
        FLOAT("float32"), DOUBLE("float64");

        private final String label;

        Precision(String label) {
            this.label = label;
        }

        /** The name in tables. */
        public String label() {
            return label;
        }
    }

    /** The peer's name in tables, e.g. "libtorch 2.7.1". */
    String name();

    /** Lines saying what the peer is (library versions, how it is called), for the report's header. */
    List<String> describe();

    /**
     * Times full training steps of {@code benchCase} (forward, loss, backward, clipping, update) on
     * {@code batch}, the same minibatch rnnlab's rows trained on, with {@code threads} threads per
     * operation. Warm-up and timing as {@link StepTimer} does them with {@code budget}.
     *
     * @throws UnsupportedOperationException when the peer cannot train this case
     */
    StepTimes time(BenchCase benchCase, SequenceBatch batch, Precision precision, int threads, Budget budget);

    /** The median time, in milliseconds, of one product of two {@code n × n} matrices. */
    double matrixProductMillis(int n, Precision precision, int threads, Budget budget);

    /**
     * Trains a network of {@code network}'s shape from the peer's own initial parameters with one
     * update per minibatch of {@code updates}, in order, then scores every minibatch of
     * {@code validation}.
     *
     * @return the seconds the updates took (nothing else), and the loss of each validation minibatch
     *         with DL4J's scaling (summed over steps and units, averaged over the minibatch)
     */
    TrainedRun train(NetworkSpec network, TrainingSpec training, List<SequenceBatch> updates,
                     List<SequenceBatch> validation, Precision precision, int threads);

    /**
     * What {@link #train} measured.
     *
     * @param seconds          time of the updates
     * @param validationLosses one loss per validation minibatch
     */
    record TrainedRun(double seconds, double[] validationLosses) {
    }

    /**
     * The peer registered on the class path, if the build has one. A registration whose classes are
     * gone (a default build after a {@code peers} build leaves the service file in target/classes)
     * counts as none.
     */
    static Optional<Peer> find() {
        try {
            return ServiceLoader.load(Peer.class, Peer.class.getClassLoader()).findFirst();
        } catch (ServiceConfigurationError | LinkageError e) {
            return Optional.empty();
        }
    }
}

package org.rnnlab.lab.training;

import java.util.function.Function;

import org.rnnlab.lab.settings.ExperimentSettings;

/** Which networks a run trains: DL4J's, or the hand-written scratch network. */
public enum Implementation {
    /** The hand-written networks: milliseconds a training at the reference sizes. */
    SCRATCH(ScratchTrainable.IMPLEMENTATION, ScratchTrainable::create),
    /** DL4J's networks, from DL4J's own initial draws: seconds a training. */
    DL4J(Dl4jNetwork.IMPLEMENTATION, Dl4jNetwork::create);

    private final String key;
    private final Function<ExperimentSettings, TrainableNetwork> factory;

    Implementation(String key, Function<ExperimentSettings, TrainableNetwork> factory) {
        this.key = key;
        this.factory = factory;
    }

    /** The name in tables and run folders: "scratch" or "dl4j". */
    public String key() {
        return key;
    }

    /**
     * The implementation of a key.
     *
     * @throws IllegalArgumentException for another word, naming the keys there are
     */
    public static Implementation of(String key) {
        for (Implementation implementation : values()) {
            if (implementation.key.equals(key)) {
                return implementation;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not an implementation; there are "
                + java.util.Arrays.stream(values()).map(Implementation::key).toList());
    }

    /** A new network of this implementation, initialised as the settings say. */
    public TrainableNetwork create(ExperimentSettings settings) {
        return factory.apply(settings);
    }
}

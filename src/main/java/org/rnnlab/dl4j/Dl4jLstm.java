package org.rnnlab.dl4j;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Which layer runs DL4J's LSTM. Both compute the same numbers to the last bit; they differ in how
 * often a training step runs the forward pass. The system property {@value #PROPERTY} picks one for
 * every network a run builds; the default is {@link #KEEP_FORWARD}.
 */
public enum Dl4jLstm {
    /** {@link ForwardKeepingLstm}: the forward pass of a training step runs once and backprop reuses it. */
    KEEP_FORWARD("keep-forward"),
    /** DL4J's LSTM layer as it comes: backprop runs the forward pass again. */
    STOCK("stock");

    /** The system property naming the layer ({@code -Drnnlab.dl4j.lstm=stock}). */
    public static final String PROPERTY = "rnnlab.dl4j.lstm";

    private final String key;

    Dl4jLstm(String key) {
        this.key = key;
    }

    /** The name {@value #PROPERTY} takes. */
    public String key() {
        return key;
    }

    /**
     * The layer {@value #PROPERTY} asks for; {@link #KEEP_FORWARD} when it is unset or blank.
     *
     * @throws IllegalArgumentException naming the property, its value and the accepted names
     */
    public static Dl4jLstm fromSystemProperty() {
        String asked = System.getProperty(PROPERTY, "").strip();
        if (asked.isEmpty()) {
            return KEEP_FORWARD;
        }
        return Arrays.stream(values()).filter(v -> v.key.equals(asked)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("system property " + PROPERTY + " = '" + asked
                        + "'; expected one of " + Arrays.stream(values()).map(Dl4jLstm::key)
                        .collect(Collectors.joining(", ")) + " (" + KEEP_FORWARD.key + " unless set)"));
    }

    /** The layer to put in a configuration for {@code stock}, a layer built by DL4J's {@code LSTM.Builder}. */
    public Layer layer(LSTM stock) {
        return this == KEEP_FORWARD ? ForwardKeepingLstm.of(stock) : stock;
    }
}

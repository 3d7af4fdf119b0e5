package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained run's prediction on a new input file of the same kind as its data, written as CSV. Each
 * task kind makes its own ({@link TaskKind#predictor}), from the run's settings and the artefacts its
 * run folder keeps (the forecast kind's normaliser), so a new kind adds its prediction in its own class.
 */
public interface Predictor {

    /**
     * Reads {@code input}, runs {@code model} on it and writes one CSV row per prediction to {@code csvOut}.
     * An input that does not fit the model stops with a message naming the file and what the model expects.
     *
     * @return the number of predictions written
     */
    int predict(SequenceModel model, Path input, Path csvOut) throws IOException;
}

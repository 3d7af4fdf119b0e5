package org.rnnlab.lab.tasks;

/**
 * A trained generative run's free-running output: text from a character model, started from a
 * prompt. The kind that generates makes its own ({@link TaskKind#sampler}) from the run's settings
 * and the artefacts its folder keeps (the vocabulary).
 */
public interface Sampler {

    /** The prompt the run's own samples started from. */
    String defaultPrompt();

    /** The temperature of the run's own samples. */
    double defaultTemperature();

    /**
     * {@code length} characters drawn one by one after {@code prompt}, each fed back in; the same seed
     * gives the same text.
     *
     * @param temperature 0 takes the most likely character; higher draws more freely
     * @throws IllegalArgumentException when the prompt holds a character the model does not know, naming it
     */
    String sample(SequenceModel model, String prompt, int length, double temperature, long seed);
}

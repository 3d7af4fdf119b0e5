package org.rnnlab.lab.tasks;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.files.Snippet;
import org.rnnlab.data.files.Vocabulary;

/**
 * Text drawn from a character model, one character at a time, each fed back in: the samples a
 * {@link CharModelTask} writes as it trains, and, as a {@link Sampler}, the text {@code Predict} draws
 * from a saved run with the vocabulary its folder keeps.
 *
 * @param settings   the run's task settings (its prompt and temperature are the defaults)
 * @param vocabulary the characters the network reads and writes
 */
record TextSampler(CharModelTask.Settings settings, Vocabulary vocabulary) implements Sampler {

    @Override
    public String defaultPrompt() {
        return settings.prompt();
    }

    @Override
    public double defaultTemperature() {
        return settings.temperature();
    }

    @Override
    public String sample(SequenceModel model, String prompt, int length, double temperature, long seed) {
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty; the network needs at least one character to"
                    + " start from");
        }
        prompt.codePoints().filter(c -> !vocabulary.contains(c)).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException("the prompt's character '" + Snippet.of(new String(Character.toChars(c)))
                    + "' (U+" + String.format("%04X", c) + ") is not one the network knows; its " + vocabulary.size()
                    + " characters are those of " + settings.text().file().getFileName() + ": "
                    + Snippet.of(vocabulary.decode(IntStream.range(0, vocabulary.size()).toArray())));
        });
        if (length < 1 || !(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("a sample needs a length of at least 1 and a temperature >= 0; got "
                    + length + " and " + temperature);
        }
        return sample(model, vocabulary, prompt, length, temperature, new SplittableRandom(seed));
    }

    /** The random draws of a training's sample after {@code epoch}: a function of the seed and the epoch only. */
    static SplittableRandom sampleRandom(long seed, int epoch) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
    }

    /**
     * {@code length} characters generated after {@code prompt}: the prompt is fed one character at a
     * time from a cleared state, then each drawn character is fed back. The state is cleared again
     * afterwards, so training goes on unaffected.
     */
    static String sample(SequenceModel model, Vocabulary vocabulary, String prompt, int length, double temperature,
                         SplittableRandom random) {
        int size = vocabulary.size();
        model.clearState();
        INDArray output = null;
        int[] promptCharacters = prompt.codePoints().toArray();
        for (int index : vocabulary.encode(promptCharacters, 0, promptCharacters.length)) {
            output = model.timeStep(oneHot(index, size));
        }
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < length; k++) {
            int next = draw(output.toDoubleVector(), temperature, random);
            text.appendCodePoint(vocabulary.codePoint(next));
            if (k + 1 < length) {
                output = model.timeStep(oneHot(next, size));
            }
        }
        model.clearState();
        return text.toString();
    }

    /**
     * An index drawn with probability proportional to p_i^(1/temperature) (the softmax of the
     * log-probabilities divided by the temperature); temperature 0 takes the most likely index (the
     * first of equals) without a draw. Probabilities are clipped below at
     * {@value CharModelTask#SMALLEST_PROBABILITY} before the log, as in the task's bits per character.
     */
    static int draw(double[] probabilities, double temperature, SplittableRandom random) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double smallest = CharModelTask.SMALLEST_PROBABILITY;
        double top = Math.log(Math.max(probabilities[best], smallest));
        double[] cumulative = new double[probabilities.length];
        double total = 0;
        for (int i = 0; i < probabilities.length; i++) {
            total += Math.exp((Math.log(Math.max(probabilities[i], smallest)) - top) / temperature);
            cumulative[i] = total;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return best;
    }

    private static INDArray oneHot(int index, int size) {
        INDArray input = Nd4j.zeros(1, size);
        input.putScalar(0, index, 1.0);
        return input;
    }
}

package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.files.Vocabulary;
import org.rnnlab.dl4j.Backend;

/** Drawing text from a character model, on a hand-made Markov model: seeds, epochs and temperatures. */
class TextSamplerTest {

    @BeforeAll
    static void doublePrecision() {
        Backend.configure();
    }

    @Test
    void theSameSeedAndEpochGiveTheSameSampleAndAnotherSeedAnother() {
        MarkovModel model = new MarkovModel();
        Vocabulary vocabulary = Vocabulary.of("abcd");
        String first = TextSampler.sample(model, vocabulary, "a", 200, 1.0, TextSampler.sampleRandom(7, 3));
        String again = TextSampler.sample(model, vocabulary, "a", 200, 1.0, TextSampler.sampleRandom(7, 3));
        String otherSeed = TextSampler.sample(model, vocabulary, "a", 200, 1.0, TextSampler.sampleRandom(8, 3));
        String otherEpoch = TextSampler.sample(model, vocabulary, "a", 200, 1.0, TextSampler.sampleRandom(7, 4));
        assertEquals(200, first.length());
        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
        assertNotEquals(first, otherEpoch);
    }

    @Test
    void temperatureTowardsZeroFollowsTheMostLikelyCharacterAtEveryStep() {
        MarkovModel model = new MarkovModel();
        Vocabulary vocabulary = Vocabulary.of("abcd");
        // Most likely successors: a -> b, b -> c, c -> a, d -> a; the prompt ends in d.
        String argmaxPath = "abcabcabcabcabcabcab";
        for (double temperature : new double[] {0.0, 1e-3, 0.01}) {
            assertEquals(argmaxPath, TextSampler.sample(model, vocabulary, "cd", 20, temperature,
                    new SplittableRandom(11)), "temperature " + temperature);
        }
        String warm = TextSampler.sample(model, vocabulary, "cd", 20, 1.0, new SplittableRandom(11));
        assertNotEquals(argmaxPath, warm, "at temperature 1 the less likely characters are drawn too");
    }

    @Test
    void atTemperatureOneCharactersAreDrawnWithTheModelsProbabilities() {
        double[] probabilities = {0.2, 0.3, 0.5};
        int[] counts = new int[3];
        SplittableRandom random = new SplittableRandom(5);
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            counts[TextSampler.draw(probabilities, 1.0, random)]++;
        }
        for (int k = 0; k < 3; k++) {
            assertEquals(probabilities[k], counts[k] / (double) draws, 0.01, "character " + k);
        }
        // p^(1/T) renormalised: at T = 0.5 the shares are 0.04 : 0.09 : 0.25.
        counts = new int[3];
        for (int i = 0; i < draws; i++) {
            counts[TextSampler.draw(probabilities, 0.5, random)]++;
        }
        assertEquals(0.25 / 0.38, counts[2] / (double) draws, 0.01);
    }

    /**
     * A first-order Markov model over "abcd" (no hidden state beyond the last input): row i is the
     * distribution of the character after character i.
     */
    static final class MarkovModel implements SequenceModel {
        private static final double[][] NEXT = {
            {0.10, 0.45, 0.25, 0.20},
            {0.20, 0.10, 0.40, 0.30},
            {0.50, 0.15, 0.05, 0.30},
            {0.35, 0.30, 0.25, 0.10}};

        @Override
        public INDArray output(INDArray features, INDArray featureMask) {
            throw new UnsupportedOperationException("sampling only steps");
        }

        @Override
        public void clearState() {
        }

        @Override
        public INDArray timeStep(INDArray input) {
            int hot = input.argMax(1).getInt(0);
            return Nd4j.create(new double[][] {NEXT[hot]});
        }
    }
}

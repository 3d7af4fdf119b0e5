package org.rnnlab.experiments;

import java.util.List;

/**
 * Character model · the next character of a text at every step (SimpleRnn and LSTM), on rnnlab's
 * own documentation.
 *
 * <ol>
 *   <li>Read experiments/char-model-simplernn.properties and experiments/char-model-lstm.properties;
 *       the vocabulary is every character of the text they name, and a sample prompt outside it
 *       stops here, before any training.</li>
 *   <li>Train each with DL4J on windows of the text's first 90 %, read through DataVec as one-hot
 *       characters, then with the scratch network from DL4J's initial parameters on the same
 *       minibatches.</li>
 *   <li>After every few epochs, let the network write a sample from the prompt; score bits per
 *       character on the last 10 % against the text's unigram entropy.</li>
 *   <li>Write a run folder per network under target/runs/ (bits-per-character plot, samples in
 *       summary.md, the vocabulary beside the model) and print the results table.</li>
 * </ol>
 * Run it from the project root (an IDE's default); other settings files, such as
 * experiments/char-model-template-lstm.properties or a copy trained on your own text, may be named
 * as arguments.
 */
public final class CharacterModel {

    static final Usage USAGE = Experiments.trainingUsage(CharacterModel.class,
            "Trains character models of rnnlab's own documentation (the next character at every step) and"
                    + " prints the results table with bits per character, beside samples of text.",
            List.of("char-model-simplernn", "char-model-lstm"));

    private CharacterModel() {
    }

    public static void main(String[] args) {
        Experiments.main(args, CharacterModel::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

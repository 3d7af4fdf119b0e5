package org.rnnlab.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.ProgressMeter;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.MemoryEstimate;
import org.rnnlab.lab.tasks.LetterParityTask;
import org.rnnlab.lab.training.Implementation;
import org.rnnlab.lab.training.TrainableNetwork;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.TrainingSpec;

/**
 * How often a network trained on E1's labelled strings gets every string of the wide set right:
 * one letter-parity settings file, trained again and again from different seeds (and, if asked,
 * with other hidden sizes), each training reported by its accuracy on the three sets.
 *
 * <p>By default the networks are the scratch ones: they train in milliseconds, and started from
 * the same parameters they follow DL4J's training runs to 1e-11 (checked in tests and in every
 * main-job run). Their initial parameters come from the scratch initialiser, which draws from the
 * same distributions as DL4J's but not the same numbers, so a seed there is not DL4J's seed; the
 * rates over many seeds are what carries over. {@link Implementation#DL4J} trains DL4J's networks
 * instead, about a hundred times slower. The data comes through the same DataVec readers as in the
 * main job.
 */
public final class ParityGeneralisation {

    /** A settings file with its hidden size and seed replaced. */
    public record Variant(ExperimentSettings settings, int hidden) {

        public Variant {
            if (!(settings.task() instanceof LetterParityTask.Settings)) {
                throw new IllegalArgumentException(settings.source() + " is a '" + settings.task().kind()
                        + "' experiment; the parity study needs '" + LetterParityTask.KIND.name() + "'");
            }
            if (hidden < 1) {
                throw new IllegalArgumentException("hidden size must be at least 1, got " + hidden);
            }
            NetworkSpec n = settings.network();
            MemoryEstimate.problem(new NetworkSpec(n.cell(), n.nIn(), hidden, n.layers(), n.nOut(), n.output(),
                    n.activation(), n.loss(), n.bias(), n.init()), settings.training(), settings.task().shape().sequenceLength())
                    .ifPresent(problem -> {
                        throw new IllegalArgumentException("hidden size " + hidden + " for " + settings.source() + ": "
                                + problem + "; choose a smaller one");
                    });
        }

        /** The settings' name with the hidden size, e.g. "e1-letter-parity-lstm h2". */
        public String label() {
            return settings.name() + " h" + hidden;
        }

        /** The settings of this variant trained from {@code seed}. */
        public ExperimentSettings withSeed(long seed) {
            NetworkSpec n = settings.network();
            TrainingSpec t = settings.training();
            NetworkSpec network = new NetworkSpec(n.cell(), n.nIn(), hidden, n.layers(), n.nOut(), n.output(),
                    n.activation(), n.loss(), n.bias(), n.init(), n.forgetBias());
            TrainingSpec training = new TrainingSpec(t.updater(), t.learningRate(), t.clip(), t.batch(), t.epochs(),
                    t.tbptt(), seed);
            Map<String, String> written = new LinkedHashMap<>(settings.written());
            written.put("hidden", Integer.toString(hidden));
            written.put("seed", Long.toString(seed));
            return new ExperimentSettings(settings.name(), settings.source(), network, training, settings.task(),
                    settings.checkpointEvery(),
                    written);
        }
    }

    /**
     * One training.
     *
     * @param seed      the seed of the initial weights
     * @param diverged  whether the loss stopped being finite (the accuracies are then NaN)
     * @param accuracy  accuracy on the training, test and wide sets
     */
    public record Outcome(long seed, boolean diverged, LetterParityTask.Accuracies accuracy) {

        /** Whether every training, test and wide string is classified correctly. */
        public boolean allCorrect() {
            return !diverged && accuracy.train() == 1.0 && accuracy.test() == 1.0 && accuracy.wide() == 1.0;
        }

        /** Whether every training string is classified correctly. */
        public boolean fitsTraining() {
            return !diverged && accuracy.train() == 1.0;
        }
    }

    /** The trainings of one variant by one implementation. */
    public record Study(Variant variant, Implementation implementation, List<Outcome> outcomes) {

        public Study {
            outcomes = List.copyOf(outcomes);
        }

        public long fitTraining() {
            return outcomes.stream().filter(Outcome::fitsTraining).count();
        }

        public long allCorrect() {
            return outcomes.stream().filter(Outcome::allCorrect).count();
        }

        /** Wide-set accuracies of the trainings that fit the training strings. */
        public double[] wideAccuracyWhenFit() {
            return outcomes.stream().filter(Outcome::fitsTraining).mapToDouble(o -> o.accuracy().wide()).toArray();
        }
    }

    private ParityGeneralisation() {
    }

    /** Trains {@code variant} once per seed with the scratch networks and evaluates each training. */
    public static Study run(Variant variant, List<Long> seeds) {
        return run(variant, seeds, Implementation.SCRATCH);
    }

    /** Trains {@code variant} once per seed and evaluates each training on the three sets. */
    public static Study run(Variant variant, List<Long> seeds, Implementation implementation) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("the study needs at least one seed");
        }
        Backend.configure();
        LetterParityTask task = new LetterParityTask((LetterParityTask.Settings) variant.settings().task());
        DataSetIterator data = Trainer.inMemory(task.trainingData(variant.settings().training().batch()));
        ProgressMeter progress = new ProgressMeter("parity study " + variant.label() + " (" + implementation.key()
                + ")", "training", seeds.size());
        List<Outcome> outcomes = new ArrayList<>();
        for (long seed : seeds) {
            ExperimentSettings settings = variant.withSeed(seed);
            outcomes.add(train(settings, implementation.create(settings), task, data));
            progress.update(outcomes.size(), allCorrectText(outcomes));
        }
        return new Study(variant, implementation, outcomes);
    }

    private static Outcome train(ExperimentSettings settings, TrainableNetwork network, LetterParityTask task,
                                 DataSetIterator data) {
        int epochs = settings.training().epochs();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            data.reset();
            while (data.hasNext()) {
                double score = network.fit(data.next(), epoch);
                if (!Double.isFinite(score)) {
                    return new Outcome(settings.training().seed(), true,
                            new LetterParityTask.Accuracies(Double.NaN, Double.NaN, Double.NaN));
                }
            }
        }
        return new Outcome(settings.training().seed(), false, task.accuracies(network.model()));
    }

    private static String allCorrectText(List<Outcome> outcomes) {
        long all = outcomes.stream().filter(Outcome::allCorrect).count();
        return "all strings right in " + all + " of " + outcomes.size();
    }
}

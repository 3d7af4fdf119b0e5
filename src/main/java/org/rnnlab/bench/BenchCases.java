package org.rnnlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.ClipSpec;
import org.rnnlab.spec.LossKind;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputActivation;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.spec.UpdaterKind;
import org.rnnlab.spec.WeightInitSpec;

/**
 * The benchmark's cases, in the order of the speed table:
 * <ol>
 *   <li>SimpleRnn, LSTM and GRU with 100 units on windows of 25 steps at minibatch 1 (E2's original,
 *       per-sample protocol) and 275 (all of E2's windows at once), with E2's other settings;</li>
 *   <li>the template size: two LSTM layers of 256 units, 100 steps, minibatch 64, many-to-many,
 *       identity output, MSE, Adam ({@link #template()}), and the same with GRU layers
 *       ({@link #templateGru()});</li>
 *   <li>each reference experiment's own size, read from its settings file ({@link #EXPERIMENTS}).</li>
 * </ol>
 */
public final class BenchCases {

    /** The reference settings timed at their own size, also trained whole by the end-to-end section. */
    public static final List<String> EXPERIMENTS = List.of(
            "e1-letter-parity-simplernn", "e1-letter-parity-lstm",
            "e2-sine-window-simplernn", "e2-sine-window-lstm",
            "e3-sine-generation-simplernn", "e3-sine-generation-lstm",
            "e4-sine-slow-simplernn", "e4-sine-slow-lstm");

    /** The E2 settings the 100-unit cases start from, by cell. */
    static final String E2_PREFIX = "e2-sine-window-";

    /** Minibatch sizes of the 100-unit cases: one sample, and all 275 training windows of E2. */
    static final List<Integer> WIDE_BATCHES = List.of(1, 275);

    /** Timed steps the template case gets at the least: a step takes seconds, so only a few. */
    static final int TEMPLATE_MIN_STEPS = 3;

    /** Units per layer of the template size; the memory section uses the same width. */
    public static final int TEMPLATE_HIDDEN = 256;

    private BenchCases() {
    }

    /**
     * Every case, from the settings files in {@code settingsDir} (data paths resolved against
     * {@code dataDir}, as when training).
     *
     * @param minTimedSteps the fewest timed steps of every case but the template, which needs
     *                      {@value #TEMPLATE_MIN_STEPS}
     */
    public static List<BenchCase> standard(Path settingsDir, Path dataDir, int minTimedSteps) {
        List<BenchCase> cases = new ArrayList<>();
        for (int batch : WIDE_BATCHES) {
            for (CellType cell : CellType.values()) {
                ExperimentSettings e2 = load(settingsDir, E2_PREFIX + cell.key(), dataDir);
                cases.add(new BenchCase(cell.key(), e2.network(), withBatch(e2.training(), batch), sequenceLength(e2),
                        minTimedSteps));
            }
        }
        cases.add(template());
        cases.add(templateGru());
        for (String name : EXPERIMENTS) {
            cases.add(fromSettings(load(settingsDir, name, dataDir), minTimedSteps));
        }
        return cases;
    }

    /**
     * The size of a larger sequence model made from the template: two LSTM layers of 256 units,
     * one input and one output per step (many-to-many), identity output, MSE, Adam at 1e-3, no
     * clipping, 100 steps, minibatch 64, full BPTT.
     */
    public static BenchCase template() {
        return new BenchCase("template lstm", templateNetwork(),
                new TrainingSpec(UpdaterKind.ADAM, 1e-3, ClipSpec.none(), 64, 1, 0, 42), 100, TEMPLATE_MIN_STEPS);
    }

    /** The template size with GRU layers instead of LSTM layers (rnnlab's DL4J GRU against the scratch GRU). */
    public static BenchCase templateGru() {
        NetworkSpec lstm = templateNetwork();
        NetworkSpec gru = new NetworkSpec(CellType.GRU, lstm.nIn(), lstm.hidden(), lstm.layers(), lstm.nOut(),
                lstm.output(), lstm.activation(), lstm.loss(), lstm.bias(), lstm.init());
        BenchCase template = template();
        return new BenchCase("template gru", gru, template.training(), template.steps(), TEMPLATE_MIN_STEPS);
    }

    /** The template's network: 2 LSTM layers of {@value #TEMPLATE_HIDDEN} units, nIn 1, nOut 1. */
    public static NetworkSpec templateNetwork() {
        return new NetworkSpec(CellType.LSTM, 1, TEMPLATE_HIDDEN, 2, 1, OutputMode.EVERY_STEP,
                OutputActivation.IDENTITY, LossKind.MSE, true, WeightInitSpec.xavier());
    }

    /** An experiment at its own size: its network and training, its sequence length. */
    public static BenchCase fromSettings(ExperimentSettings settings, int minTimedSteps) {
        String name = experimentNumber(settings) + " " + settings.network().cell().key();
        return new BenchCase(name, settings.network(), settings.training(), sequenceLength(settings), minTimedSteps);
    }

    /** Time steps of one training sequence of the experiment (for E3: one window; its TBPTT segment). */
    static int sequenceLength(ExperimentSettings settings) {
        return settings.task().shape().sequenceLength();
    }

    /** "E2" for a settings file named "e2-...", else the whole name. */
    static String experimentNumber(ExperimentSettings settings) {
        String name = settings.name();
        return name.matches("e\\d+-.*") ? name.substring(0, name.indexOf('-')).toUpperCase(Locale.ROOT) : name;
    }

    static TrainingSpec withBatch(TrainingSpec training, int batch) {
        return new TrainingSpec(training.updater(), training.learningRate(), training.clip(), batch, training.epochs(),
                training.tbptt(), training.seed());
    }

    /** The settings file {@code name}.properties in {@code settingsDir}. */
    public static ExperimentSettings load(Path settingsDir, String name, Path dataDir) {
        return TaskKinds.load(settingsDir.resolve(name + ".properties"), dataDir);
    }
}

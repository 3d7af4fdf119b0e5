package org.rnnlab.experiments;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.report.Table.Cell;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.training.Dl4jNetwork;
import org.rnnlab.lab.training.ExperimentRunner;
import org.rnnlab.lab.training.PreparedExperiment;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.Trainer;

/**
 * Whether a settings file's training is chaotic: how far two scratch trainings end apart when one
 * starts {@value #NUDGE} (relative) away from the other. Rounding makes DL4J and the scratch network
 * differ in their last bits after every step; a training that magnifies such differences ends with
 * rows far apart although both implementations are right, and then the nudged scratch run ends just
 * as far from the plain one. A training that does not magnify them ends with both differences small.
 *
 * <ol>
 *   <li>Read and check the settings files (arguments; at least one).</li>
 *   <li>For each: DL4J's initial parameters, as the runner takes them; train the scratch network
 *       from them, and again from them times (1 + {@value #NUDGE}), on the same data.</li>
 *   <li>Print the largest parameter difference between the two, beside the runs' folders (under
 *       target/runs/nudge-TIME/).</li>
 * </ol>
 * Compare its column with the runner's {@code param_diff_vs_dl4j} for the same file.
 */
public final class NudgeCheck {

    /** The relative change of every initial parameter of the nudged run. */
    static final double NUDGE = 1e-15;

    static final Usage USAGE = Usage.of(NudgeCheck.class, "rnnlab", "Trains each settings file's scratch network"
                    + " twice, the second time from a start nudged by " + NUDGE + " (relative), and prints how far the"
                    + " two end apart: whether the training magnifies rounding differences.")
            .note("Compare its column with the results table's param_diff_vs_dl4j for the same file. The runs' folders"
                    + " go under target/runs/nudge-TIME/.")
            .operands("SETTINGS_FILE...", Usage.Value.SETTINGS_FILE, 1, Integer.MAX_VALUE,
                    "settings files to check; at least one")
            .refuses(Experiments.UI, "it compares the end parameters of two scratch trainings, which it does"
                    + " not show")
            .refuses(Experiments.RESUME, "its two trainings are compared only when both ran from their start")
            .build();

    private NudgeCheck() {
    }

    public static void main(String[] args) {
        Experiments.main(args, NudgeCheck::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return USAGE.run(args, io, given -> {
            List<Path> files = given.files();
            List<PreparedExperiment> prepared = ExperimentRunner.prepare(files, io.dataDir().get());
            Path runs = io.runsRoot().resolve("nudge-" + LocalDateTime.now().format(
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
            Table table = new Table(List.of("experiment", "cell", "epochs", "param_diff_nudged_start"));
            for (PreparedExperiment experiment : prepared) {
                ExperimentSettings settings = experiment.settings();
                double[] initial = Dl4jNetwork.create(settings).parameters();
                double[] nudged = initial.clone();
                for (int k = 0; k < nudged.length; k++) {
                    nudged[k] *= 1 + NUDGE;
                }
                ScratchTrainable plain = ScratchTrainable.startingFrom(settings, initial);
                ScratchTrainable moved = ScratchTrainable.startingFrom(settings, nudged);
                Trainer.run(settings, experiment.newTask(), plain, runs.resolve("plain"), io.stop());
                Trainer.run(settings, experiment.newTask(), moved, runs.resolve("nudged"), io.stop());
                double[] a = plain.parameters();
                double[] b = moved.parameters();
                double largest = 0;
                for (int k = 0; k < a.length; k++) {
                    largest = Math.max(largest, Math.abs(a[k] - b[k]));
                }
                table.add(List.of(Cell.text(settings.name()), Cell.text(settings.network().cell().key()),
                        Cell.count(settings.training().epochs()), Cell.metric(largest)));
            }
            io.out().println();
            io.out().println("Two scratch trainings, the second from a start nudged by " + NUDGE
                    + " (relative), on the same data:");
            io.out().println(table.render());
            io.out().println("Run folders: " + runs);
            return Experiments.OK;
        });
    }
}

package org.rnnlab.lab.tasks;

import java.nio.file.Path;
import java.util.List;

import org.rnnlab.lab.settings.ExperimentSettings;

/** Every task kind a settings file can name. Adding a kind is one line here. */
public final class TaskKinds {

    /** The kinds, in the order the settings reference (docs/settings.md) lists them. */
    public static final List<TaskKind<?>> ALL = List.of(
            LetterParityTask.KIND,
            SeriesWindowTask.KIND,
            SeriesForecastTask.KIND,
            SequenceClassifyTask.KIND,
            SineGenerationTask.KIND,
            CharModelTask.KIND,
            AddingTask.KIND,
            TemporalOrderTask.KIND,
            EmbeddedReberTask.KIND);

    private TaskKinds() {
    }

    /** Reads and validates a settings file of any kind; data paths resolve against {@code dataDir}. */
    public static ExperimentSettings load(Path settingsFile, Path dataDir) {
        return ExperimentSettings.load(settingsFile, dataDir, ALL);
    }

    /** The kind of an experiment's settings. */
    public static TaskKind<?> of(ExperimentSettings experiment) {
        for (TaskKind<?> kind : ALL) {
            if (kind.isKindOf(experiment)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no task kind reads '" + experiment.task().kind() + "' settings");
    }

    /** The predictor of a finished run of the experiment, whose folder is {@code runFolder}. */
    public static Predictor predictor(ExperimentSettings experiment, Path runFolder) {
        return of(experiment).predictor(experiment, runFolder);
    }

    /** The sampler of a finished run of the experiment, whose folder is {@code runFolder}. */
    public static Sampler sampler(ExperimentSettings experiment, Path runFolder) {
        return of(experiment).sampler(experiment, runFolder);
    }

    /** A new task for a run of the experiment. */
    public static Task task(ExperimentSettings experiment) {
        return of(experiment).task(experiment);
    }
}

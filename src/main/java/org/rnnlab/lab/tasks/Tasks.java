package org.rnnlab.lab.tasks;

import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.TaskSettings;

/** The task of an experiment's settings. */
public final class Tasks {

    private Tasks() {
    }

    public static Task of(ExperimentSettings settings) {
        TaskSettings task = settings.task();
        if (task instanceof TaskSettings.LetterParity letters) {
            return new LetterParityTask(letters);
        }
        if (task instanceof TaskSettings.SineWindow windows) {
            return new SineWindowTask(windows);
        }
        if (task instanceof TaskSettings.SineGeneration generation) {
            return new SineGenerationTask(generation, settings.training().seed());
        }
        throw new IllegalArgumentException("no task for experiment kind " + task.kind());
    }
}

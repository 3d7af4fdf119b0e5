package org.rnnlab.lab.training;

import java.util.Objects;

import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.Task;

/**
 * An experiment whose settings and data were read and checked, ready to train: its task holds the
 * data, so nothing is read again once training starts. The task itself never trains; each training
 * gets a {@linkplain Task#fresh() fresh} one from {@link #newTask()}, so the DL4J, Spark and scratch
 * trainings of one experiment all start from the same state.
 */
public final class PreparedExperiment {

    private final ExperimentSettings settings;
    private final Task data;

    /**
     * @param settings the checked settings
     * @param task     a task just built from them, holding the data read
     */
    public PreparedExperiment(ExperimentSettings settings, Task task) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.data = Objects.requireNonNull(task, "task");
    }

    public ExperimentSettings settings() {
        return settings;
    }

    /**
     * The same experiment, on the same data, training only {@code implementations} (see
     * {@link ExperimentSettings#withImplementations}).
     */
    public PreparedExperiment implementing(String implementations) {
        return new PreparedExperiment(settings.withImplementations(implementations), data);
    }

    /** A task for one training, with the experiment's data and no other training's state. */
    public Task newTask() {
        return data.fresh();
    }
}

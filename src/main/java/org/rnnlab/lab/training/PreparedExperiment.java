package org.rnnlab.lab.training;

import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.Task;

/**
 * An experiment whose settings and data were read and checked, ready to train: the task holds its
 * data, so nothing is read again once training starts.
 */
public record PreparedExperiment(ExperimentSettings settings, Task task) {
}

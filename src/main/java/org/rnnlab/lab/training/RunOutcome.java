package org.rnnlab.lab.training;

import java.nio.file.Path;

import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.ResultRow;

/**
 * What one training run leaves.
 *
 * @param row    metrics, wall time and status for the results table
 * @param folder the completed run folder
 * @param log    the metrics logged during training
 */
public record RunOutcome(ResultRow row, Path folder, MetricsLog log) {
}

package org.rnnlab.lab;

import java.nio.file.Path;

import org.rnnlab.lab.report.ResultRow;

/**
 * What one training run leaves: its row in the results table and its run folder.
 *
 * @param row    metrics, wall time and status
 * @param folder the completed run folder
 */
public record RunOutcome(ResultRow row, Path folder) {
}

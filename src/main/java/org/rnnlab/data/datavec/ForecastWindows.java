package org.rnnlab.data.datavec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import org.rnnlab.data.files.CsvTable;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.data.files.RowRange;

/**
 * How forecasting examples are cut from the rows of a {@link CsvTable}. The example with first
 * target row t has
 * <ul>
 * <li>features: the {@code window} rows t-W..t-1, one time step per row, each step the input
 * columns in the order given;</li>
 * <li>labels: one step holding the target columns at the {@code horizon} rows t..t+H-1,
 * <b>horizon-major</b>: the value of target j (0-based) at row t+k-1 (k = 1..H steps ahead) sits at
 * index (k-1)·targets + j. With targets [a, b] and H = 2 the label step is
 * [a(t), b(t), a(t+1), b(t+1)], so the one-step-ahead forecasts of all targets come first.</li>
 * </ul>
 * A range of target rows [first, last] gives one example for each t with t >= first,
 * t+H-1 <= last and t-W >= 0: the inputs may reach back before the range (the first forecast of a
 * test span takes its input from the last training rows), the targets never leave it.
 *
 * @param inputs  the columns fed to the network, at least one, none twice
 * @param targets the columns forecast, at least one, none twice; may repeat inputs
 * @param window  input rows per example (W), at least 1
 * @param horizon target rows per example (H), at least 1
 */
public record ForecastWindows(List<String> inputs, List<String> targets, int window, int horizon) {

    public ForecastWindows {
        inputs = distinctNames("input", inputs);
        targets = distinctNames("target", targets);
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 row, got " + window);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 row, got " + horizon);
        }
    }

    /** Every column an example reads: the inputs, then the targets that are not inputs. */
    public List<String> columns() {
        LinkedHashSet<String> columns = new LinkedHashSet<>(inputs);
        columns.addAll(targets);
        return List.copyOf(columns);
    }

    /** Values in the label step: targets · horizon, the nOut of a network trained on these examples. */
    public int labelCount() {
        return targets.size() * horizon;
    }

    /** Where target {@code target} (0-based) at {@code stepsAhead} (1..H) sits in the label step. */
    public int labelIndex(int target, int stepsAhead) {
        if (target < 0 || target >= targets.size() || stepsAhead < 1 || stepsAhead > horizon) {
            throw new IndexOutOfBoundsException("target " + target + " of " + targets.size() + ", " + stepsAhead
                    + " steps ahead of 1.." + horizon);
        }
        return (stepsAhead - 1) * targets.size() + target;
    }

    /** A name for each label value, in label order: "sunspots+1" is sunspots one step ahead (row t). */
    public List<String> labelNames() {
        List<String> names = new ArrayList<>(labelCount());
        for (int k = 1; k <= horizon; k++) {
            for (String target : targets) {
                names.add(target + "+" + k);
            }
        }
        return names;
    }

    /** The first target row t of {@code range} that has a full input window before it. */
    public int firstTargetRow(RowRange range) {
        return Math.max(range.first(), window);
    }

    /** Examples the range gives (0 when it gives none). */
    public int exampleCount(RowRange range) {
        return Math.max(0, range.last() - horizon + 2 - firstTargetRow(range));
    }

    /**
     * Throws unless {@code range} lies inside {@code table} and gives at least one example; the
     * message says how many rows are needed.
     */
    public void requireExample(CsvTable table, RowRange range) {
        table.requireRows(range);
        String where = range + " (lines " + table.line(range.first()) + ".." + table.line(range.last()) + ")";
        if (range.size() < horizon) {
            throw DataFileException.ofFile(table.file(), where + " hold " + range.size() + " target rows, fewer than the"
                    + " horizon of " + horizon + ": a forecast needs at least " + horizon + " target rows inside the range");
        }
        if (exampleCount(range) == 0) {
            int needed = window + horizon;
            throw DataFileException.ofFile(table.file(), where + " give no forecast with a window of " + window
                    + " and a horizon of " + horizon + ": the first forecast needs " + needed + " rows (" + window
                    + " input rows, then " + horizon + " target rows), but the data up to the range's end has "
                    + (range.last() + 1) + "; the range must end at row " + (needed - 1) + " or later");
        }
    }

    /** The input window of the example with first target row {@code t}: [W steps][inputs]. */
    public double[][] features(CsvTable table, int t) {
        double[][] steps = new double[window][inputs.size()];
        for (int s = 0; s < window; s++) {
            for (int j = 0; j < inputs.size(); j++) {
                steps[s][j] = table.value(t - window + s, inputs.get(j));
            }
        }
        return steps;
    }

    /** The label step of the example with first target row {@code t}, horizon-major (see the class comment). */
    public double[] labels(CsvTable table, int t) {
        double[] labels = new double[labelCount()];
        for (int k = 1; k <= horizon; k++) {
            for (int j = 0; j < targets.size(); j++) {
                labels[labelIndex(j, k)] = table.value(t + k - 1, targets.get(j));
            }
        }
        return labels;
    }

    private static List<String> distinctNames(String role, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("at least one " + role + " column is required");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(role + " columns are named more than once: " + names);
        }
        return List.copyOf(names);
    }
}

package org.rnnlab.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.rnnlab.scratch.ParamBlock;
import org.rnnlab.scratch.ParameterLayout;
import org.rnnlab.spec.NetworkSpec;

/**
 * A side-by-side comparison of two parameter-shaped vectors — two gradients, or two sets of
 * parameters — and of the two scores that came with them, parameter by parameter. Its
 * {@link #toString()} is a table a person can read.
 *
 * @param title      what was compared, e.g. "gradient: dl4j vs scratch"
 * @param leftName   name of the left side, e.g. "dl4j"
 * @param rightName  name of the right side, e.g. "scratch"
 * @param leftScore  the left side's score
 * @param rightScore the right side's score
 * @param rule       how entries were compared
 * @param parameters one row per parameter, in the flat layout's order
 */
public record Report(String title, String leftName, String rightName, double leftScore, double rightScore,
                     RelativeError rule, List<ParameterError> parameters) {

    public Report {
        parameters = List.copyOf(parameters);
    }

    /**
     * Compares two flat vectors (gradients or parameters) laid out as the parameters of the
     * network described by {@code spec}, with the scores that came with them.
     */
    public static Report of(String title, NetworkSpec spec, RelativeError rule, String leftName, double leftScore,
                     double[] left, String rightName, double rightScore, double[] right) {
        ParameterLayout layout = ParameterLayout.of(spec);
        if (left.length != layout.size() || right.length != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " values on each side, got "
                    + left.length + " (" + leftName + ") and " + right.length + " (" + rightName + ")");
        }
        List<ParameterError> rows = new ArrayList<>();
        for (ParamBlock block : layout.blocks()) {
            rows.add(compareBlock(spec, block, rule, left, right));
        }
        return new Report(title, leftName, rightName, leftScore, rightScore, rule, rows);
    }

    /** Compares two parameter vectors of the network described by {@code spec}, without scores. */
    public static Report ofParameters(String title, NetworkSpec spec, String leftName, double[] left,
                                      String rightName, double[] right) {
        return of(title, spec, RelativeError.ANALYTIC, leftName, Double.NaN, left, rightName, Double.NaN, right);
    }

    private static ParameterError compareBlock(NetworkSpec spec, ParamBlock block, RelativeError rule,
                                               double[] left, double[] right) {
        double maxAbsolute = 0;
        double maxRelative = 0;
        int worstIndex = block.offset();
        boolean worstByRelative = false;
        for (int row = 0; row < block.rows(); row++) {
            for (int col = 0; col < block.cols(); col++) {
                int k = block.index(row, col);
                double absolute = Math.abs(left[k] - right[k]);
                double relative = rule.of(left[k], right[k]);
                if (Double.isNaN(relative) || Double.isNaN(absolute)) {
                    return new ParameterError(block.name(), block.shape(), Double.NaN, Double.NaN,
                            ParameterEntry.of(spec, block, row, col), left[k], right[k]);
                }
                if (relative > maxRelative) {
                    maxRelative = relative;
                    worstIndex = k;
                    worstByRelative = true;
                } else if (!worstByRelative && absolute > Math.abs(left[worstIndex] - right[worstIndex])) {
                    worstIndex = k;
                }
                maxAbsolute = Math.max(maxAbsolute, absolute);
            }
        }
        int local = worstIndex - block.offset();
        ParameterEntry worst = ParameterEntry.of(spec, block, local % block.rows(), local / block.rows());
        return new ParameterError(block.name(), block.shape(), maxAbsolute, maxRelative, worst, left[worstIndex],
                right[worstIndex]);
    }

    /** |left score − right score|. */
    public double scoreAbsoluteError() {
        return Math.abs(leftScore - rightScore);
    }

    /** |left score − right score| / max(|left|, |right|), 0 when they are equal. */
    public double scoreRelativeError() {
        return new RelativeError(0, 0).of(leftScore, rightScore);
    }

    /** The largest relative error of any parameter; NaN when some entry is NaN. */
    public double maxRelativeError() {
        double max = 0;
        for (ParameterError row : parameters) {
            if (Double.isNaN(row.maxRelative())) {
                return Double.NaN;
            }
            max = Math.max(max, row.maxRelative());
        }
        return max;
    }

    /** The largest absolute error of any parameter; NaN when some entry is NaN. */
    public double maxAbsoluteError() {
        double max = 0;
        for (ParameterError row : parameters) {
            if (Double.isNaN(row.maxAbsolute())) {
                return Double.NaN;
            }
            max = Math.max(max, row.maxAbsolute());
        }
        return max;
    }

    /** The parameter with the largest relative error (a NaN one first). */
    public ParameterError worst() {
        ParameterError worst = parameters.get(0);
        for (ParameterError row : parameters) {
            if (Double.isNaN(row.maxRelative())) {
                return row;
            }
            if (row.maxRelative() > worst.maxRelative()) {
                worst = row;
            }
        }
        return worst;
    }

    /** The row of one parameter, by DL4J name. */
    public ParameterError parameter(String name) {
        for (ParameterError row : parameters) {
            if (row.parameter().equals(name)) {
                return row;
            }
        }
        throw new IllegalArgumentException("no parameter named '" + name + "' in this report");
    }

    /** Names of the parameters whose relative error exceeds {@code tolerance} (or is NaN), in layout order. */
    public List<String> parametersAbove(double tolerance) {
        List<String> names = new ArrayList<>();
        for (ParameterError row : parameters) {
            if (!row.within(tolerance)) {
                names.add(row.parameter());
            }
        }
        return names;
    }

    /**
     * True when every parameter is within {@code tolerance} and the scores within
     * {@code scoreTolerance}, both relative.
     */
    public boolean agrees(double tolerance, double scoreTolerance) {
        return parametersAbove(tolerance).isEmpty() && scoreRelativeError() <= scoreTolerance;
    }

    @Override
    public String toString() {
        String[] header = {"parameter", "shape", "max abs err", "max rel err", "worst entry", leftName, rightName};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (ParameterError row : parameters) {
            rows.add(new String[] {row.parameter(), Arrays.toString(row.shape()), error(row.maxAbsolute()),
                    error(row.maxRelative()), row.worst().toString(), value(row.worstLeft()),
                    value(row.worstRight())});
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        String newline = System.lineSeparator();
        StringBuilder text = new StringBuilder(title).append(newline);
        if (!Double.isNaN(leftScore) || !Double.isNaN(rightScore)) {
            text.append("score: ").append(leftName).append(' ').append(value(leftScore)).append(", ").append(rightName)
                    .append(' ').append(value(rightScore)).append(", abs err ").append(error(scoreAbsoluteError()))
                    .append(", rel err ").append(error(scoreRelativeError())).append(newline);
        }
        text.append(rule.describe()).append(newline);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == 0 ? "" : "  ").append(pad(row[c], widths[c]));
            }
            text.append(line.toString().stripTrailing()).append(newline);
        }
        return text.toString();
    }

    private static String error(double value) {
        return String.format(Locale.ROOT, "%.2e", value);
    }

    private static String value(double value) {
        return String.format(Locale.ROOT, "%.15e", value);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}

package org.rnnlab.lab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart saved as PNG, built fluently over XChart and styled to be read by a person: white
 * background, light grid, colour-blind-safe distinct colours, lines without markers (long series stay
 * clean), marker-only series for sparse points, the legend below the plot where it never hides data,
 * and a title shrunk to fit rather than clipped.
 *
 * <pre>{@code
 * new LinePlot().title("E3 free-running generation").xAxisTitle("t").yAxisTitle("sin(t)")
 *     .line("true", t, truth).line("generated", t, generated)
 *     .verticalMarker(t[0], "generation starts")
 *     .save(run.file("generation.png"));
 * }</pre>
 *
 * <p>With a logarithmic y axis every y value must be positive: {@link #save} rejects a zero or
 * negative value with an {@link IllegalArgumentException} naming the series and point, rather than
 * dropping it, so a plot never silently omits data.
 *
 * <p>Nothing touches AWT until {@link #save}; if {@code java.awt.headless} is not set by then it is set
 * to {@code true}, so plots render on machines without a display.
 */
public final class LinePlot {

    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 520;

    /** Okabe-Ito colours: distinct for colour-blind readers and readable on white (yellow left out). */
    private static final Color[] SERIES_COLORS = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};
    private static final Color MARKER_LINE_COLOR = new Color(0x666666);
    private static final Color GRID_COLOR = new Color(0xE3E3E3);
    private static final float LINE_WIDTH = 2.0f;
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 4f}, 0f);
    private static final int MARKER_SIZE = 7;
    private static final int TITLE_POINTS = 18;
    private static final int SMALLEST_TITLE_POINTS = 11;
    private static final int CHART_PADDING = 12;
    /** Where, as a fraction of the x range, the invisible off-grid point goes; any non-grid value works. */
    private static final double OFF_GRID_FRACTION = 0.5 / Math.PI;
    private static final String OFF_GRID_SERIES = " off-grid";
    private static final MathContext TICK_PRECISION = new MathContext(10);

    private enum Kind { LINE, MARKERS }

    private record Series(String name, double[] x, double[] y, Kind kind) {
    }

    private record VerticalMarker(double x, String label) {
    }

    private String title = "";
    private String xAxisTitle = "";
    private String yAxisTitle = "";
    private boolean logY;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private final List<Series> series = new ArrayList<>();
    private final List<VerticalMarker> verticalMarkers = new ArrayList<>();
    /** Series and marker names taken so far; the invisible off-grid series' name is reserved. */
    private final Set<String> names = new HashSet<>(Set.of(OFF_GRID_SERIES));

    public LinePlot title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    public LinePlot xAxisTitle(String xAxisTitle) {
        this.xAxisTitle = Objects.requireNonNull(xAxisTitle, "xAxisTitle");
        return this;
    }

    public LinePlot yAxisTitle(String yAxisTitle) {
        this.yAxisTitle = Objects.requireNonNull(yAxisTitle, "yAxisTitle");
        return this;
    }

    /** A logarithmic y axis, for losses spanning decades; all y values must then be positive. */
    public LinePlot logY(boolean logY) {
        this.logY = logY;
        return this;
    }

    /** Image size in pixels (default {@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT}). */
    public LinePlot size(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("Plot size " + width + "x" + height + " is too small to read; use at least 200x150");
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** A series drawn as a line without point markers. */
    public LinePlot line(String name, double[] x, double[] y) {
        return addSeries(name, x, y, Kind.LINE);
    }

    /** A series drawn as separate point markers, unconnected. */
    public LinePlot markers(String name, double[] x, double[] y) {
        return addSeries(name, x, y, Kind.MARKERS);
    }

    /**
     * A dashed vertical line across the data's y range at {@code x}, named {@code label} in the
     * legend (for example where free-running generation starts).
     */
    public LinePlot verticalMarker(double x, String label) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("Vertical marker '" + label + "' needs a finite x, got " + x);
        }
        requireNewName(label);
        names.add(label);
        verticalMarkers.add(new VerticalMarker(x, label));
        return this;
    }

    /** Whether no series has been added yet (such a plot cannot be saved). */
    public boolean isEmpty() {
        return series.isEmpty();
    }

    /**
     * Renders the chart and writes it atomically as PNG.
     *
     * @param pngFile a file name ending in {@code .png}
     * @throws IllegalStateException    if no series was added
     * @throws IllegalArgumentException if the y axis is logarithmic and a y value is not positive
     */
    public void save(Path pngFile) throws IOException {
        Objects.requireNonNull(pngFile, "pngFile");
        Path fileName = pngFile.getFileName();
        if (fileName == null || !fileName.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("A plot is saved as PNG; the file name must end in .png, got " + pngFile);
        }
        if (series.isEmpty()) {
            throw new IllegalStateException("Plot '" + title + "' has no series to draw");
        }
        if (logY) {
            requirePositiveY();
        }
        useHeadlessUnlessChosen();
        XYChart chart = buildChart();
        AtomicFiles.writeBytes(pngFile, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    private XYChart buildChart() {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            XYSeries drawn = chart.addSeries(s.name(), s.x(), s.y());
            Color color = SERIES_COLORS[i % SERIES_COLORS.length];
            if (s.kind() == Kind.LINE) {
                drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                drawn.setMarker(SeriesMarkers.NONE);
                drawn.setLineColor(color);
                drawn.setLineWidth(LINE_WIDTH);
            } else {
                drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                drawn.setMarker(SeriesMarkers.CIRCLE);
                drawn.setMarkerColor(color);
            }
        }
        double[] yRange = dataYRange();
        addOffGridPoint(chart, yRange[0]);
        for (VerticalMarker marker : verticalMarkers) {
            XYSeries drawn = chart.addSeries(marker.label(), new double[] {marker.x(), marker.x()}, yRange);
            drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            drawn.setMarker(SeriesMarkers.NONE);
            drawn.setLineColor(MARKER_LINE_COLOR);
            drawn.setLineStyle(DASHED);
        }
        return chart;
    }

    /**
     * When all x values lie on one evenly spaced grid (epochs always do), XChart places the x ticks on
     * data points (1, 151, 301, ...) instead of round numbers. One invisible point off that grid, inside
     * the data range so the axes do not change, makes it choose round-number ticks.
     */
    private void addOffGridPoint(XYChart chart, double y) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        Set<Double> xs = new HashSet<>();
        for (Series s : series) {
            for (double x : s.x()) {
                low = Math.min(low, x);
                high = Math.max(high, x);
                xs.add(x);
            }
        }
        if (low == high) {
            return;
        }
        double offGrid = low + (high - low) * OFF_GRID_FRACTION;
        while (xs.contains(offGrid)) {
            offGrid = Math.nextUp(offGrid);
        }
        XYSeries invisible = chart.addSeries(OFF_GRID_SERIES, new double[] {offGrid}, new double[] {y});
        invisible.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        invisible.setMarker(SeriesMarkers.NONE);
        invisible.setLineStyle(SeriesLines.NONE);
        invisible.setShowInLegend(false);
    }

    /** Round tick values as plain numbers, without grouping commas or floating-point noise: 1000, 0.3. */
    private static String plainTickLabel(double value) {
        return new BigDecimal(value).round(TICK_PRECISION).stripTrailingZeros().toPlainString();
    }

    private void style(XYStyler styler) {
        PlotStyle.apply(styler, titlePointsToFit());
        styler.setPlotBorderVisible(true);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(GRID_COLOR);
        styler.setChartFontColor(Color.BLACK);
        styler.setAxisTickLabelsColor(Color.DARK_GRAY);
        styler.setChartPadding(CHART_PADDING);
        styler.setChartTitleVisible(!title.isBlank());
        styler.setLegendFont(new Font(PlotStyle.FONT_FAMILY, Font.PLAIN, 13));
        styler.setXAxisTitleVisible(!xAxisTitle.isBlank());
        styler.setYAxisTitleVisible(!yAxisTitle.isBlank());
        // One series needs no legend; several get one below the plot, where it never covers data.
        styler.setLegendVisible(series.size() + verticalMarkers.size() > 1);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setMarkerSize(MARKER_SIZE);
        styler.setxAxisTickLabelsFormattingFunction(LinePlot::plainTickLabel);
        if (logY) {
            styler.setYAxisLogarithmic(true);
        } else {
            // XChart's own linear labels drop the leading zero (".05"); a log axis keeps its decade labels.
            styler.setyAxisTickLabelsFormattingFunction(LinePlot::plainTickLabel);
        }
        styler.setAntiAlias(true);
    }

    /** The largest title size (down to a floor) whose text fits the image width, so it is not clipped. */
    private int titlePointsToFit() {
        FontRenderContext context = new FontRenderContext(null, true, true);
        double available = width - 2.0 * CHART_PADDING;
        for (int points = TITLE_POINTS; points > SMALLEST_TITLE_POINTS; points--) {
            Font font = new Font(PlotStyle.FONT_FAMILY, Font.BOLD, points);
            if (font.getStringBounds(title, context).getWidth() <= available) {
                return points;
            }
        }
        return SMALLEST_TITLE_POINTS;
    }

    /** Lowest and highest y over the data series, so a vertical marker spans the plotted range. */
    private double[] dataYRange() {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double y : s.y()) {
                low = Math.min(low, y);
                high = Math.max(high, y);
            }
        }
        return new double[] {low, high};
    }

    private void requirePositiveY() {
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                if (s.y()[i] <= 0) {
                    throw new IllegalArgumentException("Plot '" + title + "' has a logarithmic y axis but series '" + s.name()
                            + "' has y = " + s.y()[i] + " at index " + i + " (x = " + s.x()[i]
                            + "); plot it on a linear axis or plot a positive quantity");
                }
            }
        }
    }

    /** Checks everything first, so a rejected series leaves the plot as it was. */
    private LinePlot addSeries(String name, double[] x, double[] y, Kind kind) {
        requireNewName(name);
        double[] xs = checkedValues(name, "x", x);
        double[] ys = checkedValues(name, "y", y);
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("Series '" + name + "' has " + xs.length + " x values but "
                    + ys.length + " y values");
        }
        names.add(name);
        series.add(new Series(name, xs, ys, kind));
        return this;
    }

    private void requireNewName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Every series and marker of a plot needs a non-blank name");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("Plot '" + title + "' already has a series or marker named '" + name + "'");
        }
    }

    private static double[] checkedValues(String seriesName, String axis, double[] values) {
        Objects.requireNonNull(values, () -> "Series '" + seriesName + "': " + axis + " values are null");
        if (values.length == 0) {
            throw new IllegalArgumentException("Series '" + seriesName + "' has no " + axis + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Series '" + seriesName + "' has " + axis + " = " + values[i]
                        + " at index " + i + "; only finite values can be plotted");
            }
        }
        return values.clone();
    }

    /** Sets java.awt.headless to true unless the caller chose; plots then render without a display. */
    static void useHeadlessUnlessChosen() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}

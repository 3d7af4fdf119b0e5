package org.rnnlab.lab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * Grouped bars of ratios against a reference, on a logarithmic scale, saved as PNG: one group per
 * category, one bar per series, each bar rising from 1 (the reference) to its ratio, up for more
 * than the reference and down for less, so 4x and 1/4x are bars of the same length. Ticks read as
 * ratios ("0.32x", "1x", "3.2x", "10x").
 *
 * <pre>{@code
 * new RatioBarPlot(List.of("b1", "b275")).title("speed against DL4J")
 *     .yAxisTitle("times as fast as DL4J").series("scratch", new double[] {40, 2.2})
 *     .save(folder.resolve("speed.png"));
 * }</pre>
 *
 * <p>A series may leave a category out with NaN (no bar); any other value must be a positive
 * finite ratio, checked when it is added.
 */
public final class RatioBarPlot {

    /**
     * Okabe-Ito's oranges and pinks first, then a purple, its blues and greens, a dark green, a grey,
     * black, a brown and Okabe-Ito's yellow: neighbouring series of one family stay apart, and
     * readable for colour-blind readers. Series beyond these get hues of their own ({@link #seriesColor}).
     */
    private static final Color[] SERIES_COLORS = {
            new Color(0xE69F00), new Color(0xD55E00), new Color(0xCC79A7), new Color(0x7B3294),
            new Color(0x56B4E9), new Color(0x0072B2), new Color(0x009E73), new Color(0x004D40),
            new Color(0x888888), new Color(0x000000), new Color(0x8C510A), new Color(0xF0E442)};
    private static final Color GRID_COLOR = new Color(0xE3E3E3);
    private static final int HEIGHT = 640;
    private static final int MIN_WIDTH = 900;
    private static final int PIXELS_PER_BAR = 9;
    private static final int LABEL_ROTATION = 30;
    private static final Font LEGEND_FONT = new Font(PlotStyle.FONT_FAMILY, Font.PLAIN, 12);
    /** Per legend entry beyond its text: the swatch and the gaps around it, in pixels. */
    private static final int LEGEND_ENTRY_ROOM = 52;
    private static final int LEGEND_SIDE_ROOM = 40;
    /** The axis' room beyond the longest bars, in decades. */
    private static final double AXIS_MARGIN = 0.1;

    private final List<String> categories;
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private String title = "";
    private String yAxisTitle = "";

    /** A plot over these categories, in this order (left to right). */
    public RatioBarPlot(List<String> categories) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("a bar plot needs at least one category");
        }
        if (categories.stream().distinct().count() != categories.size()) {
            throw new IllegalArgumentException("categories must be distinct: " + categories);
        }
        this.categories = List.copyOf(categories);
    }

    public RatioBarPlot title(String title) {
        this.title = title;
        return this;
    }

    public RatioBarPlot yAxisTitle(String yAxisTitle) {
        this.yAxisTitle = yAxisTitle;
        return this;
    }

    /**
     * Adds a series: one ratio per category, in the categories' order, NaN where it has none.
     *
     * @throws IllegalArgumentException for a repeated name, a wrong count, or a ratio that is zero,
     *                                  negative or infinite (named, with its category)
     */
    public RatioBarPlot series(String name, double[] ratios) {
        if (series.containsKey(name)) {
            throw new IllegalArgumentException("series '" + name + "' was added twice");
        }
        if (ratios.length != categories.size()) {
            throw new IllegalArgumentException("series '" + name + "' has " + ratios.length + " values for "
                    + categories.size() + " categories");
        }
        for (int i = 0; i < ratios.length; i++) {
            double r = ratios[i];
            if (!Double.isNaN(r) && !(r > 0 && Double.isFinite(r))) {
                throw new IllegalArgumentException("series '" + name + "' at '" + categories.get(i)
                        + "': a ratio on a logarithmic scale must be positive and finite, got " + r);
            }
        }
        series.put(name, ratios.clone());
        return this;
    }

    /** The categories, left to right. */
    public List<String> categories() {
        return categories;
    }

    /** Each series' ratios by name, in the order added (copies; NaN where a series has no bar). */
    public Map<String, double[]> series() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        series.forEach((name, values) -> copy.put(name, values.clone()));
        return copy;
    }

    /** True while no series has a bar: nothing worth saving. */
    public boolean isEmpty() {
        return series.values().stream().allMatch(values -> Arrays.stream(values).allMatch(Double::isNaN));
    }

    /**
     * Renders and writes the plot atomically.
     *
     * @throws IllegalStateException if {@link #isEmpty()}
     */
    public void save(Path pngFile) throws IOException {
        if (isEmpty()) {
            throw new IllegalStateException("nothing to plot in '" + title + "': no series has a value");
        }
        if (!pngFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("a plot is saved as PNG; the file name must end in .png, got " + pngFile);
        }
        LinePlot.useHeadlessUnlessChosen();
        int width = Math.max(Math.max(MIN_WIDTH, legendWidth()),
                120 + categories.size() * (series.size() * PIXELS_PER_BAR + 24));
        CategoryChart chart = new CategoryChartBuilder().width(width).height(HEIGHT).title(title)
                .yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        // The axis spans every bar and the 1x line, a tenth of a decade beyond, so that no bar is cut.
        double lowest = 0;
        double highest = 0;
        for (double[] ratios : series.values()) {
            for (double ratio : ratios) {
                if (!Double.isNaN(ratio)) {
                    lowest = Math.min(lowest, Math.log10(ratio));
                    highest = Math.max(highest, Math.log10(ratio));
                }
            }
        }
        chart.getStyler().setYAxisMin(lowest - AXIS_MARGIN).setYAxisMax(highest + AXIS_MARGIN);
        int colour = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            if (Arrays.stream(entry.getValue()).allMatch(Double::isNaN)) {
                continue; // no bar, so no legend entry either
            }
            List<Double> heights = new ArrayList<>();
            for (double ratio : entry.getValue()) {
                heights.add(Double.isNaN(ratio) ? null : Math.log10(ratio));
            }
            chart.addSeries(entry.getKey(), categories, heights)
                    .setFillColor(seriesColor(colour++));
        }
        chart.setCustomYAxisTickLabelsFormatter(RatioBarPlot::ratioLabel);
        AtomicFiles.writeBytes(pngFile, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * The colour of the {@code index}-th series drawn: the palette's, then hues a golden angle apart,
     * so that no two series of one plot share a colour.
     */
    static Color seriesColor(int index) {
        if (index < SERIES_COLORS.length) {
            return SERIES_COLORS[index];
        }
        float hue = (float) ((index - SERIES_COLORS.length) * 0.6180339887 % 1.0);
        return Color.getHSBColor(hue, 0.65f, 0.7f);
    }

    /**
     * The width the one-row legend below the plot needs: each series' name in the legend font with
     * its swatch and gaps (XChart does not wrap the legend, so a narrower image would cut it off).
     */
    private int legendWidth() {
        FontRenderContext context = new FontRenderContext(null, true, true);
        double width = 2 * LEGEND_SIDE_ROOM;
        for (String name : series.keySet()) {
            width += LEGEND_FONT.getStringBounds(name, context).getWidth() + LEGEND_ENTRY_ROOM;
        }
        return (int) Math.ceil(width);
    }

    /** The tick label of a height: 10^height as a ratio with two significant digits, "1x" at 0. */
    static String ratioLabel(double log10Ratio) {
        double ratio = Math.pow(10, log10Ratio);
        return new BigDecimal(ratio).round(new MathContext(2)).stripTrailingZeros().toPlainString() + "x";
    }

    private static void style(CategoryStyler styler) {
        PlotStyle.apply(styler, PlotStyle.TITLE_POINTS);
        styler.setPlotBorderVisible(false);
        styler.setLegendFont(LEGEND_FONT);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setPlotGridLinesColor(GRID_COLOR);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setXAxisLabelRotation(LABEL_ROTATION);
        styler.setAvailableSpaceFill(0.85);
        styler.setYAxisTickMarkSpacingHint(45);
    }
}

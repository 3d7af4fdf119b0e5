package org.rnnlab.lab.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * A confusion matrix as a PNG heat map (XChart): true classes down the side, the first at the top,
 * predicted classes along the bottom, each cell the number of examples with that true and predicted
 * class, shaded from white (none) to blue (the largest count). The diagonal holds the right answers.
 */
public final class ConfusionMatrixPlot {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 680;
    private static final Color NONE = Color.WHITE;
    /** Okabe-Ito sky blue: black counts stay readable on the darkest cell. */
    private static final Color MOST = new Color(0x56B4E9);
    private static final int LABEL_ROTATION = 20;

    private ConfusionMatrixPlot() {
    }

    /**
     * Renders and writes the plot atomically.
     *
     * @param counts {@code counts[actual][predicted]}, square, one row per class name
     * @param pngFile a file name ending in {@code .png}
     */
    public static void save(String title, List<String> classNames, int[][] counts, Path pngFile) throws IOException {
        int classes = classNames.size();
        if (classes == 0 || counts.length != classes) {
            throw new IllegalArgumentException("a confusion matrix needs one row per class: " + classes
                    + " names, " + counts.length + " rows");
        }
        if (!pngFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("a plot is saved as PNG; the file name must end in .png, got " + pngFile);
        }
        int largest = 1;
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < classes; actual++) {
            if (counts[actual].length != classes) {
                throw new IllegalArgumentException("row " + actual + " of the confusion matrix has "
                        + counts[actual].length + " counts, expected " + classes);
            }
            for (int predicted = 0; predicted < classes; predicted++) {
                largest = Math.max(largest, counts[actual][predicted]);
                // XChart counts y from the bottom: the first true class goes on the top row.
                cells.add(new Number[] {predicted, classes - 1 - actual, counts[actual][predicted]});
            }
        }
        List<String> topDown = new ArrayList<>(classNames);
        Collections.reverse(topDown);

        LinePlot.useHeadlessUnlessChosen();
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        HeatMapStyler styler = chart.getStyler();
        PlotStyle.apply(styler, PlotStyle.TITLE_POINTS);
        styler.setLegendVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setRangeColors(new Color[] {NONE, MOST});
        styler.setMin(0);
        styler.setMax(largest);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0");
        styler.setDrawBorder(true);
        styler.setPlotGridLinesVisible(false);
        // long class names would run into each other side by side
        styler.setXAxisLabelRotation(LABEL_ROTATION);
        chart.addSeries("counts", classNames, topDown, cells);
        AtomicFiles.writeBytes(pngFile, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}

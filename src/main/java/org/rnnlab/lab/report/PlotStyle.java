package org.rnnlab.lab.report;

import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.style.AxesChartStyler;

/** The look every rnnlab plot shares: white throughout, a plain title, the same fonts. */
final class PlotStyle {

    static final String FONT_FAMILY = Font.SANS_SERIF;
    static final int TITLE_POINTS = 16;

    private PlotStyle() {
    }

    /** White chart and plot, no box around the title, the title in bold at {@code titlePoints}, axis text at 14 and 12. */
    static void apply(AxesChartStyler styler, int titlePoints) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(FONT_FAMILY, Font.BOLD, titlePoints));
        styler.setAxisTitleFont(new Font(FONT_FAMILY, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(FONT_FAMILY, Font.PLAIN, 12));
    }
}

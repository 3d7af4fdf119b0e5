package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatioBarPlotTest {

    /** The first series' colour. */
    private static final int FIRST_COLOUR = 0xE69F00;

    @TempDir
    Path dir;

    @Test
    void everySeriesOfAPlotHasAColourOfItsOwn() {
        java.util.Set<java.awt.Color> colours = new java.util.HashSet<>();
        for (int i = 0; i < 24; i++) {
            assertTrue(colours.add(RatioBarPlot.seriesColor(i)), "series " + i + " repeats a colour");
        }
    }

    @Test
    void barsRiseFromOneXUpForMoreAndDownForLess() throws IOException {
        Path file = dir.resolve("ratios.png");
        // an empty category between the two keeps their bars apart
        new RatioBarPlot(List.of("faster", "none", "slower")).title("t").yAxisTitle("times as fast")
                .series("only", new double[] {10, Double.NaN, 0.1}).save(file);
        BufferedImage image = ImageIO.read(file.toFile());
        int[] faster = verticalExtent(image, 0, image.getWidth() / 3);
        int[] slower = verticalExtent(image, 2 * image.getWidth() / 3, image.getWidth());
        // Both bars end at the 1x line: the faster one's bottom is the slower one's top.
        assertTrue(Math.abs(faster[1] - slower[0]) <= 2, "faster " + faster[0] + "-" + faster[1] + ", slower "
                + slower[0] + "-" + slower[1]);
        // 10x and 0.1x are bars of the same length, one above the line and one below.
        assertTrue(Math.abs((faster[1] - faster[0]) - (slower[1] - slower[0])) <= 2, "faster " + faster[0] + "-"
                + faster[1] + ", slower " + slower[0] + "-" + slower[1]);
        assertTrue(faster[1] - faster[0] > 50);
    }

    @Test
    void aSeriesMayLeaveACategoryOutButNotGiveAZeroRatio() throws IOException {
        RatioBarPlot plot = new RatioBarPlot(List.of("a", "b"));
        plot.series("some", new double[] {2, Double.NaN});
        plot.series("none", new double[] {Double.NaN, Double.NaN});
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> plot.series("zero", new double[] {1, 0}));
        assertTrue(zero.getMessage().contains("'zero' at 'b'"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plot.series("inf", new double[] {Double.POSITIVE_INFINITY, 1}));
        assertThrows(IllegalArgumentException.class, () -> plot.series("short", new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> plot.series("some", new double[] {1, 1}));
        assertEquals(List.of("some", "none"), List.copyOf(plot.series().keySet()));
        Path file = dir.resolve("partial.png");
        plot.save(file);
        assertTrue(ImageIO.read(file.toFile()).getWidth() > 0);
    }

    @Test
    void aPlotWithoutABarIsNotSaved() {
        RatioBarPlot plot = new RatioBarPlot(List.of("a")).series("none", new double[] {Double.NaN});
        assertTrue(plot.isEmpty());
        Path file = dir.resolve("empty.png");
        assertThrows(IllegalStateException.class, () -> plot.save(file));
        assertFalse(Files.exists(file));
        assertThrows(IllegalArgumentException.class, () -> new RatioBarPlot(List.of("a", "a")));
    }

    @Test
    void ticksReadAsRatios() {
        assertEquals("1x", RatioBarPlot.ratioLabel(0));
        assertEquals("100x", RatioBarPlot.ratioLabel(2));
        assertEquals("2.5x", RatioBarPlot.ratioLabel(0.4));
        assertEquals("0.63x", RatioBarPlot.ratioLabel(-0.2));
    }

    /** The first and last row holding the first series' colour between two columns, above the legend. */
    private static int[] verticalExtent(BufferedImage image, int fromX, int toX) {
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight() - 120; y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == FIRST_COLOUR) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        assertTrue(bottom >= 0, "no bar between x " + fromX + " and " + toX);
        return new int[] {top, bottom};
    }
}

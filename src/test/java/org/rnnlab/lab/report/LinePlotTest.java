package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @TempDir
    Path dir;

    @Test
    void testSaveWritesPngOfRequestedSize() throws IOException {
        double[] epochs = {1, 2, 3, 4, 5, 6};
        Path png = dir.resolve("loss.png");

        new LinePlot().title("E2 sine window, SimpleRnn").xAxisTitle("epoch").yAxisTitle("loss")
                .logY(true).size(640, 400)
                .line("train", epochs, new double[] {0.5, 0.1, 0.03, 0.01, 4e-3, 2e-3})
                .line("test", epochs, new double[] {0.6, 0.2, 0.05, 0.02, 8e-3, 5e-3})
                .markers("checkpoints", new double[] {2, 4}, new double[] {0.1, 0.01})
                .verticalMarker(3, "learning rate drop")
                .save(png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(2, 2) & 0xFFFFFF, "white background");
    }

    @Test
    void testDefaultSizeAndLinearAxisAcceptsNegativeValues() throws IOException {
        Path png = dir.resolve("generation.png");
        double[] t = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 0.2;
            y[i] = Math.sin(t[i]);
        }
        new LinePlot().title("sin").line("true", t, y).save(png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LinePlot.DEFAULT_WIDTH, image.getWidth());
        assertEquals(LinePlot.DEFAULT_HEIGHT, image.getHeight());
    }

    @Test
    void testLogAxisRejectsNonPositiveValueAndWritesNothing() {
        Path png = dir.resolve("loss.png");
        LinePlot plot = new LinePlot().title("loss").logY(true)
                .line("train", new double[] {1, 2, 3}, new double[] {0.5, 0.0, 0.1});

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> plot.save(png));

        assertTrue(thrown.getMessage().contains("'train'"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("index 1"), thrown.getMessage());
        assertFalse(Files.exists(png));
    }

    @Test
    void testSeriesAreChecked() {
        LinePlot plot = new LinePlot().line("a", new double[] {1, 2}, new double[] {1, 2});

        assertThrows(IllegalArgumentException.class, () -> plot.line("a", new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> plot.line("b", new double[] {1, 2}, new double[] {1}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> plot.markers("c", new double[] {1}, new double[] {Double.NaN}));
        assertTrue(nan.getMessage().contains("'c'"), nan.getMessage());
        assertThrows(IllegalStateException.class, () -> new LinePlot().save(dir.resolve("empty.png")));
        assertThrows(IllegalArgumentException.class, () -> plot.save(dir.resolve("plot.jpg")));
    }

    @Test
    void testSeriesAppearInTheImage() throws IOException {
        Path blank = dir.resolve("blank.png");
        Path drawn = dir.resolve("drawn.png");
        double[] x = {0, 1};
        new LinePlot().size(300, 200).markers("points", x, new double[] {0, 1}).save(blank);
        new LinePlot().size(300, 200).markers("points", x, new double[] {0, 1})
                .line("diagonal", x, new double[] {0, 1}).save(drawn);

        assertNotEquals(countColoured(ImageIO.read(blank.toFile())), countColoured(ImageIO.read(drawn.toFile())));
    }

    /** Pixels that are clearly neither white nor grey, i.e. drawn in a series colour. */
    private static int countColoured(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    count++;
                }
            }
        }
        return count;
    }
}

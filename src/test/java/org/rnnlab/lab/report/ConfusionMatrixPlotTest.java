package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixPlotTest {

    @TempDir
    Path dir;

    @Test
    void testMatrixIsWrittenAsAPngImage() throws IOException {
        Path file = dir.resolve("confusion.png");
        ConfusionMatrixPlot.save("test", List.of("a", "b", "c"), new int[][] {{5, 1, 0}, {0, 6, 0}, {2, 0, 4}}, file);
        assertTrue(ImageIO.read(file.toFile()).getWidth() > 0);
    }

    @Test
    void testMatrixThatIsNotOneRowAndColumnPerClassIsRefused() {
        Path file = dir.resolve("confusion.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.save("test", List.of("a", "b"), new int[][] {{1, 0}, {0}}, file));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void testMarkdownTableKeepsEveryValueInItsCell() {
        String table = MarkdownTable.of(List.of("class", "F1"), List.of(List.of("a|b", "0.5"), List.of("c\nd", "1")), true);
        assertEquals("| class | F1 |\n| --- | ---: |\n| a\\|b | 0.5 |\n| c d | 1 |", table);
        assertThrows(IllegalArgumentException.class, () -> MarkdownTable.of(List.of("x"), List.of(List.of("1", "2")), false));
    }
}

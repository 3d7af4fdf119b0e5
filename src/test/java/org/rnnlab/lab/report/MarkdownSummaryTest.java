package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {

    @Test
    void testRendersTitleTablesAndRelativeImagesInOrder() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cell", "simplernn");
        settings.put("learning_rate", "0.01");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_loss", 2.28e-5);
        metrics.put("accuracy", 1.0);

        String markdown = new MarkdownSummary()
                .paragraph("Sine windows of 25 -> next.")
                .keyValueTable("Settings", settings)
                .metricsTable("Results", metrics)
                .image("Training loss", "plots/loss.png")
                .title("E2 sine window")
                .render();

        String expected = String.join("\n",
                "# E2 sine window",
                "",
                "Sine windows of 25 -> next.",
                "",
                "## Settings",
                "",
                "| Name | Value |",
                "| --- | --- |",
                "| cell | simplernn |",
                "| learning_rate | 0.01 |",
                "",
                "## Results",
                "",
                "| Metric | Value |",
                "| --- | ---: |",
                "| test_loss | 2.28e-05 |",
                "| accuracy | 1.000 |",
                "",
                "![Training loss](plots/loss.png)",
                "",
                "*Training loss*",
                "");
        assertEquals(expected, markdown);
    }

    @Test
    void testTableCellsAndImagePathsAreEscaped() {
        String markdown = new MarkdownSummary()
                .keyValueTable("", Map.of("layers", "lstm | dense\n(2)"))
                .image("Loss [log]", "my plots/loss (log).png")
                .render();

        assertEquals(String.join("\n",
                "| Name | Value |",
                "| --- | --- |",
                "| layers | lstm \\| dense (2) |",
                "",
                "![Loss \\[log\\]](my%20plots/loss%20%28log%29.png)",
                "",
                "*Loss [log]*",
                ""), markdown);
    }

    @Test
    void testAbsoluteImagePathIsRejected() {
        MarkdownSummary summary = new MarkdownSummary();
        assertThrows(IllegalArgumentException.class, () -> summary.image("loss", "/home/me/runs/loss.png"));
        assertThrows(IllegalArgumentException.class, () -> summary.image("loss", "C:\\runs\\loss.png"));
    }

    @Test
    void testVerbatimTextKeepsItsLinesAndCannotCloseItsFence() {
        String text = "line one\n```\n  indented | pipe";
        String markdown = new MarkdownSummary().verbatim("Sample", text).render();

        assertEquals(String.join("\n",
                "## Sample",
                "",
                "````text",
                "line one",
                "```",
                "  indented | pipe",
                "````",
                ""), markdown);
    }
}

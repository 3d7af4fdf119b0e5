package org.rnnlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    @TempDir
    Path dir;

    private static Map<String, Double> metrics(Object... nameValuePairs) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            metrics.put((String) nameValuePairs[i], (Double) nameValuePairs[i + 1]);
        }
        return metrics;
    }

    private static ResultsTable sample() {
        return new ResultsTable()
                .add(new ResultRow("E1", "simplernn", "dl4j", metrics("train_loss", 0.0092, "accuracy", 1.0), 3.21, "ok"))
                .add(new ResultRow("E2", "simplernn", "scratch", metrics("test_loss", 1.52e-6), 12.34, "ok"))
                .add(new ResultRow("E4", "lstm", "dl4j", metrics("accuracy", 0.75, "train_loss", 261.37), 0.04,
                        "diverged at epoch 12, lr too high"));
    }

    @Test
    void testColumnsAreTheUnionInFirstSeenOrder() {
        assertEquals(List.of("train_loss", "accuracy", "test_loss"), sample().metricNames());
    }

    @Test
    void testRenderAlignsColumnsFormatsNumbersAndLeavesBlanks() {
        String expected = String.join("\n",
                "experiment  cell       implementation  train_loss  accuracy  test_loss  wall s  status",
                "----------  ---------  --------------  ----------  --------  ---------  ------  ---------------------------------",
                "E1          simplernn  dl4j              9.20e-03     1.000                3.2  ok",
                "E2          simplernn  scratch                                1.52e-06    12.3  ok",
                "E4          lstm       dl4j               261.370     0.750                0.0  diverged at epoch 12, lr too high",
                "");
        assertEquals(expected, sample().render());
    }

    @Test
    void testCsvHasFullPrecisionEmptyCellsAndQuoting() {
        String[] lines = sample().toCsv().split("\n");

        assertEquals("experiment,cell,implementation,train_loss,accuracy,test_loss,wall_seconds,status", lines[0]);
        assertEquals("E1,simplernn,dl4j,0.0092,1.0,,3.21,ok", lines[1]);
        assertEquals("E2,simplernn,scratch,,,1.52E-6,12.34,ok", lines[2]);
        assertEquals("E4,lstm,dl4j,261.37,0.75,,0.04,\"diverged at epoch 12, lr too high\"", lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void testCsvQuotesEmbeddedQuotesAndFoldsLineBreaksInStatus() {
        ResultsTable table = new ResultsTable()
                .add(new ResultRow("E3", "lstm", "dl4j", Map.of(), 1.0, "failed: \"data/sine.csv\"\nline 3"));

        assertEquals("E3,lstm,dl4j,1.0,\"failed: \"\"data/sine.csv\"\" line 3\"", table.toCsv().split("\n")[1]);
    }

    @Test
    void testWriteCsvWritesTheSameText() throws IOException {
        Path file = dir.resolve("results.csv");
        sample().writeCsv(file);
        assertEquals(sample().toCsv(), Files.readString(file));
    }

    @Test
    void testRowsRejectNonFiniteMetricsAndClashingNames() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new ResultRow("E2", "simplernn", "dl4j", metrics("test_loss", Double.NaN), 1.0, "ok"));
        assertTrue(nan.getMessage().contains("'test_loss'"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ResultRow("E2", "simplernn", "dl4j", metrics("status", 1.0), 1.0, "ok"));
        assertThrows(IllegalArgumentException.class,
                () -> new ResultRow("E2", "simplernn", "dl4j", Map.of(), -1.0, "ok"));
    }

    @Test
    void testNumberFormatsForPeople() {
        assertEquals("1.52e-06", NumberFormats.metric(1.5234e-6));
        assertEquals("9.20e-03", NumberFormats.metric(0.0092));
        assertEquals("1.000", NumberFormats.metric(1.0));
        assertEquals("3000", NumberFormats.metric(3000.0));
        assertEquals("12.500", NumberFormats.metric(12.5));
        assertEquals("0.126", NumberFormats.metric(0.1264));
        assertEquals("-2.50e+07", NumberFormats.metric(-2.5e7));
        assertEquals("0", NumberFormats.metric(0.0));
        assertEquals("12.3", NumberFormats.seconds(12.34));
    }
}

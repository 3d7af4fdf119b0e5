package org.rnnlab.lab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's final metrics at full precision ({@code metric,value}, values read back as exactly the same
 * doubles): summary.md rounds them for reading, this file keeps them for checking a saved model
 * against what its run reported.
 */
public final class FinalMetrics {

    /** The file's name in a run folder. */
    public static final String FILE = "final-metrics.csv";

    private FinalMetrics() {
    }

    /** The metrics as CSV text, in their order. */
    public static String toCsv(Map<String, Double> metrics) {
        StringBuilder csv = new StringBuilder(Csv.record(List.of("metric", "value")));
        metrics.forEach((name, value) -> csv.append(Csv.record(List.of(name, NumberFormats.exact(value)))));
        return csv.toString();
    }

    /** Reads a file written from {@link #toCsv}. */
    public static Map<String, Double> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.lastIndexOf(',');
            try {
                metrics.put(line.substring(0, comma), Double.parseDouble(line.substring(comma + 1)));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + (i + 1) + ": expected 'metric,value', found '" + line + "'", e);
            }
        }
        return metrics;
    }
}

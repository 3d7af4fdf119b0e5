package org.rnnlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rnnlab.bench.Peer.Precision;
import org.rnnlab.lab.report.RatioBarPlot;

/**
 * The speed table as a picture: for every case, each implementation's training-step speed against
 * DL4J in double with rnnlab's settings (the faster of its two kernel rows, as the table's
 * {@code speed_vs_dl4j}), as bars on a logarithmic scale; with a peer, its best step at each
 * precision (over its thread counts) beside them.
 */
final class SpeedPlot {

    private SpeedPlot() {
    }

    /**
     * The plot of these rows, and of the peer's when given.
     *
     * @param rows the speed section's rows, each with its {@code speedVsDl4j}
     * @param peer the peer's result, or null
     * @return the plot, or empty when no row has a DL4J double reference to be compared with
     */
    static Optional<RatioBarPlot> of(List<SpeedRow> rows, PeerBenchmark.Result peer) {
        List<String> categories = new ArrayList<>();
        Map<String, Double> referenceMillis = new LinkedHashMap<>();
        Map<TrainingSetup, double[]> bySetup = new LinkedHashMap<>();
        for (SpeedRow row : rows) {
            String category = category(row.caseName(), row.size());
            if (!categories.contains(category)) {
                categories.add(category);
            }
        }
        for (SpeedRow row : rows) {
            if (!Double.isFinite(row.speedVsDl4j()) || row.speedVsDl4j() <= 0) {
                continue;
            }
            int index = categories.indexOf(category(row.caseName(), row.size()));
            bySetup.computeIfAbsent(row.implementation(), s -> nans(categories.size()))[index] = row.speedVsDl4j();
            referenceMillis.put(categories.get(index), row.medianMillis() * row.speedVsDl4j());
        }
        if (bySetup.isEmpty()) {
            return Optional.empty();
        }
        RatioBarPlot plot = new RatioBarPlot(categories)
                .title("One training step: speed against DL4J in double with rnnlab's settings")
                .yAxisTitle("times as fast (logarithmic; above 1x faster)");
        bySetup.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> plot.series(entry.getKey().label(), entry.getValue()));
        if (peer != null) {
            for (Precision precision : Precision.values()) {
                double[] ratios = nans(categories.size());
                for (int i = 0; i < categories.size(); i++) {
                    Double reference = referenceMillis.get(categories.get(i));
                    SpeedRow any = firstRow(rows, categories.get(i));
                    Optional<PeerBenchmark.Row> best = peer.best(any.caseName(), any.size(), precision);
                    if (reference != null && best.isPresent() && best.get().medianMillis() > 0) {
                        ratios[i] = reference / best.get().medianMillis();
                    }
                }
                if (Arrays.stream(ratios).anyMatch(r -> !Double.isNaN(r))) {
                    plot.series(peer.name() + " " + precision.label() + " (best)", ratios);
                }
            }
        }
        return Optional.of(plot);
    }

    /** Writes the plot of these rows if there is one; returns the file written. */
    static Optional<Path> save(List<SpeedRow> rows, PeerBenchmark.Result peer, Path pngFile) throws IOException {
        Optional<RatioBarPlot> plot = of(rows, peer);
        if (plot.isEmpty()) {
            return Optional.empty();
        }
        plot.get().save(pngFile);
        return Optional.of(pngFile);
    }

    private static String category(String caseName, String size) {
        return caseName + " " + size;
    }

    private static SpeedRow firstRow(List<SpeedRow> rows, String category) {
        return rows.stream().filter(r -> category(r.caseName(), r.size()).equals(category)).findFirst()
                .orElseThrow();
    }

    private static double[] nans(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}

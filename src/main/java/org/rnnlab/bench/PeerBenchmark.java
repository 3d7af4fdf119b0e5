package org.rnnlab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rnnlab.bench.Peer.Precision;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.report.Table;
import org.rnnlab.scratch.SequenceBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times a {@link Peer} on the speed section's cases and sets rnnlab's rows against it.
 *
 * <p>For every case the peer trains the same minibatch as rnnlab's rows (same seed, same values), in
 * float and in double precision, with each thread count of {@link #THREADS}; the peer's best time
 * per case is the least median over its thread counts. Its ceiling is the speed of one product of
 * two {@value #MATRIX}² matrices in the same process, per precision, best over the thread counts.
 * Each rnnlab row is then given as a multiple of the peer's best time at its own precision and of
 * its best time at all, and its {@link FlopCount} GFLOP/s as a share of that precision's ceiling.
 */
public final class PeerBenchmark {

    /** The peer's threads per operation. */
    public static final List<Integer> THREADS = List.of(1, 2);

    /** Rows and columns of the matrices whose product sets the ceiling. */
    public static final int MATRIX = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PeerBenchmark.class);

    /**
     * One timed configuration of the peer on one case.
     *
     * @param benchCase    the case
     * @param precision    float or double
     * @param threads      threads per operation
     * @param steps        timed steps
     * @param medianMillis median step time
     * @param iqrMillis    inter-quartile range of the step times
     */
    public record Row(BenchCase benchCase, Precision precision, int threads, int steps, double medianMillis,
                      double iqrMillis) {

        /** {@link FlopCount} operations per second at the median, in 1e9. */
        public double gflops() {
            return benchCase.flopsPerStep() / (medianMillis / 1000) / 1e9;
        }

        /** Precision and threads in short, e.g. "float32 x1". */
        public String setting() {
            return precision.label() + " x" + threads;
        }
    }

    /**
     * The speed of one matrix product at a precision and a thread count.
     *
     * @param precision    float or double
     * @param threads      threads per operation
     * @param medianMillis median time of one product
     */
    public record Ceiling(Precision precision, int threads, double medianMillis) {

        public double gflops() {
            return 2.0 * MATRIX * MATRIX * MATRIX / (medianMillis / 1000) / 1e9;
        }
    }

    /**
     * What the peer measured.
     *
     * @param name     the peer's name
     * @param describe what it is
     * @param rows     its training steps, grouped by case
     * @param ceilings its matrix products
     */
    public record Result(String name, List<String> describe, List<Row> rows, List<Ceiling> ceilings) {

        public Result {
            describe = List.copyOf(describe);
            rows = List.copyOf(rows);
            ceilings = List.copyOf(ceilings);
        }

        /** The peer's fastest row on a case (the rnnlab row's case and size) at a precision, or at any when null. */
        public Optional<Row> best(String caseName, String size, Precision precision) {
            return rows.stream()
                    .filter(r -> r.benchCase().name().equals(caseName) && r.benchCase().size().equals(size))
                    .filter(r -> precision == null || r.precision() == precision)
                    .min(Comparator.comparingDouble(Row::medianMillis));
        }

        /** The best GFLOP/s of the matrix product at a precision, NaN if not measured. */
        public double ceiling(Precision precision) {
            return ceilings.stream().filter(c -> c.precision() == precision).mapToDouble(Ceiling::gflops).max()
                    .orElse(Double.NaN);
        }
    }

    private final Peer peer;
    private final Budget budget;

    public PeerBenchmark(Peer peer, Budget budget) {
        this.peer = peer;
        this.budget = budget;
    }

    /** The ceilings, then every case at each precision and thread count. */
    public Result run(List<BenchCase> cases) {
        List<Ceiling> ceilings = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            for (int threads : THREADS) {
                double millis = peer.matrixProductMillis(MATRIX, precision, threads, budget.withMinSteps(5));
                Ceiling ceiling = new Ceiling(precision, threads, millis);
                LOG.info("{} {}² product, {} x{}: {} ms, {} GFLOP/s", peer.name(), MATRIX, precision.label(), threads,
                        NumberFormats.significant(millis), NumberFormats.significant(ceiling.gflops()));
                ceilings.add(ceiling);
            }
        }
        List<Row> rows = new ArrayList<>();
        int total = cases.size() * Precision.values().length * THREADS.size();
        int done = 0;
        for (BenchCase benchCase : cases) {
            SequenceBatch batch = CaseData.randomBatch(benchCase.network(), benchCase.steps(), benchCase.miniBatch(),
                    SpeedBenchmark.DATA_SEED);
            for (Precision precision : Precision.values()) {
                for (int threads : THREADS) {
                    done++;
                    try {
                        StepTimes times = peer.time(benchCase, batch, precision, threads,
                                budget.withMinSteps(benchCase.minTimedSteps()));
                        Row row = new Row(benchCase, precision, threads, times.steps(), times.quartiles().median(),
                                times.quartiles().interquartileRange());
                        LOG.info("[{}/{}] {} {} {}: median {} ms, IQR {} ms, {} steps, {} GFLOP/s", done, total,
                                peer.name(), benchCase.label(), row.setting(),
                                NumberFormats.significant(row.medianMillis()),
                                NumberFormats.significant(row.iqrMillis()), row.steps(),
                                NumberFormats.significant(row.gflops()));
                        rows.add(row);
                    } catch (UnsupportedOperationException e) {
                        LOG.warn("{} leaves out {}: {}", peer.name(), benchCase.label(), e.getMessage());
                    }
                }
            }
        }
        return new Result(peer.name(), peer.describe(), rows, ceilings);
    }

    /** The precision an rnnlab row trained in: float for the float rows, double for every other. */
    static Precision precisionOf(TrainingSetup setup) {
        return setup.precision() == org.rnnlab.spec.Precision.FLOAT ? Precision.FLOAT : Precision.DOUBLE;
    }

    /** The peer's own rows: case, what it trains, setting, times. */
    public static Table stepTable(Result result) {
        Table table = new Table(List.of("case", "size", "n_in", "n_out", "output", "loss", "updater", "clip",
                "precision", "threads", "steps", "median_ms", "iqr_ms", "gflop_per_s", "ceiling_percent"));
        for (Row row : result.rows()) {
            BenchCase c = row.benchCase();
            table.add(List.of(Table.Cell.text(c.name()), Table.Cell.text(c.size()),
                    Table.Cell.count(c.network().nIn()), Table.Cell.count(c.network().nOut()),
                    Table.Cell.text(c.network().output().key() + " " + c.network().activation().name()
                            .toLowerCase(Locale.ROOT)),
                    Table.Cell.text(c.network().loss().key()), Table.Cell.text(c.training().updater().key() + " "
                            + NumberFormats.significant(c.training().learningRate())),
                    Table.Cell.text(clip(c)), Table.Cell.text(row.precision().label()),
                    Table.Cell.count(row.threads()), Table.Cell.count(row.steps()),
                    Table.Cell.number(row.medianMillis()), Table.Cell.number(row.iqrMillis()),
                    Table.Cell.number(row.gflops()),
                    Table.Cell.number(100 * row.gflops() / result.ceiling(row.precision()), 1)));
        }
        return table;
    }

    /** The peer's matrix products. */
    public static Table ceilingTable(Result result) {
        Table table = new Table(List.of("product", "precision", "threads", "median_ms", "gflop_per_s"));
        for (Ceiling ceiling : result.ceilings()) {
            table.add(List.of(Table.Cell.text(MATRIX + "x" + MATRIX), Table.Cell.text(ceiling.precision().label()),
                    Table.Cell.count(ceiling.threads()), Table.Cell.number(ceiling.medianMillis()),
                    Table.Cell.number(ceiling.gflops())));
        }
        return table;
    }

    /**
     * Each rnnlab row against the peer: its median over the peer's best median at the row's
     * precision ({@code time_vs_same}) and at any precision ({@code time_vs_best}), above 1 when
     * rnnlab is slower; its GFLOP/s against the peer's matrix-product ceiling at the row's precision.
     */
    public static Table comparisonTable(List<SpeedRow> speedRows, Result result) {
        Table table = new Table(List.of("case", "size", "implementation", "threads", "median_ms", "peer_same",
                "peer_same_ms", "time_vs_same", "peer_best", "peer_best_ms", "time_vs_best", "gflop_per_s",
                "ceiling_gflop_per_s", "ceiling_percent"));
        for (SpeedRow row : speedRows) {
            Precision precision = precisionOf(row.implementation());
            Optional<Row> same = result.best(row.caseName(), row.size(), precision);
            Optional<Row> best = result.best(row.caseName(), row.size(), null);
            if (best.isEmpty()) {
                continue;
            }
            double ceiling = result.ceiling(precision);
            table.add(List.of(Table.Cell.text(row.caseName()), Table.Cell.text(row.size()),
                    Table.Cell.text(row.implementation().label()), Table.Cell.text(row.threads()),
                    Table.Cell.number(row.medianMillis()),
                    Table.Cell.text(same.map(Row::setting).orElse("-")),
                    Table.Cell.number(same.map(Row::medianMillis).orElse(Double.NaN)),
                    Table.Cell.number(same.map(r -> row.medianMillis() / r.medianMillis()).orElse(Double.NaN)),
                    Table.Cell.text(best.get().setting()), Table.Cell.number(best.get().medianMillis()),
                    Table.Cell.number(row.medianMillis() / best.get().medianMillis()),
                    Table.Cell.number(row.gflops()), Table.Cell.number(ceiling),
                    Table.Cell.number(100 * row.gflops() / ceiling, 1)));
        }
        return table;
    }

    private static String clip(BenchCase c) {
        return switch (c.training().clip().kind()) {
            case NONE -> "none";
            case ELEMENTWISE -> "elementwise " + NumberFormats.significant(c.training().clip().threshold());
            case L2_PER_LAYER -> "l2 " + NumberFormats.significant(c.training().clip().threshold());
        };
    }
}

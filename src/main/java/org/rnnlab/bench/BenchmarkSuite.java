package org.rnnlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.report.AtomicFiles;
import org.rnnlab.lab.report.Durations;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole benchmark in one JVM: the speed section, the protocol section, the memory section, and
 * on request the end-to-end section; each section's table is written as CSV into the output folder
 * as soon as it is done ({@code bench-<time>.csv}, {@code bench-<time>-protocol.csv},
 * {@code bench-<time>-memory.csv}, {@code bench-<time>-end-to-end.csv}); with a peer ({@link Peer}) also
 * {@code bench-<time>-peer.csv}, {@code bench-<time>-peer-ceiling.csv}, {@code bench-<time>-peer-vs-rnnlab.csv}
 * and {@code bench-<time>-peer-char-model.csv}; the speed table, with the peer's rows when measured, is also
 * drawn as {@code bench-<time>-speed.png} ({@link SpeedPlot}).
 */
public final class BenchmarkSuite {

    /** Where the CSV files and the end-to-end run folders go. */
    public static final Path OUTPUT_DIR = Path.of("target", "bench");

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkSuite.class);
    private static final double MIB = 1024.0 * 1024.0;

    /** Updates of the character-model template in the peer's end-to-end comparison (two epochs' windows). */
    static final int PEER_CHAR_MODEL_UPDATES = 20;

    /** The settings the stats section times: E1's and E2's LSTM, and the character model's. */
    static final List<String> STATS_SETTINGS = List.of("e1-letter-parity-lstm", "e2-sine-window-lstm", "char-model-lstm");

    /** The settings whose checkpoints the checkpoint section times: the template-size character model. */
    static final String CHECKPOINT_SETTINGS = "char-model-template-lstm";

    /**
     * What a benchmark run produced.
     *
     * @param environment lines describing the machine and the settings the numbers belong to
     * @param speed       the speed table, or null when no case was selected
     * @param protocol    the protocol table, or null when not run
     * @param memory      the memory table, or null when not run
     * @param endToEnd    the end-to-end table, or null when not run
     * @param checkpoint  the checkpoint table, or null when not run
     * @param stats       the stats table, or null when not run
     * @param peers       the peer's tables, or null when not run
     * @param files       the CSV files and the plot written
     */
    public record Result(List<String> environment, Table speed, Table protocol, Table memory, Table endToEnd,
                         Table checkpoint, Table stats, PeerTables peers,
                         List<Path> files) {

        /** Everything for a console: environment, each table under a title, the files. */
        public String render() {
            StringBuilder text = new StringBuilder();
            environment.forEach(line -> text.append(line).append('\n'));
            section(text, "Speed: one training step (forward + backward + update)", speed);
            if (peers != null) {
                text.append('\n');
                peers.describe().forEach(line -> text.append(line).append('\n'));
                section(text, peers.name() + ": one " + PeerBenchmark.MATRIX + "x" + PeerBenchmark.MATRIX
                        + " matrix product (the ceiling)", peers.ceilings());
                section(text, peers.name() + ": one training step on the same cases and minibatches", peers.steps());
                section(text, "rnnlab against " + peers.name() + ": time_vs_same = rnnlab's median / "
                        + peers.name() + "'s best at the row's precision, time_vs_best = against its best at either"
                        + " (above 1: rnnlab slower); ceiling = " + peers.name() + "'s matrix product at the row's"
                        + " precision", peers.comparison());
                section(text, PeerCharModel.SETTINGS + ": the same updates on the same windows by DL4J, scratch and "
                        + peers.name() + " (fit time alone; validation bits per character afterwards)",
                        peers.charModel());
            }
            section(text, "Original protocols trained whole by the scratch network (one thread)", protocol);
            section(text, "Memory: scratch, one training step, 2x" + BenchCases.TEMPLATE_HIDDEN + " LSTM", memory);
            section(text, "End to end: each experiment trained whole", endToEnd);
            section(text, "Checkpoints: one write against one epoch, " + CHECKPOINT_SETTINGS, checkpoint);
            section(text, "Training UI stats: a step without and with the stats file", stats);
            text.append('\n');
            files.forEach(file -> text.append(file.toString().endsWith(".png") ? "Plot: " : "CSV: ").append(file)
                    .append('\n'));
            return text.toString();
        }

        private static void section(StringBuilder text, String title, Table table) {
            if (table != null) {
                text.append('\n').append(title).append('\n').append(table.render());
            }
        }
    }

    /**
     * The peer's part of a run.
     *
     * @param name       the peer's name
     * @param describe   what the peer is
     * @param ceilings   its matrix products
     * @param steps      its training steps
     * @param comparison rnnlab's rows against it
     * @param charModel  the character-model template trained for a few updates by all, or null
     */
    public record PeerTables(String name, List<String> describe, Table ceilings, Table steps, Table comparison,
                             Table charModel) {

        PeerTables withCharModel(Table table) {
            return new PeerTables(name, describe, ceilings, steps, comparison, table);
        }
    }

    private BenchmarkSuite() {
    }

    /**
     * Runs the sections the options ask for.
     *
     * @param settingsDir the reference settings files
     * @param outputDir   where CSV files and run folders go
     */
    public static Result run(BenchmarkOptions options, Path settingsDir, Path outputDir) throws IOException {
        long start = System.nanoTime();
        // JavaCPP reads its settings when ND4J loads; ND4J's thread counts must then be read before
        // rnnlab's settings replace them
        Backend.configureJavaCpp();
        NativeThreads threads = NativeThreads.recordDefaults();
        threads.useRnnlab();
        List<String> environment = environment(options, threads);
        environment.forEach(line -> LOG.info("{}", line));

        Path dataDir = DataFiles.dataDir();
        List<BenchCase> cases = BenchCases.standard(settingsDir, dataDir, options.budget().minSteps()).stream()
                .filter(c -> options.selects(c.label())).toList();
        List<ExperimentSettings> protocols = ProtocolBenchmark.PROTOCOLS.stream()
                .filter(options::selects)
                .map(name -> BenchCases.load(settingsDir, name, dataDir))
                .toList();
        boolean peerCharModel = options.peers() && options.selects(PeerCharModel.SETTINGS);
        if (cases.isEmpty() && protocols.isEmpty() && !options.checkpoint() && !options.stats() && !peerCharModel) {
            throw new IllegalArgumentException("no case matches " + options.only() + "; labels look like '"
                    + BenchCases.template().label() + "' or '" + ProtocolBenchmark.PROTOCOLS.get(0) + "'");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<Path> files = new ArrayList<>();

        Peer peer = null;
        if (options.peers()) {
            peer = Peer.find().orElseThrow(() -> new IllegalStateException("no peer on the class path; it comes with "
                    + Peer.PROFILE));
        }
        Table speed = null;
        List<SpeedRow> speedRows = List.of();
        if (!cases.isEmpty()) {
            speedRows = new SpeedBenchmark(options.budget(), threads).run(cases);
            speed = speedTable(speedRows);
            files.add(write(outputDir.resolve("bench-" + stamp + ".csv"), speed));
        }
        PeerTables peers = null;
        PeerBenchmark.Result measured = null;
        if (peer != null && !cases.isEmpty()) {
            measured = new PeerBenchmark(peer, options.budget()).run(cases);
            peers = new PeerTables(measured.name(), measured.describe(), PeerBenchmark.ceilingTable(measured),
                    PeerBenchmark.stepTable(measured), PeerBenchmark.comparisonTable(speedRows, measured), null);
            files.add(write(outputDir.resolve("bench-" + stamp + "-peer-ceiling.csv"), peers.ceilings()));
            files.add(write(outputDir.resolve("bench-" + stamp + "-peer.csv"), peers.steps()));
            files.add(write(outputDir.resolve("bench-" + stamp + "-peer-vs-rnnlab.csv"), peers.comparison()));
            threads.useRnnlab();
        }
        if (!speedRows.isEmpty()) {
            plotSpeed(speedRows, measured, outputDir.resolve("bench-" + stamp + "-speed.png")).ifPresent(files::add);
        }
        if (peerCharModel) {
            ExperimentSettings template = BenchCases.load(settingsDir, PeerCharModel.SETTINGS, dataDir);
            Table charModel = PeerCharModel.table(new PeerCharModel(peer, options.quick() ? 2 : PEER_CHAR_MODEL_UPDATES,
                    threads).run(template));
            files.add(write(outputDir.resolve("bench-" + stamp + "-peer-char-model.csv"), charModel));
            peers = peers == null ? new PeerTables(peer.name(), peer.describe(), null, null, null, charModel)
                    : peers.withCharModel(charModel);
        }

        Table protocol = null;
        if (!protocols.isEmpty()) {
            protocol = protocolTable(new ProtocolBenchmark(outputDir.resolve("runs")).run(protocols));
            files.add(write(outputDir.resolve("bench-" + stamp + "-protocol.csv"), protocol));
        }

        Table memory = null;
        if (options.memory()) {
            memory = memoryTable(new MemoryBenchmark(1).run(options.memoryLengths()));
            files.add(write(outputDir.resolve("bench-" + stamp + "-memory.csv"), memory));
        }

        Table endToEnd = null;
        if (options.endToEnd()) {
            List<ExperimentSettings> experiments = BenchCases.EXPERIMENTS.stream()
                    .map(name -> BenchCases.load(settingsDir, name, dataDir))
                    .filter(settings -> options.selects(BenchCases.fromSettings(settings, 1).label()))
                    .toList();
            endToEnd = endToEndTable(new EndToEndBenchmark(outputDir.resolve("runs")).run(experiments));
            files.add(write(outputDir.resolve("bench-" + stamp + "-end-to-end.csv"), endToEnd));
        }
        Table checkpoint = null;
        if (options.checkpoint()) {
            ExperimentSettings template = BenchCases.load(settingsDir, CHECKPOINT_SETTINGS, dataDir);
            checkpoint = checkpointTable(new CheckpointBenchmark(outputDir.resolve("checkpoints"), 5)
                    .run(template, Runtime.getRuntime().availableProcessors()));
            files.add(write(outputDir.resolve("bench-" + stamp + "-checkpoint.csv"), checkpoint));
        }
        Table stats = null;
        if (options.stats()) {
            List<ExperimentSettings> settings = STATS_SETTINGS.stream()
                    .map(name -> BenchCases.load(settingsDir, name, dataDir)).toList();
            stats = statsTable(new StatsBenchmark(outputDir.resolve("stats"), 7, 40).run(settings));
            files.add(write(outputDir.resolve("bench-" + stamp + "-stats.csv"), stats));
        }
        LOG.info("benchmark done in {}", Durations.humanNanos(System.nanoTime() - start));
        return new Result(environment, speed, protocol, memory, endToEnd, checkpoint, stats, peers, files);
    }

    /**
     * Draws the speed rows (and the peer's) as {@link SpeedPlot}; a plot that cannot be drawn is
     * logged and skipped, so that the tables of a long run are never lost to it.
     */
    private static Optional<Path> plotSpeed(List<SpeedRow> rows, PeerBenchmark.Result peer, Path pngFile) {
        try {
            return SpeedPlot.save(rows, peer, pngFile);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not draw the speed plot {}: {}", pngFile, e.toString());
            return Optional.empty();
        }
    }

    /** The speed rows as a table. */
    public static Table speedTable(List<SpeedRow> rows) {
        Table table = new Table(List.of("case", "size", "implementation", "threads", "steps", "median_ms", "iqr_ms",
                "steps_per_s", "gflop_per_s", "speed_vs_dl4j", "peak_heap_mib", "alloc_kib_per_step",
                "nd4j_offheap_mib"));
        for (SpeedRow row : rows) {
            table.add(List.of(Table.Cell.text(row.caseName()), Table.Cell.text(row.size()),
                    Table.Cell.text(row.implementation().label()), Table.Cell.text(row.threads()),
                    Table.Cell.count(row.steps()), Table.Cell.number(row.medianMillis()),
                    Table.Cell.number(row.iqrMillis()), Table.Cell.number(row.stepsPerSecond()),
                    Table.Cell.number(row.gflops()), Table.Cell.number(row.speedVsDl4j()),
                    Table.Cell.number(row.peakHeapMb(), 0), Table.Cell.number(row.allocatedKbPerStep()),
                    Table.Cell.number(row.offHeapMb(), 1)));
        }
        return table;
    }

    /** The protocol rows as a table. */
    public static Table protocolTable(List<ProtocolRow> rows) {
        Table table = new Table(List.of("settings", "batch", "epochs", "fit_s", "wall_s", "heldout_metric",
                "heldout_value"));
        for (ProtocolRow row : rows) {
            table.add(List.of(Table.Cell.text(row.settings()), Table.Cell.count(row.batch()),
                    Table.Cell.count(Math.round(row.epochs())), Table.Cell.number(row.fitSeconds()),
                    Table.Cell.number(row.wallSeconds()), Table.Cell.text(row.heldoutName()),
                    Table.Cell.number(row.heldoutValue())));
        }
        return table;
    }

    /** The memory rows as a table. */
    public static Table memoryTable(List<MemoryRow> rows) {
        Table table = new Table(List.of("T", "bptt", "batch", "step_s", "allocated_mib", "sampled_peak_mib",
                "kept_heap_mib", "kept_kib_per_step"));
        for (MemoryRow row : rows) {
            table.add(List.of(Table.Cell.count(row.steps()), Table.Cell.text(row.bptt()),
                    Table.Cell.count(row.miniBatch()), Table.Cell.number(row.seconds()),
                    Table.Cell.number(row.allocatedMb(), 1), Table.Cell.number(row.peakMb(), 1),
                    Table.Cell.number(row.retainedMb(), 1),
                    Table.Cell.number(row.retainedKbPerStep())));
        }
        return table;
    }

    /** The stats rows as a table. */
    public static Table statsTable(List<StatsBenchmark.Row> rows) {
        Table table = new Table(List.of("settings", "implementation", "stats_every", "step_ms", "time_vs_no_stats",
                "stats_file_kib"));
        for (StatsBenchmark.Row row : rows) {
            table.add(List.of(Table.Cell.text(row.settings()), Table.Cell.text(row.implementation()),
                    Table.Cell.text(row.every() == 0 ? "none" : Integer.toString(row.every())),
                    Table.Cell.number(row.stepMs(), 3), Table.Cell.number(row.ratio(), 3),
                    Table.Cell.number(row.fileKib(), 0)));
        }
        return table;
    }

    /** The checkpoint rows as a table. */
    public static Table checkpointTable(List<CheckpointBenchmark.Row> rows) {
        Table table = new Table(List.of("implementation", "parameters", "epoch_s", "checkpoint_s", "checkpoint_mib",
                "overhead_every_" + CheckpointBenchmark.EVERY + "_percent"));
        for (CheckpointBenchmark.Row row : rows) {
            table.add(List.of(Table.Cell.text(row.implementation()), Table.Cell.count(row.parameters()),
                    Table.Cell.number(row.epochSeconds()), Table.Cell.number(row.writeSeconds()),
                    Table.Cell.number(row.megabytes(), 1), Table.Cell.number(row.overheadPercent())));
        }
        return table;
    }

    /** The end-to-end rows as a table. */
    public static Table endToEndTable(List<EndToEndRow> rows) {
        Table table = new Table(List.of("settings", "implementation", "epochs", "wall_s", "fit_s", "wall_speed_vs_dl4j",
                "fit_speed_vs_dl4j", "status"));
        for (EndToEndRow row : rows) {
            table.add(List.of(Table.Cell.text(row.settings()), Table.Cell.text(row.implementation()),
                    Table.Cell.count(Math.round(row.epochs())), Table.Cell.number(row.wallSeconds(), 1),
                    Table.Cell.number(row.fitSeconds(), 1), Table.Cell.number(row.wallSpeedVsDl4j()),
                    Table.Cell.number(row.fitSpeedVsDl4j()), Table.Cell.text(row.status())));
        }
        return table;
    }

    private static Path write(Path file, Table table) throws IOException {
        AtomicFiles.writeText(file, table.toCsv());
        LOG.info("wrote {}", file);
        return file;
    }

    private static List<String> environment(BenchmarkOptions options, NativeThreads threads) {
        Runtime runtime = Runtime.getRuntime();
        Budget budget = options.budget();
        return List.of(
                String.format(Locale.ROOT, "machine: %d cores, Java %s, max heap %.0f MiB",
                        runtime.availableProcessors(), System.getProperty("java.version"), runtime.maxMemory() / MIB),
                "ND4J default threads: " + threads.nd4jDefaults() + "; rnnlab's: " + NativeThreads.current(),
                String.format(Locale.ROOT, "budget per measurement: warm-up %s, timed %s (at least %d steps, "
                                + "template at least %d)%s", Durations.human(budget.warmup()),
                        Durations.human(budget.timed()), budget.minSteps(),
                        BenchCases.TEMPLATE_MIN_STEPS, options.quick() ? ", quick run" : ""));
    }
}

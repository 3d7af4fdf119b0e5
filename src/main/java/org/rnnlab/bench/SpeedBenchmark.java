package org.rnnlab.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.dl4j.Dl4jLstm;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.ScratchTrainer;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.CellType;
import org.rnnlab.spec.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times one training step of every implementation on every case with a {@link StepTimer}.
 *
 * <p>For each case: one random minibatch ({@link CaseData}, seeded), then for each implementation
 * a new network from the case's spec (DL4J's seeded initialisation; the scratch network is given
 * DL4J's initial parameters), warm-up and timed steps on that one minibatch. DL4J's workspaces are
 * freed after each DL4J measurement, so the off-heap column belongs to that network alone.
 */
public final class SpeedBenchmark {

    /** Seed of every case's random minibatch. */
    static final long DATA_SEED = 20240601L;

    private static final Logger LOG = LoggerFactory.getLogger(SpeedBenchmark.class);
    private static final double MIB = 1024.0 * 1024.0;
    /** Threads of the scratch network's multi-threaded row: one per core. */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private final Budget budget;
    private final NativeThreads threads;

    /**
     * @param budget  time per measurement; each case says how many timed steps it needs at the least
     * @param threads switches this JVM to rnnlab's thread settings before every measurement
     */
    public SpeedBenchmark(Budget budget, NativeThreads threads) {
        this.budget = budget;
        this.threads = threads;
    }

    /** Every implementation on every case, rows grouped by case in {@link TrainingSetup} order. */
    public List<SpeedRow> run(List<BenchCase> cases) {
        int total = cases.stream().mapToInt(c -> implementations(c).size()).sum();
        int done = 0;
        List<SpeedRow> rows = new ArrayList<>();
        Map<TrainingSetup, Map<String, SpeedRow>> ownJvm = new EnumMap<>(TrainingSetup.class);
        for (TrainingSetup setup : TrainingSetup.values()) {
            if (setup.ownJvm()) {
                LOG.info("timing {} in a JVM of its own", setup.label());
                ownJvm.put(setup, Dl4jDefaultsProbe.measure(cases, budget, setup));
            }
        }
        for (BenchCase benchCase : cases) {
            List<SpeedRow> caseRows = new ArrayList<>();
            CaseData data = CaseData.random(benchCase.network(), benchCase.steps(), benchCase.miniBatch(), DATA_SEED);
            double[] initialParameters = dl4jNetwork(benchCase, DataType.DOUBLE, Dl4jLstm.KEEP_FORWARD).params()
                    .toDoubleVector();
            for (TrainingSetup implementation : implementations(benchCase)) {
                done++;
                SpeedRow row = implementation.ownJvm()
                        ? ownJvm.get(implementation).get(benchCase.label())
                        : measure(benchCase, implementation, data, initialParameters);
                if (row == null) {
                    continue;
                }
                LOG.info("[{}/{}] {} {}: median {} ms, IQR {} ms, {} steps, {} GFLOP/s, process RSS {} MiB", done,
                        total, benchCase.label(), implementation.label(),
                        NumberFormats.significant(row.medianMillis()), NumberFormats.significant(row.iqrMillis()),
                        row.steps(), NumberFormats.significant(row.gflops()),
                        Math.round(Pointer.physicalBytes() / MIB));
                caseRows.add(row);
            }
            double reference = caseRows.stream()
                    .filter(r -> r.implementation().isDl4j() && r.implementation().precision() == Precision.DOUBLE)
                    .mapToDouble(SpeedRow::medianMillis).min().orElse(Double.NaN);
            caseRows.forEach(row -> rows.add(row.comparedWith(reference)));
        }
        threads.useRnnlab();
        return rows;
    }

    /**
     * The implementations timed on a case: all of them, but the scratch network splits a minibatch
     * over threads only when there is more than one example and more than one core.
     */
    static List<TrainingSetup> implementations(BenchCase benchCase) {
        List<TrainingSetup> implementations = new ArrayList<>(List.of(TrainingSetup.values()));
        if (benchCase.miniBatch() == 1 || CORES == 1) {
            implementations.remove(TrainingSetup.SCRATCH_DOUBLE_THREADS);
            implementations.remove(TrainingSetup.SCRATCH_FLOAT_THREADS);
        }
        if (benchCase.network().cell() != CellType.LSTM) {
            implementations.remove(TrainingSetup.DL4J_FLOAT_STOCK_LSTM);
        }
        return implementations;
    }

    private SpeedRow measure(BenchCase benchCase, TrainingSetup implementation, CaseData data,
                             double[] initialParameters) {
        NativeThreads.Setting setting = threads.useRnnlab();
        StepTimer timer = new StepTimer(budget.withMinSteps(benchCase.minTimedSteps()));
        StepTimes times = switch (implementation) {
            case DL4J_DOUBLE_DEFAULTS, DL4J_DOUBLE_OWN_KERNELS -> throw new IllegalArgumentException(
                    implementation.label() + " needs a JVM of its own");
            case DL4J_DOUBLE -> timeDl4j(timer, dl4jNetwork(benchCase, DataType.DOUBLE, implementation.dl4jLstm()),
                    data.doubles());
            case DL4J_FLOAT, DL4J_FLOAT_STOCK_LSTM -> timeDl4j(timer,
                    dl4jNetwork(benchCase, DataType.FLOAT, implementation.dl4jLstm()), data.floats());
            case SCRATCH_DOUBLE -> timer.measure(scratchStep(benchCase, Precision.DOUBLE, data.batch(),
                    initialParameters, 1));
            case SCRATCH_DOUBLE_THREADS -> timer.measure(scratchStep(benchCase, Precision.DOUBLE, data.batch(),
                    initialParameters, CORES));
            case SCRATCH_FLOAT -> timer.measure(scratchStep(benchCase, Precision.FLOAT, data.batch(),
                    initialParameters, 1));
            case SCRATCH_FLOAT_THREADS -> timer.measure(scratchStep(benchCase, Precision.FLOAT, data.batch(),
                    initialParameters, CORES));
        };
        String threadCounts = switch (implementation) {
            case SCRATCH_DOUBLE, SCRATCH_FLOAT -> "1";
            case SCRATCH_DOUBLE_THREADS, SCRATCH_FLOAT_THREADS -> String.valueOf(CORES);
            default -> setting.compact();
        };
        double seconds = times.quartiles().median() / 1000;
        return new SpeedRow(benchCase.name(), benchCase.size(), implementation, threadCounts, times.steps(),
                times.quartiles().median(), times.quartiles().interquartileRange(),
                benchCase.flopsPerStep() / seconds / 1e9, Double.NaN, times.peakHeapBytes() / MIB,
                times.allocatedBytesPerStep() / 1024,
                times.peakOffHeapBytes() < 0 ? Double.NaN : times.peakOffHeapBytes() / MIB);
    }

    private static StepTimes timeDl4j(StepTimer timer, MultiLayerNetwork net, DataSet data) {
        try {
            return timer.measure(new Dl4jStep(net, data));
        } finally {
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
    }

    private static MultiLayerNetwork dl4jNetwork(BenchCase benchCase, DataType dataType, Dl4jLstm lstm) {
        MultiLayerNetwork net = new MultiLayerNetwork(dl4jConfiguration(benchCase, dataType, lstm));
        net.init();
        return net;
    }

    /** The case's DL4J configuration, as the experiments build it. */
    static MultiLayerConfiguration dl4jConfiguration(BenchCase benchCase, DataType dataType, Dl4jLstm lstm) {
        return NetworkFactory.configuration(benchCase.network(), benchCase.training(), dataType, lstm);
    }

    private static TrainingStep scratchStep(BenchCase benchCase, Precision precision, SequenceBatch batch,
                                            double[] initialParameters, int threads) {
        ScratchNetwork network = new ScratchNetwork(benchCase.network().withPrecision(precision),
                benchCase.training().seed());
        network.setParams(initialParameters);
        network.setThreads(threads);
        ScratchTrainer trainer = new ScratchTrainer(network, benchCase.training());
        return () -> trainer.fit(batch);
    }

    /** DL4J's step: {@code fit} on the one minibatch, as the training loop calls it. */
    record Dl4jStep(MultiLayerNetwork net, DataSet data) implements TrainingStep {

        @Override
        public void run() {
            net.fit(data);
        }

        /** ND4J's count: its workspaces plus memory held by JavaCPP pointers (not every native buffer). */
        @Override
        public long offHeapBytes() {
            return Nd4j.getMemoryManager().allocatedMemory(0);
        }
    }
}

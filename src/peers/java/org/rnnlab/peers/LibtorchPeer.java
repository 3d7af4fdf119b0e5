package org.rnnlab.peers;

import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.rnnlab.bench.BenchCase;
import org.rnnlab.bench.Budget;
import org.rnnlab.bench.Peer;
import org.rnnlab.bench.StepTimer;
import org.rnnlab.bench.StepTimes;
import org.rnnlab.scratch.SequenceBatch;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;

/**
 * libtorch, PyTorch's C++ library, as the benchmark's peer: DJL's PyTorch engine loads it, and
 * {@link TorchNetwork} trains each case with its fused recurrent operators and autograd.
 *
 * <p>DJL is kept offline (it never downloads; libtorch comes from the pytorch-native-cpu jar and is
 * extracted into ~/.djl.ai, or DJL_CACHE_DIR, on first use), and libtorch gets one inter-op thread,
 * so only the intra-op count ({@code torch::set_num_threads}) varies between rows.
 */
public final class LibtorchPeer implements Peer {

    private Engine engine;

    /** The engine, loaded on first use. */
    private synchronized Engine engine() {
        if (engine == null) {
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
    }

    @Override
    public String name() {
        return "libtorch " + engine().getVersion();
    }

    @Override
    public List<String> describe() {
        Engine e = engine();
        return List.of("peer: libtorch " + e.getVersion() + " (PyTorch's C++ library, CPU build) through DJL "
                        + Engine.getDjlVersion() + "'s PyTorch engine; recurrent layers by its fused operators"
                        + " (aten::lstm, gru, rnn_tanh), autograd, DJL's fused Adam; one inter-op thread",
                "peer networks: the cases' shapes (nIn, hidden, layers, nOut, T, minibatch, output, loss, updater,"
                        + " clipping) in PyTorch's layout (its gate order, two bias vectors per layer), trained on the"
                        + " same minibatch as rnnlab's rows");
    }

    @Override
    public StepTimes time(BenchCase benchCase, SequenceBatch batch, Precision precision, int threads, Budget budget) {
        Engine e = engine();
        JniUtils.setNumThreads(threads);
        DataType type = type(precision);
        try (NDManager manager = e.newBaseManager()) {
            TorchNetwork network = new TorchNetwork(e, manager, benchCase.network(), benchCase.training(), type);
            NDArray features = features(manager, batch, type);
            NDArray labels = labels(manager, batch, benchCase.network().output(), type);
            return new StepTimer(budget).measure(() -> network.step(features, labels));
        }
    }

    @Override
    public double matrixProductMillis(int n, Precision precision, int threads, Budget budget) {
        Engine e = engine();
        JniUtils.setNumThreads(threads);
        DataType type = type(precision);
        try (NDManager manager = e.newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(n, n), DataType.FLOAT32).toType(type, false);
            NDArray b = manager.randomNormal(new Shape(n, n), DataType.FLOAT32).toType(type, false);
            StepTimes times = new StepTimer(budget).measure(() -> {
                try (NDScope scope = new NDScope()) {
                    a.matMul(b);
                }
            });
            return times.quartiles().median();
        }
    }

    @Override
    public TrainedRun train(NetworkSpec network, TrainingSpec training, List<SequenceBatch> updates,
                            List<SequenceBatch> validation, Precision precision, int threads) {
        Engine e = engine();
        JniUtils.setNumThreads(threads);
        DataType type = type(precision);
        try (NDManager manager = e.newBaseManager()) {
            TorchNetwork net = new TorchNetwork(e, manager, network, training, type);
            List<NDArray[]> batches = new ArrayList<>();
            for (SequenceBatch batch : updates) {
                batches.add(new NDArray[] {features(manager, batch, type),
                        labels(manager, batch, network.output(), type)});
            }
            long start = System.nanoTime();
            for (NDArray[] batch : batches) {
                net.step(batch[0], batch[1]);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] losses = new double[validation.size()];
            for (int i = 0; i < losses.length; i++) {
                try (NDScope scope = new NDScope()) {
                    SequenceBatch batch = validation.get(i);
                    losses[i] = net.loss(features(manager, batch, type), labels(manager, batch, network.output(), type))
                            .toType(DataType.FLOAT64, false).getDouble();
                }
            }
            return new TrainedRun(seconds, losses);
        }
    }

    private static DataType type(Precision precision) {
        return precision == Precision.FLOAT ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    /** A batch's features, time-major: [T, mb, nIn]. */
    static NDArray features(NDManager manager, SequenceBatch batch, DataType type) {
        int mb = batch.miniBatch();
        int steps = batch.timeSteps();
        int nIn = batch.nIn();
        double[] flat = new double[steps * mb * nIn];
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < mb; e++) {
                System.arraycopy(batch.features()[e][t], 0, flat, (t * mb + e) * nIn, nIn);
            }
        }
        return manager.create(flat, new Shape(steps, mb, nIn)).toType(type, false);
    }

    /** A batch's labels: [T, mb, nOut] for every step, or the scored step's [mb, nOut] for the last. */
    static NDArray labels(NDManager manager, SequenceBatch batch, OutputMode output, DataType type) {
        int mb = batch.miniBatch();
        int steps = batch.timeSteps();
        int nOut = batch.nOut();
        if (output == OutputMode.LAST_STEP) {
            double[] flat = new double[mb * nOut];
            for (int e = 0; e < mb; e++) {
                System.arraycopy(batch.labels()[e][batch.lastStep(e)], 0, flat, e * nOut, nOut);
            }
            return manager.create(flat, new Shape(mb, nOut)).toType(type, false);
        }
        double[] flat = new double[steps * mb * nOut];
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < mb; e++) {
                System.arraycopy(batch.labels()[e][t], 0, flat, (t * mb + e) * nOut, nOut);
            }
        }
        return manager.create(flat, new Shape(steps, mb, nOut)).toType(type, false);
    }
}

package org.rnnlab.peers;

import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.recurrent.RNN;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.OutputMode;
import org.rnnlab.spec.TrainingSpec;

/**
 * A network of a {@link NetworkSpec}'s shape in libtorch, trained as rnnlab trains it: the recurrent
 * layers through libtorch's fused operator for the cell ({@code aten::lstm}, {@code aten::gru},
 * {@code aten::rnn_tanh}, the operators torch.nn.LSTM, GRU and RNN call), a dense output layer,
 * the spec's loss with DL4J's scaling (summed over steps and units, averaged over the minibatch;
 * MSE also divided by nOut), backward through autograd, the training spec's clipping and updater.
 *
 * <p>Layout as PyTorch's: time-major input [T, mb, nIn]; per recurrent layer w_ih [g·n, nIn_l],
 * w_hh [g·n, n] and, with biases, b_ih and b_hh [g·n] (two bias vectors where DL4J has one, and
 * PyTorch's gate order). Parameters start uniform in ±1/√n, PyTorch's own initialisation: the
 * network exists to be timed and to learn, not to match rnnlab's numbers.
 */
final class TorchNetwork {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Engine engine;
    private final NDManager manager;
    private final NetworkSpec spec;
    private final TrainingSpec training;
    private final DataType type;
    private final NDList recurrent = new NDList();
    private final NDArray outputWeights;
    private final NDArray outputBias;
    /** Every parameter, and for clipping per layer the index ranges of the layers in it. */
    private final List<NDArray> parameters = new ArrayList<>();
    private final List<int[]> layers = new ArrayList<>();
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private int updates;

    /** The network's parameters (and Adam's state) in {@code manager}, in {@code type}. */
    TorchNetwork(Engine engine, NDManager manager, NetworkSpec spec, TrainingSpec training, DataType type) {
        this.engine = engine;
        this.manager = manager;
        this.spec = spec;
        this.training = training;
        this.type = type;
        engine.setRandomSeed((int) training.seed());
        long n = spec.hidden();
        long blocks = spec.cell().blocks();
        float bound = (float) (1 / Math.sqrt(n));
        for (int layer = 0; layer < spec.layers(); layer++) {
            int first = parameters.size();
            long nIn = layer == 0 ? spec.nIn() : n;
            recurrent.add(parameter(bound, blocks * n, nIn));
            recurrent.add(parameter(bound, blocks * n, n));
            if (spec.bias()) {
                recurrent.add(parameter(bound, blocks * n));
                recurrent.add(parameter(bound, blocks * n));
            }
            layers.add(new int[] {first, parameters.size()});
        }
        int first = parameters.size();
        outputWeights = parameter(bound, spec.nOut(), n);
        outputBias = spec.bias() ? parameter(bound, spec.nOut()) : null;
        layers.add(new int[] {first, parameters.size()});
    }

    private NDArray parameter(float bound, long... shape) {
        NDArray drawn = manager.randomUniform(-bound, bound, new Shape(shape), DataType.FLOAT32);
        NDArray p = drawn.toType(type, false);
        if (p != drawn) {
            drawn.close();
        }
        p.setRequiresGradient(true);
        parameters.add(p);
        means.add(manager.zeros(p.getShape(), type));
        variances.add(manager.zeros(p.getShape(), type));
        return p;
    }

    /** The precision of parameters and arithmetic. */
    DataType type() {
        return type;
    }

    /**
     * One training step on a minibatch: features [T, mb, nIn], labels [T, mb, nOut] for
     * many-to-many networks or [mb, nOut] for many-to-one. Every temporary array is freed before it
     * returns.
     */
    void step(NDArray features, NDArray labels) {
        try (NDScope scope = new NDScope()) {
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(loss(features, labels));
            }
            update();
        }
    }

    /**
     * The loss of a minibatch with DL4J's scaling, as a scalar array (in the caller's scope).
     */
    NDArray loss(NDArray features, NDArray labels) {
        NDArray z = logits(features);
        long batch = features.getShape().get(1);
        NDArray summed = switch (spec.loss()) {
            case MSE -> activate(z).sub(labels).square().sum().div(spec.nOut());
            // -[y ln σ(z) + (1-y) ln(1-σ(z))] = softplus(z) - y·z
            case XENT -> Activation.softPlus(z).sub(labels.mul(z)).sum();
            case MCXENT -> labels.mul(z.logSoftmax(-1)).sum().neg();
        };
        return summed.div(batch);
    }

    /** The output layer's pre-activations: [T, mb, nOut], or [mb, nOut] for many-to-one. */
    NDArray logits(NDArray features) {
        NDArray top = recurrentOutput(features);
        if (spec.output() == OutputMode.LAST_STEP) {
            top = top.get(features.getShape().get(0) - 1);
        }
        NDArray z = top.matMul(outputWeights.transpose());
        return outputBias == null ? z : z.add(outputBias);
    }

    private NDArray activate(NDArray z) {
        return switch (spec.activation()) {
            case IDENTITY -> z;
            case SIGMOID -> Activation.sigmoid(z);
            case SOFTMAX -> z.softmax(-1);
        };
    }

    /** The top recurrent layer's output at every step, [T, mb, n], from zero initial states. */
    private NDArray recurrentOutput(NDArray x) {
        Shape state = new Shape(spec.layers(), x.getShape().get(1), spec.hidden());
        NDArray h0 = manager.zeros(state, type);
        NDArrayEx ex = x.getNDArrayInternal();
        return switch (spec.cell()) {
            case LSTM -> ex.lstm(x, new NDList(h0, manager.zeros(state, type)), recurrent, spec.bias(),
                    spec.layers(), 0.0, true, false, false).get(0);
            case GRU -> ex.gru(x, h0, recurrent, spec.bias(), spec.layers(), 0.0, true, false, false).get(0);
            case SIMPLE_RNN -> ex.rnn(x, h0, recurrent, spec.bias(), spec.layers(), RNN.Activation.TANH, 0.0, true,
                    false, false).get(0);
        };
    }

    /** Clipping, then the updater, then the gradients zeroed for the next backward pass. */
    private void update() {
        updates++;
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (NDArray p : parameters) {
            gradients.add(p.getGradient());
        }
        clip(gradients);
        float rate = (float) training.learningRate();
        // Adam's step size with both bias corrections folded in, as DL4J (and DJL's Adam) compute it
        float corrected = (float) (training.learningRate() * Math.sqrt(1 - Math.pow(BETA2, updates))
                / (1 - Math.pow(BETA1, updates)));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            NDArray g = gradients.get(i);
            switch (training.updater()) {
                case ADAM -> p.getNDArrayInternal().adamUpdate(new NDList(p, g, means.get(i), variances.get(i)),
                        new NDList(p), rate, corrected, 0f, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
                case SGD -> p.subi(g.mul(rate));
            }
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    private void clip(List<NDArray> gradients) {
        double threshold = training.clip().threshold();
        switch (training.clip().kind()) {
            case NONE -> {
            }
            case ELEMENTWISE -> gradients.replaceAll(g -> g.clip(-threshold, threshold));
            case L2_PER_LAYER -> {
                for (int[] range : layers) {
                    double squares = 0;
                    for (int i = range[0]; i < range[1]; i++) {
                        squares += gradients.get(i).square().sum().toType(DataType.FLOAT64, false).getDouble();
                    }
                    double norm = Math.sqrt(squares);
                    if (norm > threshold) {
                        double scale = threshold / norm;
                        for (int i = range[0]; i < range[1]; i++) {
                            gradients.set(i, gradients.get(i).mul(scale));
                        }
                    }
                }
            }
        }
    }
}

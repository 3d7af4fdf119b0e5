package org.rnnlab.dl4j;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.rnnlab.spec.NetworkSpec;
import org.rnnlab.spec.Precision;
import org.rnnlab.spec.TrainingSpec;

/**
 * Turns a network and training spec into a DL4J {@link MultiLayerConfiguration}: stacked SimpleRnn,
 * LSTM or GRU layers (rnnlab's own {@link Gru}; DL4J has none), then an {@link RnnOutputLayer}. The
 * LSTM is DL4J's, built by its builder and run as {@link ForwardKeepingLstm} unless
 * {@value Dl4jLstm#PROPERTY} asks for the stock layer ({@link Dl4jLstm}). Many-to-one is not a different network here: it is the
 * same output layer trained with a label mask that keeps only each sequence's last step (what
 * DataVec's ALIGN_END iterators produce), so the scratch network and DL4J share one layout.
 *
 * <p>Where DL4J cannot express the original exactly:
 * <ul>
 *   <li>SimpleRnn always has a bias vector. "No biases" is built as biases that start at zero and
 *       whose updater is SGD with learning rate 0, so they stay zero. (DL4J's {@code NoOp} updater
 *       would not do: it passes the raw gradient through, which then is applied with step 1.)</li>
 *   <li>DL4J's MSE has no factor 1/2 and divides by the output size: its gradient is
 *       {@code 2(ŷ−y)/nOut}. Settings that reproduce an original written for {@code 0.5·Σerr²}
 *       halve its learning rate and double its clip threshold.</li>
 * </ul>
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /** The configuration in the network's precision (double unless its settings say float). */
    public static MultiLayerConfiguration configuration(NetworkSpec network, TrainingSpec training) {
        return configuration(network, training, dataType(network.precision()));
    }

    /** ND4J's type for a precision. */
    public static DataType dataType(Precision precision) {
        return precision == Precision.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** The configuration in the given floating point type (FLOAT only as a speed option). */
    public static MultiLayerConfiguration configuration(NetworkSpec network, TrainingSpec training, DataType dataType) {
        return configuration(network, training, dataType, Dl4jLstm.fromSystemProperty());
    }

    /**
     * The configuration in the given floating point type, with {@code lstm} as the LSTM layer (the
     * run's choice, {@link Dl4jLstm#fromSystemProperty}, in the other overloads).
     */
    public static MultiLayerConfiguration configuration(NetworkSpec network, TrainingSpec training, DataType dataType,
                                                        Dl4jLstm lstm) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(training.seed())
                .dataType(dataType)
                .updater(updater(training));
        switch (network.init().kind()) {
            case NORMAL -> base.weightInit(new NormalDistribution(network.init().a(), network.init().b()));
            case UNIFORM -> base.weightInit(new UniformDistribution(network.init().a(), network.init().b()));
            case XAVIER -> base.weightInit(WeightInit.XAVIER);
        }
        switch (training.clip().kind()) {
            case NONE -> base.gradientNormalization(GradientNormalization.None);
            case ELEMENTWISE -> base.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                    .gradientNormalizationThreshold(training.clip().threshold());
            case L2_PER_LAYER -> base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(training.clip().threshold());
        }
        base.biasInit(0.0);
        if (!network.bias()) {
            base.biasUpdater(new Sgd(0.0));
        }

        NeuralNetConfiguration.ListBuilder layers = base.list();
        for (int i = 0; i < network.layers(); i++) {
            int nIn = i == 0 ? network.nIn() : network.hidden();
            layers.layer(recurrentLayer(network, nIn, lstm));
        }
        layers.layer(new RnnOutputLayer.Builder(lossFunction(network))
                .nIn(network.hidden())
                .nOut(network.nOut())
                .activation(activation(network))
                .build());
        if (training.tbptt() > 0) {
            layers.backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(training.tbptt())
                    .tBPTTBackwardLength(training.tbptt());
        }
        return layers.build();
    }

    /** A new, initialised network. */
    public static MultiLayerNetwork network(NetworkSpec network, TrainingSpec training) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(network, training));
        net.init();
        return net;
    }

    private static Layer recurrentLayer(NetworkSpec network, int nIn, Dl4jLstm lstm) {
        return switch (network.cell()) {
            case SIMPLE_RNN -> new SimpleRnn.Builder()
                    .nIn(nIn)
                    .nOut(network.hidden())
                    .activation(Activation.TANH)
                    .build();
            case LSTM -> lstm.layer(new LSTM.Builder()
                    .nIn(nIn)
                    .nOut(network.hidden())
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID)
                    // the forget gate starts open (bias 1 unless set); without biases it stays at 0 like the rest.
                    .forgetGateBiasInit(network.bias() ? network.forgetBias() : 0.0)
                    .build());
            case GRU -> new Gru.Builder()
                    .nIn(nIn)
                    .nOut(network.hidden())
                    .build();
        };
    }

    private static IUpdater updater(TrainingSpec training) {
        return switch (training.updater()) {
            case SGD -> new Sgd(training.learningRate());
            case ADAM -> new Adam(training.learningRate(), TrainingSpec.ADAM_BETA1, TrainingSpec.ADAM_BETA2,
                    TrainingSpec.ADAM_EPSILON);
        };
    }

    private static Activation activation(NetworkSpec network) {
        return switch (network.activation()) {
            case IDENTITY -> Activation.IDENTITY;
            case SIGMOID -> Activation.SIGMOID;
            case SOFTMAX -> Activation.SOFTMAX;
        };
    }

    private static LossFunction lossFunction(NetworkSpec network) {
        return switch (network.loss()) {
            case MSE -> LossFunction.MSE;
            case XENT -> LossFunction.XENT;
            case MCXENT -> LossFunction.MCXENT;
        };
    }
}

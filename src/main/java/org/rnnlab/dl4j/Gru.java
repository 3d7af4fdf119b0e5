package org.rnnlab.dl4j;

import java.util.Collection;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GRU layer's configuration for a {@code MultiLayerConfiguration}, used like DL4J's LSTM (what
 * runs is {@link GruImpl}, made by {@link #instantiate}), with the equations
 * of PyTorch's nn.GRU (the reset gate scales the recurrent part of the candidate after its
 * product):
 * <pre>
 *   r_t = σ(x_t·W_r + b_r + h_{t−1}·RW_r + RB_r)
 *   z_t = σ(x_t·W_z + b_z + h_{t−1}·RW_z + RB_z)
 *   n_t = tanh(x_t·W_n + b_n + r_t ⊙ (h_{t−1}·RW_n + RB_n))
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}                    h_{−1} = 0 (or the stored state)
 * </pre>
 * Parameters ({@link GruParamInitializer}): W [nIn, 3n], RW [n, 3n], b [3n], RB [3n], column
 * blocks [r, z, n]. From PyTorch (gate rows r, z, n there too): W = weight_ih_l0ᵀ, RW =
 * weight_hh_l0ᵀ, b = bias_ih_l0, RB = bias_hh_l0; no block reordering.
 *
 * <p>The gate and candidate activations are fixed (sigmoid and tanh, as in nn.GRU); the layer's
 * {@code activation} setting is not used. A feature mask zeroes the output at masked steps (the
 * next step then starts from zero), as DL4J's SimpleRnn does.
 *
 * <p>Why a layer with its own backward pass and not a SameDiff layer: DL4J's SameDiff layers are
 * not {@code RecurrentLayer}s, so they get neither {@code rnnTimeStep} (generation) nor truncated
 * BPTT, both of which rnnlab's tasks use. This layer extends DL4J's {@code BaseRecurrentLayer}
 * like SimpleRnn and LSTM: the network's updaters, gradient normalisation, serialisation
 * ({@code ModelSerializer}: the configuration is JSON naming this class) and state handling work
 * as for them. Its hand-written backward pass is held to DL4J's own {@code GradientCheckUtil} and
 * to the independent scratch GRU by tests.
 */
public class Gru extends BaseRecurrentLayer {

    protected Gru(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    /** For JSON deserialisation. */
    @SuppressWarnings("unused")
    private Gru() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                        Collection<TrainingListener> trainingListeners,
                                                        int layerIndex, INDArray layerParamsView,
                                                        boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Gru", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new GruImpl(conf, networkDataType), conf, initializer(), trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        // DL4J's SimpleRnn reports none either; rnnlab estimates memory from the settings (MemoryEstimate)
        return null;
    }

    /** Builds a {@link Gru}: set nIn and nOut (the hidden units), as for DL4J's LSTM. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public Gru build() {
            return new Gru(this);
        }
    }
}

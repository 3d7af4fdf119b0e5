package org.rnnlab.dl4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's LSTM layer, configured exactly as {@link LSTM} and computing with DL4J's own LSTM code,
 * that keeps the forward pass of a training step for that step's backward pass instead of running
 * it a second time ({@link ForwardKeepingLstmImpl} says how and when).
 *
 * <p>Why: DL4J 1.0.0-M2.1's LSTM layer switches its forward-pass cache off ("not passing all
 * tests", its source says), so every training step runs the forward pass twice, once for the
 * output and once more inside backprop. Running it once saved a sixth to a third of a step in the
 * benchmark (LSTM cases from minibatch 1 to the template size). The parameters, their layout and the arithmetic are DL4J's; the gradients are bit for bit
 * those of the stock layer (ForwardKeepingLstmTest). The price is memory: a training step holds
 * every LSTM layer's gate activations until backprop, where the stock layer holds one layer's at a
 * time.
 *
 * <p>Built with {@link #of}: the stock layer's builder gives every setting, this class only changes
 * what the configuration instantiates. The configuration's JSON (and so a saved network) names
 * this class.
 */
public class ForwardKeepingLstm extends LSTM {

    /** For JSON deserialisation and {@link #of}. */
    public ForwardKeepingLstm() {
    }

    /** This layer with every setting of {@code stock}, a layer built by DL4J's {@code LSTM.Builder}. */
    public static ForwardKeepingLstm of(LSTM stock) {
        if (stock.getClass() != LSTM.class) {
            throw new IllegalArgumentException("expected a layer built by DL4J's LSTM.Builder, got "
                    + stock.getClass().getName());
        }
        ForwardKeepingLstm copy = new ForwardKeepingLstm();
        // every field of LSTM and its superclasses: the builder's settings, whatever their number
        for (Class<?> c = LSTM.class; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    field.set(copy, field.get(stock));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy LSTM setting " + c.getSimpleName() + "."
                            + field.getName(), e);
                }
            }
        }
        return copy;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                        Collection<TrainingListener> trainingListeners,
                                                        int layerIndex, INDArray layerParamsView,
                                                        boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("ForwardKeepingLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new ForwardKeepingLstmImpl(conf, networkDataType), conf, initializer(), trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }
}

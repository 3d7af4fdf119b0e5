package org.rnnlab.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What DL4J asks of a layer configuration's {@code instantiate} once the layer object exists: its
 * listeners, its index, its slice of the network's flat parameter array and the named views into
 * it. Shared by rnnlab's layers so that they are wired as DL4J wires its own.
 */
final class LayerWiring {

    private LayerWiring() {
    }

    /** {@code layer}, wired into the network at {@code layerIndex} over {@code paramsView}. */
    static <L extends BaseLayer<?>> L wire(L layer, NeuralNetConfiguration conf, ParamInitializer initializer,
                                           Collection<TrainingListener> listeners, int layerIndex,
                                           INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}

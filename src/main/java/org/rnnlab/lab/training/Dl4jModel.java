package org.rnnlab.lab.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.bridge.Batches;
import org.rnnlab.lab.tasks.SequenceModel;

/**
 * A DL4J network seen as a {@link SequenceModel}. A float network is given float inputs and its
 * outputs come back in double, the type the shared evaluation code reads.
 */
public record Dl4jModel(MultiLayerNetwork net) implements SequenceModel {

    @Override
    public INDArray output(INDArray features, INDArray featureMask) {
        net.rnnClearPreviousState();
        DataType type = net.getLayerWiseConfigurations().getDataType();
        INDArray out = net.output(Batches.castTo(features, type), false, Batches.castTo(featureMask, type), null);
        return Batches.castTo(out, DataType.DOUBLE);
    }

    @Override
    public void clearState() {
        net.rnnClearPreviousState();
    }

    @Override
    public INDArray timeStep(INDArray input) {
        INDArray out = net.rnnTimeStep(Batches.castTo(input, net.getLayerWiseConfigurations().getDataType()));
        return Batches.castTo(out, DataType.DOUBLE);
    }
}

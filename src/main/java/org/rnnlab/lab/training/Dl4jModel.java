package org.rnnlab.lab.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.lab.tasks.SequenceModel;

/** A DL4J network seen as a {@link SequenceModel}. */
public record Dl4jModel(MultiLayerNetwork net) implements SequenceModel {

    @Override
    public INDArray output(INDArray features, INDArray featureMask) {
        net.rnnClearPreviousState();
        return net.output(features, false, featureMask, null);
    }

    @Override
    public void clearState() {
        net.rnnClearPreviousState();
    }

    @Override
    public INDArray timeStep(INDArray input) {
        return net.rnnTimeStep(input);
    }
}

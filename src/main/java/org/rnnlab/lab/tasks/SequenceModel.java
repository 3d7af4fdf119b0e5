package org.rnnlab.lab.tasks;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained recurrent network as the evaluation sees it, whichever implementation trained it.
 * Arrays are NCW: features [mb, nIn, T], outputs [mb, nOut, T].
 */
public interface SequenceModel {

    /** Outputs at every step for a minibatch, from a cleared state; the feature mask may be null. */
    INDArray output(INDArray features, INDArray featureMask);

    /** Forgets the state kept by {@link #timeStep}. */
    void clearState();

    /** One step from the kept state: input [mb, nIn], output [mb, nOut]; the state moves on. */
    INDArray timeStep(INDArray input);
}

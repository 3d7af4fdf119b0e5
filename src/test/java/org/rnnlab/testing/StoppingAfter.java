package org.rnnlab.testing;

import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.TrainableNetwork;

/** A network that asks for a stop once it has been fitted a given number of times. */
public final class StoppingAfter extends ForwardingNetwork {

    private final int fits;
    private final StopRequest stop;
    private int count;

    public StoppingAfter(TrainableNetwork network, int fits, StopRequest stop) {
        super(network);
        this.fits = fits;
        this.stop = stop;
    }

    @Override
    public double fit(DataSet batch, int epoch) {
        double score = super.fit(batch, epoch);
        if (++count == fits) {
            stop.request("the test", 130);
        }
        return score;
    }
}

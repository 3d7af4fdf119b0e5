package org.rnnlab.testing;

import java.io.IOException;
import java.nio.file.Path;

import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.TrainableNetwork;

/** A network that asks for a stop once it has been fitted a given number of times. */
public record StoppingAfter(TrainableNetwork network, int fits, StopRequest stop, int[] count)
        implements TrainableNetwork {
    public StoppingAfter(TrainableNetwork network, int fits, StopRequest stop) {
        this(network, fits, stop, new int[1]);
    }

    @Override
    public String implementation() {
        return network.implementation();
    }

    @Override
    public long numParams() {
        return network.numParams();
    }

    @Override
    public double fit(DataSet batch, int epoch) {
        double score = network.fit(batch, epoch);
        if (++count[0] == fits) {
            stop.request("the test", 130);
        }
        return score;
    }

    @Override
    public double[] parameters() {
        return network.parameters();
    }

    @Override
    public void setParameters(double[] parameters) {
        network.setParameters(parameters);
    }

    @Override
    public SequenceModel model() {
        return network.model();
    }

    @Override
    public void save(RunFolder folder) throws IOException {
        network.save(folder);
    }

    @Override
    public void writeState(Path dir) throws IOException {
        network.writeState(dir);
    }

    @Override
    public void readState(Path dir) throws IOException {
        network.readState(dir);
    }
}

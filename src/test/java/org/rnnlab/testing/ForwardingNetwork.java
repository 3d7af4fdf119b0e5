package org.rnnlab.testing;

import java.io.IOException;
import java.nio.file.Path;

import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.lab.training.TrainableNetwork;
import org.rnnlab.lab.training.TrainingStats;

/** A network that passes every call to another, for a test to step in at the one it overrides. */
public class ForwardingNetwork implements TrainableNetwork {

    private final TrainableNetwork network;

    public ForwardingNetwork(TrainableNetwork network) {
        this.network = network;
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
        return network.fit(batch, epoch);
    }

    @Override
    public boolean trainsAtEpochEnd() {
        return network.trainsAtEpochEnd();
    }

    @Override
    public double finishEpoch(int epoch) {
        return network.finishEpoch(epoch);
    }

    @Override
    public void cancelEpoch() {
        network.cancelEpoch();
    }

    @Override
    public void dropUnfinishedEpoch() {
        network.dropUnfinishedEpoch();
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

    @Override
    public boolean reportStats(TrainingStats stats) {
        return network.reportStats(stats);
    }
}

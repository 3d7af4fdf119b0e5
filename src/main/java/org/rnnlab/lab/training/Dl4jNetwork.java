package org.rnnlab.lab.training;

import java.io.IOException;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SequenceModel;

/** A DL4J MultiLayerNetwork built from an experiment's settings. */
public final class Dl4jNetwork implements TrainableNetwork {

    public static final String IMPLEMENTATION = "dl4j";

    private final MultiLayerNetwork net;
    private final Dl4jModel model;

    public Dl4jNetwork(MultiLayerNetwork net) {
        this.net = net;
        this.model = new Dl4jModel(net);
    }

    /** A new network with the settings' architecture, optimiser and initial weights. */
    public static Dl4jNetwork create(ExperimentSettings settings) {
        Backend.configure();
        return new Dl4jNetwork(NetworkFactory.network(settings.network(), settings.training()));
    }

    public MultiLayerNetwork net() {
        return net;
    }

    @Override
    public String implementation() {
        return IMPLEMENTATION;
    }

    @Override
    public long numParams() {
        return net.numParams();
    }

    @Override
    public double fit(DataSet batch, int epoch) {
        net.setEpochCount(epoch);
        net.fit(batch);
        return net.score();
    }

    @Override
    public double[] parameters() {
        return net.params().toDoubleVector();
    }

    @Override
    public void setParameters(double[] parameters) {
        net.setParams(Nd4j.createFromArray(parameters).reshape(1, parameters.length));
    }

    @Override
    public SequenceModel model() {
        return model;
    }

    @Override
    public void save(RunFolder folder) throws IOException {
        folder.write("model.zip", file -> ModelSerializer.writeModel(net, file.toFile(), true));
    }
}

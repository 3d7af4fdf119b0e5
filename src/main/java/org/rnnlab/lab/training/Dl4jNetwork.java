package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.bridge.Batches;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SequenceModel;

/** A DL4J MultiLayerNetwork built from an experiment's settings. */
public final class Dl4jNetwork implements TrainableNetwork {

    public static final String IMPLEMENTATION = "dl4j";

    /** The state file: the network with its updater, as ModelSerializer writes it. */
    private static final String STATE_FILE = "model.zip";

    private MultiLayerNetwork net;
    private Dl4jModel model;
    private TrainingStats stats;

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
        net.fit(Batches.inTypeOf(net, batch));
        return net.score();
    }


    @Override
    public double[] parameters() {
        return net.params().castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Override
    public void setParameters(double[] parameters) {
        net.setParams(Nd4j.createFromArray(parameters).reshape(1, parameters.length)
                .castTo(net.params().dataType()));
    }

    @Override
    public SequenceModel model() {
        return model;
    }

    @Override
    public void save(RunFolder folder) throws IOException {
        folder.write("model.zip", file -> ModelSerializer.writeModel(net, file.toFile(), true));
    }

    /**
     * ModelSerializer's file with the updater: parameters, the updater's state view, and the
     * configuration with its iteration and epoch counts (Adam's bias correction reads the former).
     */
    @Override
    public void writeState(Path dir) throws IOException {
        ModelSerializer.writeModel(net, dir.resolve(STATE_FILE).toFile(), true);
    }

    /** Replaces the network by the one in the state file, updater included. */
    @Override
    public void readState(Path dir) throws IOException {
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(dir.resolve(STATE_FILE).toFile(), true);
        if (restored.numParams() != net.numParams()) {
            throw new IOException(dir.resolve(STATE_FILE) + " holds a network of " + restored.numParams()
                    + " parameters; these settings build one of " + net.numParams());
        }
        net = restored;
        model = new Dl4jModel(restored);
        listenForStats();
    }

    @Override
    public boolean reportStats(TrainingStats stats) {
        this.stats = stats;
        listenForStats();
        return true;
    }

    private void listenForStats() {
        if (stats != null) {
            StatsListener listener = new StatsListener(stats.router(), TrainingStats.initConfiguration(),
                    stats.updateConfiguration(), stats.sessionId(), IMPLEMENTATION);
            net.addListeners(listener, new StatsPacer(listener, stats));
        }
    }
}

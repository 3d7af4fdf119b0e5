package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.bridge.Batches;
import org.rnnlab.bridge.NpyArray;
import org.rnnlab.bridge.NpyFormat;
import org.rnnlab.bridge.ParameterBridge;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.SequenceModel;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.ScratchTrainer;
import org.rnnlab.spec.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-written network of the scratch package, trained on the same DataVec minibatches as DL4J
 * (converted to plain arrays at the edge). Its trained parameters are saved as NumPy .npy files.
 */
public final class ScratchTrainable implements TrainableNetwork {

    public static final String IMPLEMENTATION = "scratch";

    private static final String UPDATER_FILE = "updater.npy";
    private static final String ITERATION_FILE = "iteration.txt";

    private static final Logger LOG = LoggerFactory.getLogger(ScratchTrainable.class);
    /** Whether this JVM has said which float kernels it runs (once is enough). */
    private static volatile boolean kernelsLogged;

    private final ScratchNetwork network;
    private final ScratchTrainer trainer;
    private final SequenceModel model;
    private final ExperimentSettings settings;

    private ScratchTrainable(ScratchNetwork network, ExperimentSettings settings) {
        this.network = network;
        this.settings = settings;
        this.trainer = new ScratchTrainer(network, settings.training());
        this.model = new Model(network);
    }

    /** A network initialised from the settings' seed by the scratch package's own initialiser. */
    public static ScratchTrainable create(ExperimentSettings settings) {
        if (settings.network().precision() == Precision.FLOAT && !kernelsLogged) {
            kernelsLogged = true;
            LOG.info("scratch network in float: {}", ScratchNetwork.floatKernels());
        }
        return new ScratchTrainable(new ScratchNetwork(settings.network(), settings.training().seed()), settings);
    }

    /** A network starting from given parameters (DL4J's layout), e.g. a DL4J network's initial ones. */
    public static ScratchTrainable startingFrom(ExperimentSettings settings, double[] parameters) {
        ScratchTrainable trainable = create(settings);
        trainable.setParameters(parameters);
        return trainable;
    }

    /** A network with the settings' architecture and the parameters saved as .npy files in {@code dir}. */
    public static ScratchTrainable load(ExperimentSettings settings, Path dir) throws IOException {
        ScratchTrainable trainable = create(settings);
        ParameterBridge.importNpy(dir, trainable.network);
        return trainable;
    }

    /** Splits each minibatch over this many threads (see {@link ScratchNetwork#setThreads}); 1 by default. */
    public void useThreads(int threads) {
        network.setThreads(threads);
    }

    @Override
    public String implementation() {
        return IMPLEMENTATION;
    }

    @Override
    public long numParams() {
        return network.numParams();
    }

    @Override
    public double fit(DataSet batch, int epoch) {
        return trainer.fit(Batches.fromDataSet(batch));
    }

    @Override
    public double[] parameters() {
        return network.params();
    }

    @Override
    public void setParameters(double[] parameters) {
        network.setParams(parameters);
    }

    @Override
    public SequenceModel model() {
        return model;
    }

    @Override
    public void save(RunFolder folder) throws IOException {
        ParameterBridge.exportNpy(network, folder.file("parameters"));
    }

    /**
     * The parameters as .npy files (as {@link #save}), the updater's state as {@value #UPDATER_FILE} and
     * the update count as {@value #ITERATION_FILE}.
     */
    @Override
    public void writeState(Path dir) throws IOException {
        ParameterBridge.exportNpy(network, dir.resolve("parameters"));
        double[] state = trainer.updater().state();
        NpyFormat.write(dir.resolve(UPDATER_FILE), new NpyArray(new int[] {state.length}, state));
        Files.writeString(dir.resolve(ITERATION_FILE), trainer.iteration() + System.lineSeparator(),
                StandardCharsets.UTF_8);
    }

    @Override
    public void readState(Path dir) throws IOException {
        ParameterBridge.importNpy(dir.resolve("parameters"), network);
        trainer.updater().setState(NpyFormat.read(dir.resolve(UPDATER_FILE)).values());
        String count = Files.readString(dir.resolve(ITERATION_FILE), StandardCharsets.UTF_8).strip();
        try {
            trainer.setIteration(Integer.parseInt(count));
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(ITERATION_FILE) + " should hold the number of updates made, not '"
                    + count + "'", e);
        }
    }

    @Override
    public boolean reportStats(TrainingStats stats) {
        trainer.setObserver(new ScratchStatsReporter(stats, network.layout(), settings, IMPLEMENTATION));
        return true;
    }

    /** The scratch network seen through ND4J arrays, for the shared evaluation code. */
    private record Model(ScratchNetwork network) implements SequenceModel {

        @Override
        public INDArray output(INDArray features, INDArray featureMask) {
            network.clearState();
            double[][] mask = featureMask == null ? null : Batches.fromMask(featureMask);
            return Batches.toNcw(network.output(Batches.fromNcw(features), mask));
        }

        @Override
        public void clearState() {
            network.clearState();
        }

        @Override
        public INDArray timeStep(INDArray input) {
            double[][] out = network.timeStep(input.toDoubleMatrix());
            return Nd4j.createFromArray(out);
        }
    }
}

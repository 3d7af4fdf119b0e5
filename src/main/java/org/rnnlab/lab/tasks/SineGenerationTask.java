package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.SequenceIterators;
import org.rnnlab.data.SeriesFile;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.TaskSettings;

/**
 * E3: next-step prediction on sine windows drawn at random, then free-running generation.
 *
 * <p>Generation, for each window: clear the state, feed {@code warmup} true values from before the
 * window and then the window's first value, and from there feed each prediction back as the next
 * input for {@code generate} steps. The score is the RMSE of those steps against the window's true
 * values 1..generate. With warmup 0 this is the original protocol; a warm-up gives the hidden state
 * the phase of the curve before it runs free.
 */
public final class SineGenerationTask implements Task {

    private final TaskSettings.SineGeneration settings;
    private final long seed;
    private final DataSetIterator windowSet;

    public SineGenerationTask(TaskSettings.SineGeneration settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.windowSet = SequenceIterators.nextStep(settings.windows(), settings.windows().size());
    }

    @Override
    public DataSetIterator trainingData(int batch) {
        return SequenceIterators.sineDraws(settings.windows(), seed, settings.windowsPerSequence(),
                settings.sequencesPerEpoch(), batch);
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("one_step_mse");
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        return new double[] {oneStepMeanSquaredError(model)};
    }

    /** Mean squared one-step-ahead error over every window, each run from a cleared state. */
    double oneStepMeanSquaredError(SequenceModel model) {
        DataSetIterator windows = windowSet;
        windows.reset();
        double sum = 0;
        long count = 0;
        while (windows.hasNext()) {
            DataSet batch = windows.next();
            INDArray error = model.output(batch.getFeatures(), null).sub(batch.getLabels());
            sum += error.mul(error).sumNumber().doubleValue();
            count += error.length();
        }
        return sum / count;
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        Generation generation = generate(model);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("one_step_mse", oneStepMeanSquaredError(model));
        metrics.put("free_run_rmse", generation.meanRmse());
        metrics.put("free_run_rmse_worst", generation.worstRmse());

        Map<String, String> plots = new LinkedHashMap<>();
        folder.write("loss.png", file -> new LinePlot()
                .title(label + ": one-step error per epoch")
                .xAxisTitle("epoch").yAxisTitle("mean squared one-step error").logY(true)
                .line("one-step MSE", log.column(MetricsLog.EPOCH), log.column("one_step_mse"))
                .save(file));
        plots.put("One-step-ahead error per epoch", "loss.png");
        for (int w = 0; w < generation.truth().length; w++) {
            String name = "generation-" + w + ".png";
            int window = w;
            folder.write(name, file -> plotGeneration(generation, window, label).save(file));
            plots.put("Free-running generation, window " + baseName(settings.windows().get(w))
                    + String.format(" (RMSE %.4f)", generation.rmse()[w]), name);
        }
        return new Evaluation(metrics, plots);
    }

    private LinePlot plotGeneration(Generation generation, int window, String label) {
        double[] truth = generation.truth()[window];
        int prefix = generation.prefix();
        int from = prefix - settings.warmup();
        double[] truthT = new double[truth.length - from];
        double[] truthV = new double[truthT.length];
        for (int i = 0; i < truthT.length; i++) {
            truthT[i] = from + i - prefix;
            truthV[i] = truth[from + i];
        }
        double[] generatedT = new double[settings.generate() + 1];
        double[] generatedV = new double[generatedT.length];
        generatedT[0] = 0;
        generatedV[0] = truth[prefix];
        for (int k = 1; k <= settings.generate(); k++) {
            generatedT[k] = k;
            generatedV[k] = generation.generated()[window][k - 1];
        }
        LinePlot plot = new LinePlot()
                .title(label + ": free-running generation (warm-up " + settings.warmup() + ")")
                .xAxisTitle("step k (0 = the window's first value)").yAxisTitle("sin(t)")
                .line("true sine", truthT, truthV)
                .line("generated", generatedT, generatedV);
        return plot.verticalMarker(0, "runs free after this step");
    }

    /** Free-running generation on every window at once (one minibatch row per window). */
    Generation generate(SequenceModel model) {
        int windows = settings.generationTruth().size();
        double[][] truth = new double[windows][];
        for (int w = 0; w < windows; w++) {
            truth[w] = SeriesFile.read(settings.generationTruth().get(w));
        }
        int prefix = truth[0].length - SeriesFile.read(settings.windows().get(0)).length;
        checkGenerationFits(truth, prefix);

        model.clearState();
        INDArray prediction = null;
        for (int k = -settings.warmup(); k <= 0; k++) {
            INDArray input = Nd4j.zeros(windows, 1);
            for (int w = 0; w < windows; w++) {
                input.putScalar(w, 0, truth[w][prefix + k]);
            }
            prediction = model.timeStep(input);
        }
        double[][] generated = new double[windows][settings.generate()];
        double[] rmse = new double[windows];
        for (int k = 1; k <= settings.generate(); k++) {
            for (int w = 0; w < windows; w++) {
                double value = prediction.getDouble(w, 0);
                generated[w][k - 1] = value;
                double error = value - truth[w][prefix + k];
                rmse[w] += error * error;
            }
            if (k < settings.generate()) {
                prediction = model.timeStep(prediction.reshape(windows, 1));
            }
        }
        for (int w = 0; w < windows; w++) {
            rmse[w] = Math.sqrt(rmse[w] / settings.generate());
        }
        model.clearState();
        return new Generation(truth, prefix, generated, rmse);
    }

    /** Each truth file must end with its window, and the warm-up and generation must fit in it. */
    private void checkGenerationFits(double[][] truth, int prefix) {
        for (int w = 0; w < truth.length; w++) {
            double[] window = SeriesFile.read(settings.windows().get(w));
            if (truth[w].length != prefix + window.length) {
                throw new IllegalArgumentException("generation truth files differ in length: "
                        + settings.generationTruth().get(0) + " has " + truth[0].length + " values, "
                        + settings.generationTruth().get(w) + " has " + truth[w].length);
            }
            for (int k = 0; k < window.length; k++) {
                if (truth[w][prefix + k] != window[k]) {
                    throw new IllegalArgumentException(settings.generationTruth().get(w) + " does not end with the window "
                            + settings.windows().get(w) + " (they differ at window step " + k + ")");
                }
            }
        }
        if (settings.warmup() > prefix) {
            throw new IllegalArgumentException("generation.warmup = " + settings.warmup() + " needs that many true values"
                    + " before the window, but " + settings.generationTruth().get(0) + " has " + prefix);
        }
        if (prefix + settings.generate() >= truth[0].length) {
            throw new IllegalArgumentException("generation.steps = " + settings.generate() + " goes past the "
                    + (truth[0].length - prefix - 1) + " true values after the window's first in "
                    + settings.generationTruth().get(0));
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * The outcome of generation.
     *
     * @param truth     each window's true curve: prefix, then the window
     * @param prefix    index of each window's first value in {@code truth}
     * @param generated the values fed back, steps 1..generate
     * @param rmse      each window's free-running RMSE
     */
    record Generation(double[][] truth, int prefix, double[][] generated, double[] rmse) {

        double meanRmse() {
            double sum = 0;
            for (double r : rmse) {
                sum += r;
            }
            return sum / rmse.length;
        }

        double worstRmse() {
            double worst = 0;
            for (double r : rmse) {
                worst = Math.max(worst, r);
            }
            return worst;
        }
    }
}

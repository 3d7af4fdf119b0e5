package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.rnnlab.data.SequenceIterators;
import org.rnnlab.lab.report.LinePlot;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.TaskSettings;

/** E2 and E4: a window of a series to its next value, many-to-one, with a held-out series. */
public final class SineWindowTask implements Task {

    private static final int EVALUATION_BATCH = 512;

    private final TaskSettings.SineWindow settings;
    private final String heldoutLoss;
    private final DataSetIterator trainSet;
    private final DataSetIterator heldoutSet;

    public SineWindowTask(TaskSettings.SineWindow settings) {
        this.settings = settings;
        this.heldoutLoss = settings.heldoutName() + "_loss";
        this.trainSet = SequenceIterators.seriesWindows(settings.train(), settings.window(), EVALUATION_BATCH);
        this.heldoutSet = SequenceIterators.seriesWindows(settings.heldout(), settings.window(), EVALUATION_BATCH);
    }

    /** A fixed file read in order, minibatch by minibatch. */
    @Override
    public boolean sameDataEveryEpoch() {
        return true;
    }

    @Override
    public DataSetIterator trainingData(int batch) {
        return SequenceIterators.seriesWindows(settings.train(), settings.window(), batch);
    }

    @Override
    public List<String> epochMetricNames() {
        return List.of("train_loss", heldoutLoss);
    }

    @Override
    public double[] epochMetrics(SequenceModel model) {
        return new double[] {
            Predictions.manyToOne(model, trainSet).halfMeanSquaredError(),
            Predictions.manyToOne(model, heldoutSet).halfMeanSquaredError()};
    }

    @Override
    public int stopPatience() {
        return settings.stopPatience();
    }

    @Override
    public String stoppingMetric() {
        return heldoutLoss;
    }

    @Override
    public Evaluation finish(SequenceModel model, MetricsLog log, RunFolder folder, String label) throws IOException {
        Predictions train = Predictions.manyToOne(model, trainSet);
        Predictions heldout = Predictions.manyToOne(model, heldoutSet);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", train.halfMeanSquaredError());
        metrics.put(heldoutLoss, heldout.halfMeanSquaredError());

        Map<String, String> plots = new LinkedHashMap<>();
        double[] epochs = log.column(MetricsLog.EPOCH);
        folder.write("loss.png", file -> new LinePlot()
                .title(label + ": loss per epoch")
                .xAxisTitle("epoch").yAxisTitle("0.5 · mean squared error").logY(true)
                .line("train", epochs, log.column("train_loss"))
                .line(settings.heldoutName(), epochs, log.column(heldoutLoss))
                .save(file));
        plots.put("Training and " + settings.heldoutName() + " loss per epoch", "loss.png");
        folder.write("predictions.png", file -> new LinePlot()
                .title(label + ": next value on the " + settings.heldoutName() + " series")
                .xAxisTitle(settings.heldoutName() + " window").yAxisTitle("value")
                .line("target", heldout.index(), heldout.target())
                .line("prediction", heldout.index(), heldout.predicted())
                .save(file));
        plots.put("Predictions against targets on the " + settings.heldoutName() + " windows", "predictions.png");
        return new Evaluation(metrics, plots);
    }
}

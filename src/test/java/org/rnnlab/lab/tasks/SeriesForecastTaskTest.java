package org.rnnlab.lab.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.data.files.DataFileException;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.lab.training.RunOutcome;
import org.rnnlab.lab.training.ScratchTrainable;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.testing.SettingsCopies;

class SeriesForecastTaskTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    /** A table with a key column: t = 100..(100 + n - 1), y = a sine, z = a straight line 2t + 1. */
    private Path dataDir(int rows) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        StringBuilder csv = new StringBuilder("t,y,z\n");
        for (int i = 0; i < rows; i++) {
            int t = 100 + i;
            csv.append(t).append(',').append(Math.sin(0.3 * i)).append(',').append(2 * t + 1).append('\n');
        }
        Files.writeString(data.resolve("table.csv"), csv.toString());
        return data;
    }

    private ExperimentSettings settings(Path data, Map<String, String> changes) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(Map.of("data.file", "table.csv", "columns.input", "y",
                "columns.target", "y", "window", "6", "split.column", "t", "split.train", "100-159",
                "split.validation", "160-179", "split.test", "180-199", "epochs", "2"));
        all.putAll(changes);
        return SettingsCopies.load("sunspots-lstm", dir, data, all);
    }

    private SeriesForecastTask task(ExperimentSettings settings) {
        return (SeriesForecastTask) TaskKinds.task(settings);
    }

    @Test
    void theNormaliserSeesOnlyTheTrainingTargets() throws IOException {
        SeriesForecastTask task = task(settings(dataDir(200), Map.of()));

        DataSetIterator training = task.trainingData(1000);
        DataSet batch = training.next();
        INDArray labels = batch.getLabels();
        INDArray mask = batch.getLabelsMaskArray();
        double sum = 0;
        double sumSquares = 0;
        long n = 0;
        for (int e = 0; e < labels.size(0); e++) {
            for (int t = 0; t < labels.size(2); t++) {
                if (mask.getDouble(e, t) != 0) {
                    double v = labels.getDouble(e, 0, t);
                    sum += v;
                    sumSquares += v * v;
                    n++;
                }
            }
        }
        assertEquals(54, n, "targets of rows 106..159: the first 6 rows only serve as inputs");
        assertEquals(0, sum / n, 1e-9, "standardised training targets have mean 0");
        assertEquals(1, sumSquares / n, 1e-6, "and variance 1: the masked steps did not count");
    }

    @Test
    void theLinearBaselineFitsALineExactlyAndPersistenceLagsItByTheSlope() throws IOException {
        ExperimentSettings settings = settings(dataDir(200), Map.of("columns.input", "z", "columns.target", "z",
                "window", "1"));
        SeriesForecastTask task = task(settings);

        SeriesForecastTask.Forecast forecast = task.forecast(zeroModel(), "test");

        assertEquals(0, forecast.rmse(SeriesForecastTask.Forecast.AUTOREGRESSION), 1e-6);
        assertEquals(2, forecast.rmse(SeriesForecastTask.Forecast.PERSISTENCE), 1e-12);
        assertEquals(2, forecast.mae(SeriesForecastTask.Forecast.PERSISTENCE), 1e-12);
        assertEquals(181.0, forecast.keys()[1], "examples are keyed by the year of their target");
    }

    @Test
    void aNetworkThatAnswersZeroForecastsTheTrainingMeanInTheDataUnits() throws IOException {
        ExperimentSettings settings = settings(dataDir(200), Map.of("columns.input", "z", "columns.target", "z",
                "window", "1"));
        SeriesForecastTask task = task(settings);

        SeriesForecastTask.Forecast forecast = task.forecast(zeroModel(), "test");

        double trainingMean = 0;
        for (int t = 101; t <= 159; t++) {
            trainingMean += 2 * t + 1;
        }
        trainingMean /= 59;
        assertEquals(trainingMean, forecast.firstStep(SeriesForecastTask.Forecast.NETWORK, 0)[0], 1e-9);
        assertEquals(2 * 180 + 1, forecast.firstStep(SeriesForecastTask.Forecast.ACTUAL, 0)[0], 1e-12);
    }

    @Test
    void aSmallLstmBeatsPersistenceOnASine() throws IOException {
        ExperimentSettings settings = settings(dataDir(200), Map.of("epochs", "150", "hidden", "6",
                "stop.patience", "0", "learning.rate", "0.02"));

        RunOutcome outcome = Trainer.run(settings, ScratchTrainable.create(settings), dir.resolve("runs"));

        Map<String, Double> metrics = outcome.row().metrics();
        assertTrue(metrics.get("test_rmse") < 0.5 * metrics.get("persistence_rmse"), metrics.toString());
        assertTrue(Files.isRegularFile(outcome.folder().resolve("normalizer.bin")));
        assertTrue(Files.isRegularFile(outcome.folder().resolve("forecast-test.png")));
    }

    /**
     * The predator-prey example: both columns in, both out 1..3 months ahead, on its spans of months;
     * the baselines hold the figures the documentation quotes.
     */
    @Test
    void thePredatorPreyExampleForecastsBothColumnsThreeMonthsAhead() throws IOException {
        ExperimentSettings settings = SettingsCopies.load("predator-prey-lstm", dir, Map.of());
        SeriesForecastTask task = task(settings);
        assertEquals(2, settings.task().shape().nIn());
        assertEquals(6, settings.task().shape().nOut(), "prey and predator, 1, 2 and 3 months ahead");
        assertEquals(12, settings.task().shape().sequenceLength());

        SeriesForecastTask.Forecast forecast = task.forecast(zeroModel(6), "test");

        assertEquals(118, forecast.keys().length, "months 481..598: the last forecast's third month is 600");
        assertEquals(481.0, forecast.keys()[0]);
        double[] first = forecast.values()[SeriesForecastTask.Forecast.ACTUAL][0];
        assertEquals(6, first.length);
        assertEquals(10.813, forecast.rmse(SeriesForecastTask.Forecast.PERSISTENCE), 5e-4);
        assertEquals(2.490, forecast.rmse(SeriesForecastTask.Forecast.AUTOREGRESSION), 5e-4);
    }

    @Test
    void aMisspeltColumnIsNamedWithASuggestion() throws IOException {
        ExperimentSettings settings = settings(dataDir(200), Map.of("columns.target", "yy"));

        DataFileException e = assertThrows(DataFileException.class, () -> TaskKinds.task(settings));

        assertTrue(e.getMessage().contains("table.csv") && e.getMessage().contains("yy")
                && e.getMessage().contains("'y'"), e.getMessage());
    }

    @Test
    void aSpanOutsideTheDataIsRefusedWithTheRange() throws IOException {
        ExperimentSettings settings = settings(dataDir(200), Map.of("split.test", "180-400"));

        DataFileException e = assertThrows(DataFileException.class, () -> TaskKinds.task(settings));

        assertTrue(e.getMessage().contains("180..400") && e.getMessage().contains("outside the data"), e.getMessage());
    }

    @Test
    void tooFewRowsForWindowAndHorizonSaysHowManyAreNeeded() throws IOException {
        ExperimentSettings settings = settings(dataDir(200), Map.of("split.train", "100-104", "window", "6"));

        DataFileException e = assertThrows(DataFileException.class, () -> TaskKinds.task(settings));

        assertTrue(e.getMessage().contains("needs 7 rows"), e.getMessage());
    }

    @Test
    void badSpansAndPatienceWithoutValidationAreSettingsErrors() throws IOException {
        Path data = dataDir(200);
        String reversed = assertThrows(SettingsException.class,
                () -> settings(data, Map.of("split.train", "159-100"))).getMessage();
        String patience = assertThrows(SettingsException.class,
                () -> settings(data, Map.of("split.validation", "none", "stop.patience", "5"))).getMessage();
        String scaling = assertThrows(SettingsException.class,
                () -> settings(data, Map.of("normalise", "zscore"))).getMessage();

        assertTrue(reversed.contains("split.train") && reversed.contains("FROM-TO"), reversed);
        assertTrue(patience.contains("stop.patience") && patience.contains("validation"), patience);
        assertTrue(scaling.contains("standardize | minmax | none"), scaling);
    }

    /** A model whose every output is 0 (in the normalised units it is trained in). */
    private static SequenceModel zeroModel() {
        return zeroModel(1);
    }

    /** A network of {@code outputs} outputs that answers 0 (the training mean, once scaled back) everywhere. */
    private static SequenceModel zeroModel(int outputs) {
        return new SequenceModel() {
            @Override
            public INDArray output(INDArray features, INDArray featureMask) {
                return Nd4j.zeros(features.dataType(), features.size(0), outputs, features.size(2));
            }

            @Override
            public void clearState() {
            }

            @Override
            public INDArray timeStep(INDArray input) {
                return Nd4j.zeros(input.dataType(), input.size(0), outputs);
            }
        };
    }
}

package org.rnnlab.experiments;

import java.util.List;

/**
 * Forecasting a CSV series: yearly sunspot numbers, a window of 12 years -> the next year, on the
 * classical split (train 1700-1900, validation 1901-1920, test 1921-1955 and 1956-1979), beside
 * persistence and a linear autoregression on the same windows (SimpleRnn and LSTM).
 *
 * <ol>
 *   <li>Read experiments/sunspots-simplernn.properties and experiments/sunspots-lstm.properties.</li>
 *   <li>Read data/sunspots/yearly.csv through DataVec, standardised with the training span's
 *       mean and deviation.</li>
 *   <li>Train each with DL4J, then the scratch network from DL4J's initial parameters, stopping
 *       early on the validation RMSE.</li>
 *   <li>Write a run folder per network under target/runs/ (forecast plots, the normaliser) and
 *       print the results table, every RMSE in sunspot numbers.</li>
 * </ol>
 * Run it from the project root (an IDE's default); other settings files may be named as arguments,
 * for example a copy pointed at your own CSV file.
 */
public final class SeriesForecast {

    static final Usage USAGE = Experiments.trainingUsage(SeriesForecast.class,
            "Trains networks to forecast yearly sunspot numbers from the 12 years before, beside"
                    + " persistence and a linear autoregression, and prints the results table.",
            List.of("sunspots-simplernn", "sunspots-lstm"));

    private SeriesForecast() {
    }

    public static void main(String[] args) {
        Experiments.main(args, SeriesForecast::run);
    }

    /** The entry logic: the exit status, never an exception (see {@link Experiments}). */
    static int run(String[] args, Invocation io) {
        return Experiments.runAndReport(USAGE, io, args);
    }
}

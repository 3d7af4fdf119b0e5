package org.rnnlab.lab.training;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.util.UIDProvider;
import org.deeplearning4j.ui.model.stats.BaseStatsListener;
import org.deeplearning4j.ui.model.stats.api.Histogram;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsInitializationReport;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsReport;
import org.deeplearning4j.ui.model.storage.impl.SbeStorageMetaData;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.scratch.ParamBlock;
import org.rnnlab.scratch.ParameterLayout;
import org.rnnlab.scratch.StepObserver;

/**
 * The scratch network's training statistics in DL4J's UI format: the reports DL4J's
 * {@code StatsListener} makes for a MultiLayerNetwork, with the same session and type, the same
 * parameter names and the same numbers, so the UI shows a scratch run like a DL4J one and the two
 * can be compared in it.
 *
 * <p>Per parameter and report: mean, standard deviation (with n − 1, as ND4J's), mean magnitude
 * (L1 norm / length) and a {@value TrainingStats#BINS}-bin histogram of the parameter after the
 * update, of its gradient (of the minibatch's summed loss, before division and clipping, which is
 * where DL4J's listener looks) and the update subtracted. The model page shows
 * the DL4J configuration built from the same settings, which is the scratch network's architecture.
 */
final class ScratchStatsReporter implements StepObserver {

    /** The model class the UI is told about; its name must end as DL4J's for the model page. */
    static final String MODEL_CLASS = "org.rnnlab.scratch.ScratchNetwork, as org.deeplearning4j.nn.multilayer.MultiLayerNetwork";

    private final StatsStorageRouter router;
    private final String sessionId;
    private final String workerId;
    private final int every;
    private final long minIntervalMs;
    private final ParameterLayout layout;
    private final ExperimentSettings settings;
    private final Map<String, long[]> gcAtLastReport = new HashMap<>();

    private boolean initialised;
    private long initTime;
    private long lastReportTime;
    private long lastStamp;
    private long examplesSinceReport;
    private long minibatchesSinceReport;
    private long totalExamples;
    private long totalMinibatches;

    ScratchStatsReporter(TrainingStats stats, ParameterLayout layout, ExperimentSettings settings, String workerId) {
        this.router = stats.router();
        this.sessionId = stats.sessionId();
        this.workerId = workerId;
        this.every = stats.every();
        this.minIntervalMs = stats.minIntervalMs();
        this.layout = layout;
        this.settings = settings;
    }

    /**
     * DL4J reports every update when every is 1, else at the multiples of every after 0; the
     * reports the writer would leave out for coming too soon are not computed at all.
     */
    @Override
    public boolean observes(int iteration) {
        boolean due = every == 1 || (iteration != 0 && iteration % every == 0);
        return due && (lastStamp == 0 || System.currentTimeMillis() - lastStamp >= minIntervalMs);
    }

    @Override
    public void updated(int iteration, double score, int examples, double[] gradient, double[] update,
                        double[] parameters) {
        long now = System.currentTimeMillis();
        if (!initialised) {
            initialised = true;
            initTime = now;
            lastReportTime = now;
            putStaticInfo(now);
        }
        examplesSinceReport += examples;
        totalExamples += examples;
        minibatchesSinceReport++;
        totalMinibatches++;
        if (parameters == null) {
            return;
        }
        // the storage keeps one report per worker and timestamp: two in the same millisecond would
        // be one, so each report is stamped at least 1 ms after the one before
        long stamp = Math.max(now, lastStamp + 1);
        lastStamp = stamp;
        SbeStatsReport report = new SbeStatsReport();
        report.reportIDs(sessionId, BaseStatsListener.TYPE_ID, workerId, stamp);
        long elapsed = Math.max(1, now - lastReportTime);
        report.reportPerformance(now - initTime, totalExamples, totalMinibatches,
                1000.0 * examplesSinceReport / elapsed, 1000.0 * minibatchesSinceReport / elapsed);
        examplesSinceReport = 0;
        minibatchesSinceReport = 0;
        Runtime runtime = Runtime.getRuntime();
        report.reportMemoryUse(runtime.totalMemory(), runtime.maxMemory(), Pointer.totalBytes(), Pointer.maxBytes(),
                null, null);
        reportGarbageCollection(report);
        report.reportScore(score);
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String name : layout.names()) {
            rates.put(name, settings.training().learningRate());
        }
        report.reportLearningRates(rates);
        report(report, StatsType.Parameters, parameters);
        report(report, StatsType.Gradients, gradient);
        report(report, StatsType.Updates, update);
        report.reportStatsCollectionDurationMS((int) (System.currentTimeMillis() - now));
        report.reportIterationCount(iteration);
        lastReportTime = now;
        router.putUpdate(report);
    }

    private void putStaticInfo(long now) {
        SbeStatsInitializationReport init = new SbeStatsInitializationReport();
        init.reportIDs(sessionId, BaseStatsListener.TYPE_ID, workerId, now);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        RuntimeMXBean jvm = ManagementFactory.getRuntimeMXBean();
        init.reportSoftwareInfo(os.getArch(), os.getName(), jvm.getVmName(), System.getProperty("java.version"),
                jvm.getSpecVersion(), "rnnlab scratch (plain Java arrays)", "DOUBLE", hostName(),
                UIDProvider.getJVMUID(), Map.of());
        init.reportHardwareInfo(Runtime.getRuntime().availableProcessors(), 0, Runtime.getRuntime().maxMemory(),
                Pointer.maxBytes(), null, null, UIDProvider.getHardwareUID());
        List<String> names = layout.names();
        init.reportModelInfo(MODEL_CLASS,
                NetworkFactory.configuration(settings.network(), settings.training()).toJson(),
                names.toArray(new String[0]), settings.network().layers() + 1, layout.size());
        router.putStorageMetaData(new SbeStorageMetaData(now, sessionId, BaseStatsListener.TYPE_ID, workerId,
                SbeStatsInitializationReport.class, SbeStatsReport.class));
        router.putStaticInfo(init);
    }

    private void reportGarbageCollection(SbeStatsReport report) {
        boolean first = gcAtLastReport.isEmpty();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            long count = bean.getCollectionCount();
            long millis = bean.getCollectionTime();
            long[] last = gcAtLastReport.put(bean.getName(), new long[] {count, millis});
            if (!first && last != null) {
                report.reportGarbageCollection(bean.getName(), (int) (count - last[0]), (int) (millis - last[1]));
            }
        }
    }

    private void report(SbeStatsReport report, StatsType type, double[] flat) {
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> stdev = new LinkedHashMap<>();
        Map<String, Double> magnitude = new LinkedHashMap<>();
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (ParamBlock block : layout.blocks()) {
            Summary s = Summary.of(flat, block.offset(), block.end());
            mean.put(block.name(), s.mean);
            stdev.put(block.name(), s.stdev);
            magnitude.put(block.name(), s.meanMagnitude);
            histograms.put(block.name(), histogram(flat, block.offset(), block.end(), s.min, s.max));
        }
        report.reportMean(type, mean);
        report.reportStdev(type, stdev);
        report.reportMeanMagnitudes(type, magnitude);
        report.reportHistograms(type, histograms);
    }

    /** {@value TrainingStats#BINS} equal bins from min to max, the maximum in the last. */
    static Histogram histogram(double[] values, int from, int to, double min, double max) {
        int[] counts = new int[TrainingStats.BINS];
        double width = (max - min) / TrainingStats.BINS;
        for (int k = from; k < to; k++) {
            int bin = width > 0 ? (int) ((values[k] - min) / width) : 0;
            counts[Math.min(TrainingStats.BINS - 1, Math.max(0, bin))]++;
        }
        return new Histogram(min, max, TrainingStats.BINS, counts);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }

    /** One parameter's summary, as ND4J computes it for DL4J's listener. */
    record Summary(double mean, double stdev, double meanMagnitude, double min, double max) {

        static Summary of(double[] values, int from, int to) {
            int n = to - from;
            double sum = 0;
            double abs = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = from; k < to; k++) {
                sum += values[k];
                abs += Math.abs(values[k]);
                min = Math.min(min, values[k]);
                max = Math.max(max, values[k]);
            }
            double mean = sum / n;
            double squares = 0;
            for (int k = from; k < to; k++) {
                double d = values[k] - mean;
                squares += d * d;
            }
            double stdev = n > 1 ? Math.sqrt(squares / (n - 1)) : 0.0;
            return new Summary(mean, stdev, abs / n, min, max);
        }
    }
}

package org.rnnlab.lab.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.bridge.Batches;
import org.rnnlab.dl4j.BlasKernels;
import org.rnnlab.dl4j.SystemProperties;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SparkSettings;
import org.rnnlab.lab.tasks.SequenceModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings' DL4J network trained on Apache Spark by DL4J's parameter averaging: each epoch's
 * minibatches, read through the task's DataVec iterator as for every other run, become an RDD; each
 * worker fits {@code spark.averaging.frequency} of them from the current parameters, then the
 * driver averages the workers' parameters (and updater states) and starts the next round.
 *
 * <p>In local mode (local[N]) Spark runs in this JVM and listens on 127.0.0.1 only; its web UI is
 * off unless {@value #UI_PROPERTY} is true. Its scratch files (block manager, Hadoop's temp) go
 * under {@code target/spark/} and are deleted by {@link #close()}, which also stops the context. One
 * Spark run at a time per JVM: Spark allows one context per JVM.
 */
public final class SparkNetwork implements TrainableNetwork, AutoCloseable {

    public static final String IMPLEMENTATION = "dl4j-spark";

    /**
     * System property: how long an epoch waits, in seconds, while a cluster gives the application no
     * executor at all (the master and the workers lost, or no free cores) before the run stops with a
     * checkpoint; 300 by default.
     */
    public static final String NO_EXECUTOR_PROPERTY = "rnnlab.spark.no.executor.seconds";

    /** System property: true starts Spark's web UI (off by default; on a cluster it listens on all interfaces). */
    public static final String UI_PROPERTY = "rnnlab.spark.ui";

    /** Where Spark's scratch folders go, relative to the working directory (the project root). */
    static final Path SCRATCH_ROOT = Path.of("target", "spark");

    private static final Semaphore ONE_CONTEXT = new Semaphore(1);
    private static final Logger LOG = LoggerFactory.getLogger(SparkNetwork.class);

    private final Dl4jNetwork network;
    private final Path scratch;
    private final JavaSparkContext context;
    private final int batch;
    private final int averagingFrequency;
    private final long seed;
    private final List<DataSet> epoch = new ArrayList<>();
    /** Set by {@link #cancelEpoch()}: the epoch's Spark jobs are cancelled, and any it starts after. */
    private volatile boolean cancelling;
    /** Why the epoch was given up without a stop request (no executor), or null. */
    private volatile String givenUp;
    private final boolean cluster;
    private final String master;
    private boolean closed;

    private SparkNetwork(ExperimentSettings settings, Dl4jNetwork network) throws IOException {
        this.network = network;
        SparkSettings sparkSettings = settings.spark();
        ONE_CONTEXT.acquireUninterruptibly();
        Path dir = null;
        JavaSparkContext started = null;
        try {
            dir = Files.createDirectories(SCRATCH_ROOT.resolve(settings.name() + "-" + UUID.randomUUID()))
                    .toAbsolutePath();
            started = new JavaSparkContext(conf(settings.name(), sparkSettings, dir));
            JavaSparkContext context = started;
            context.sc().addSparkListener(new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart job) {
                    if (cancelling) {
                        context.sc().cancelJob(job.jobId());
                    }
                }
            });
        } catch (RuntimeException | Error | IOException e) {
            if (started != null) {
                started.stop();
            }
            if (dir != null) {
                Checkpoint.deleteTree(dir);
            }
            ONE_CONTEXT.release();
            throw e;
        }
        this.scratch = dir;
        this.context = started;
        this.batch = settings.training().batch();
        this.cluster = !sparkSettings.isLocal();
        this.master = sparkSettings.master();
        this.averagingFrequency = sparkSettings.averagingFrequency();
        this.seed = settings.training().seed();
        LOG.info("{}: Spark {} with {} worker(s), averaging every {} minibatch(es) of {}", settings.name(),
                sparkSettings.master(), context.defaultParallelism(), sparkSettings.averagingFrequency(),
                settings.training().batch());
    }

    /**
     * A Spark run of the settings' network starting from {@code parameters} (a single-machine DL4J
     * network's initial ones, so the two runs differ only in how they train). Waits while another
     * Spark run of this JVM goes on. Close it to stop Spark and delete its scratch files.
     */
    public static SparkNetwork startingFrom(ExperimentSettings settings, double[] parameters) throws IOException {
        Dl4jNetwork network = Dl4jNetwork.create(settings);
        if (parameters != null) {
            network.setParameters(parameters);
        }
        return new SparkNetwork(settings, network);
    }

    /**
     * The Spark configuration: loopback only in local mode and with a cluster on this machine, no web
     * UI unless asked, scratch under {@code dir}.
     */
    static SparkConf conf(String name, SparkSettings settings, Path dir) {
        SparkConf conf = new SparkConf()
                .setMaster(settings.master())
                .setAppName("rnnlab " + name)
                .set("spark.ui.enabled", Boolean.toString(Boolean.getBoolean(UI_PROPERTY)))
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.local.dir", dir.resolve("local").toString())
                .set("spark.hadoop.hadoop.tmp.dir", dir.resolve("hadoop").toString());
        if (settings.isLocal() || settings.isLoopbackCluster()) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!settings.isLocal()) {
            // An executor runs one task per core, and rnnlab's network is small: ND4J's and OpenBLAS's
            // own threads (one per core by default) would only compete with the other tasks, as in this
            // JVM (dl4j.Backend). The same OpenBLAS kernels as here, so that the workers round alike.
            setIfAbsent(conf, "spark.executorEnv.OMP_NUM_THREADS", "1");
            setIfAbsent(conf, "spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
            BlasKernels.coreType().ifPresent(core -> setIfAbsent(conf, "spark.executorEnv." + BlasKernels.VARIABLE,
                    core));
        }
        return conf;
    }

    private static void setIfAbsent(SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            conf.set(key, value);
        }
    }

    /** The network whose parameters the workers' averages replace after every round. */
    public Dl4jNetwork network() {
        return network;
    }

    /** Spark's worker count: local[N]'s N, or a cluster's executor cores. */
    public int workers() {
        return context.defaultParallelism();
    }

    @Override
    public String implementation() {
        return IMPLEMENTATION;
    }

    @Override
    public long numParams() {
        return network.numParams();
    }

    /** Keeps the minibatch for the epoch's Spark job (see {@link #finishEpoch}); nothing trains yet. */
    @Override
    public double fit(DataSet batch, int epochIndex) {
        epoch.add(Batches.inTypeOf(network.net(), batch));
        return 0.0;
    }

    @Override
    public boolean trainsAtEpochEnd() {
        return true;
    }

    /**
     * Trains on the epoch's minibatches as an RDD, one part per worker; the workers' mean last score.
     * Each epoch's training master draws its split of the minibatches from the seed and the epoch
     * alone, so an epoch trains the same whether the run went through or was resumed before it.
     *
     * @throws EpochCancelledException after {@link #cancelEpoch()}, the network put back as it was
     */
    @Override
    public double finishEpoch(int epochIndex) {
        try {
            if (epoch.isEmpty()) {
                return 0.0;
            }
            MultiLayerNetwork net = network.net();
            Before before = new Before(net);
            net.setEpochCount(epochIndex);
            JavaRDD<DataSet> data = context.parallelize(new ArrayList<>(epoch), context.defaultParallelism());
            epoch.clear();
            if (cancelling) {
                throw new EpochCancelledException("stopped before its Spark job started");
            }
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(context, net, trainingMaster(epochIndex));
            Thread watch = cluster ? watchExecutors(epochIndex) : null;
            try {
                spark.fit(data);
            } catch (Exception e) {
                // SparkException is a checked exception that Scala code throws undeclared
                if (cancelling) {
                    before.putBack(net);
                    throw new EpochCancelledException("its Spark job cancelled", givenUp);
                }
                throw e;
            } finally {
                if (watch != null) {
                    watch.interrupt();
                }
            }
            return spark.getScore();
        } finally {
            cancelling = false;
            givenUp = null;
        }
    }

    /**
     * A thread that gives up the epoch once the application has had no executor for
     * {@value #NO_EXECUTOR_PROPERTY} seconds: Spark itself waits for one without limit, so a cluster
     * whose master and workers are gone would hold the run forever.
     */
    private Thread watchExecutors(int epochIndex) {
        long limit = SystemProperties.positiveInt(NO_EXECUTOR_PROPERTY, 300) * 1_000_000_000L;
        Thread watch = new Thread(() -> {
            long since = System.nanoTime();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    // the driver counts among the executor infos
                    if (context.sc().statusTracker().getExecutorInfos().length > 1) {
                        since = System.nanoTime();
                    } else if (System.nanoTime() - since > limit) {
                        givenUp = "Spark: the application had no executor for " + limit / 1_000_000_000L + " s during"
                                + " epoch " + (epochIndex + 1) + " (master " + master + " or its workers lost, or no"
                                + " free cores; -D" + NO_EXECUTOR_PROPERTY + " sets the wait)";
                        LOG.warn("{}", givenUp);
                        cancelEpoch();
                        return;
                    }
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                // the epoch ended
            }
        }, "rnnlab-spark-executor-watch");
        watch.setDaemon(true);
        watch.start();
        return watch;
    }

    /** Cancels the Spark job training the epoch, and any the epoch starts after it. */
    @Override
    public void cancelEpoch() {
        cancelling = true;
        context.cancelAllJobs();
    }

    private ParameterAveragingTrainingMaster trainingMaster(int epochIndex) {
        return new ParameterAveragingTrainingMaster.Builder(batch)
                .batchSizePerWorker(batch)
                .averagingFrequency(averagingFrequency)
                .workerPrefetchNumBatches(2)
                .rngSeed(new SplittableRandom(seed + epochIndex).nextLong())
                // the minibatches go to the workers as the RDD's own partitions; DL4J's default (export
                // them to files the workers read) needs storage every machine reaches, such as HDFS,
                // which it refuses to do without on a cluster
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .build();
    }

    /** The network's parameters, updater state and counters before an epoch, to put back if it is cancelled. */
    private static final class Before {
        private final INDArray parameters;
        private final INDArray updaterState;
        private final int iterations;
        private final int epochs;

        Before(MultiLayerNetwork net) {
            parameters = net.params().dup();
            INDArray state = net.getUpdater().getStateViewArray();
            updaterState = state == null ? null : state.dup();
            iterations = net.getIterationCount();
            epochs = net.getEpochCount();
        }

        void putBack(MultiLayerNetwork net) {
            net.setParams(parameters);
            if (updaterState != null) {
                net.getUpdater().setStateViewArray(net, updaterState, false);
            }
            net.setIterationCount(iterations);
            net.setEpochCount(epochs);
        }
    }

    @Override
    public void dropUnfinishedEpoch() {
        epoch.clear();
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

    /** Puts back a single-machine DL4J state; the next epoch's Spark job trains that network. */
    @Override
    public void readState(Path dir) throws IOException {
        network.readState(dir);
    }

    /** Stops Spark, deletes its scratch files and lets the next Spark run of this JVM start. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            context.stop();
            // Spark keeps the first context's local folders for the JVM's life; the next run's context
            // would re-create this run's folders after they are deleted below
            org.apache.spark.util.Utils$.MODULE$.clearLocalRootDirs();
        } finally {
            try {
                Checkpoint.deleteTree(scratch);
                deleteIfEmpty(SCRATCH_ROOT);
            } finally {
                ONE_CONTEXT.release();
            }
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            LOG.debug("{} stays: {}", dir, e.toString());
        }
    }
}

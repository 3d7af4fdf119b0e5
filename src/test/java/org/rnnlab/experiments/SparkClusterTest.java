package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SparkSettings;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.lab.training.RunOutcome;
import org.rnnlab.lab.training.SparkNetwork;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.TrainableNetwork;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.lab.training.TrainingStoppedException;
import org.rnnlab.testing.ForwardingNetwork;
import org.rnnlab.testing.ListeningSockets;
import org.rnnlab.testing.SettingsCopies;

/**
 * The whole cluster path on the smallest network: a standalone cluster of a master and two workers
 * (each a JVM of its own) comes up on 127.0.0.1, a driver in this JVM trains two epochs on it with
 * the executors in JVMs of their own, one worker is SIGKILLed as the second epoch's first task starts,
 * and the run still finishes (Spark runs the lost work on the other worker). While it trains, no
 * process of the cluster, nor this JVM, listens outside loopback; once the cluster is closed, none of
 * its processes is left. And a run whose whole cluster is lost stops with a checkpoint instead of
 * waiting for ever.
 */
class SparkClusterTest {

    private static final Duration WHOLE = Duration.ofMinutes(8);

    /**
     * How long the run waits for an executor once the cluster is gone, here; long enough that a
     * loaded machine's executors, slow to start, are not taken for a lost cluster in the first epoch.
     */
    private static final int NO_EXECUTOR_SECONDS = 25;

    /** The cluster's Spark home and files: under target/, apart from a cluster a person runs. */
    private static final Path ROOT = Path.of("target", "spark-cluster-test").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void twoEpochsOnAClusterOfTwoWorkersFinishWhenAWorkerIsKilled() throws Exception {
        assertTimeoutPreemptively(WHOLE, this::trainOnACluster, () -> "the cluster run did not end within "
                + WHOLE.toMinutes() + " minutes (a hang); the cluster's logs are in " + ROOT);
    }

    private void trainOnACluster() throws Exception {
        List<ProcessHandle> everyProcess = new ArrayList<>();
        Map<String, Set<String>> outsideLoopback = new TreeMap<>();
        Set<String> executorsAdded = ConcurrentHashMap.newKeySet();
        Set<String> executorsRemoved = ConcurrentHashMap.newKeySet();
        SparkCluster cluster = SparkCluster.start(SparkCluster.Options.DEFAULT, ROOT.resolve("home"),
                ROOT.resolve("cluster"));
        RunOutcome outcome;
        try {
            everyProcess.add(cluster.master());
            everyProcess.addAll(cluster.workers());
            assertEquals(2, cluster.aliveWorkers());
            ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir, DataFiles.dataDir(),
                    Map.of("hidden", "4", "epochs", "2", "batch", "32", "stop.patience", "0", "engine", "spark",
                            "spark.master", cluster.masterUrl(), "spark.averaging.frequency", "1"));
            ProcessHandle victim = cluster.workers().get(0);
            AtomicBoolean killNow = new AtomicBoolean();
            AtomicBoolean killed = new AtomicBoolean();
            withExecutorSettings(() -> {
                try (SparkNetwork spark = SparkNetwork.startingFrom(settings, null)) {
                    SparkContext.getOrCreate().addSparkListener(new SparkListener() {
                        @Override
                        public void onExecutorAdded(SparkListenerExecutorAdded added) {
                            executorsAdded.add(added.executorId());
                        }

                        @Override
                        public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
                            executorsRemoved.add(removed.executorId());
                        }

                        @Override
                        public void onTaskStart(SparkListenerTaskStart task) {
                            if (killNow.get() && killed.compareAndSet(false, true)) {
                                cluster.executors().forEach(everyProcess::add);
                                recordOutsideLoopback(everyProcess, outsideLoopback);
                                victim.destroyForcibly();
                            }
                        }
                    });
                    TrainableNetwork killsInEpoch2 = new KillingBeforeEpoch2(spark, killNow);
                    return Trainer.run(settings, TaskKinds.task(settings), killsInEpoch2, dir.resolve("runs"),
                            new StopRequest());
                }
            });
            outcome = lastOutcome;
            assertTrue(killed.get(), "a worker was killed during the second epoch");
            assertFalse(victim.isAlive(), "the killed worker is gone");
            awaitAliveWorkers(cluster, 1);
            recordOutsideLoopback(List.of(ProcessHandle.current()), outsideLoopback);
        } finally {
            cluster.executors().forEach(everyProcess::add);
            cluster.close();
        }

        assertFalse(outcome.folder().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX), outcome.folder().toString());
        assertTrue(Files.isRegularFile(outcome.folder().resolve("model.zip")), "the run saved its network");
        assertEquals(2, executorsAdded.size(), "one executor per worker, each a JVM of its own: " + executorsAdded);
        assertFalse(executorsRemoved.isEmpty(), "the killed worker's executor was lost");
        assertEquals(Map.of(), outsideLoopback, "listening sockets outside loopback (addresses as /proc writes them)");
        for (ProcessHandle process : everyProcess) {
            assertFalse(process.isAlive(), "process " + process.pid() + " of the cluster still runs after close()");
        }
        assertFalse(Files.exists(Path.of("target", "spark")) && isNotEmpty(Path.of("target", "spark")),
                "the driver's scratch folder is deleted");
    }

    @Test
    void aClusterWhoseMasterAndWorkersAreLostStopsTheRunWithACheckpointThatResumes() throws Exception {
        assertTimeoutPreemptively(WHOLE, this::loseTheWholeCluster, () -> "the run did not stop within "
                + WHOLE.toMinutes() + " minutes of losing its cluster (a hang); the cluster's logs are in " + ROOT);
    }

    /**
     * Before the second epoch the master and both workers are SIGKILLed (their executors end with
     * them): Spark waits for executors without limit, rnnlab for {@value #NO_EXECUTOR_SECONDS} s (as
     * set here), then stops the run with a checkpoint after the first epoch, which resumes on local[2].
     */
    private void loseTheWholeCluster() throws Exception {
        SparkCluster cluster = SparkCluster.start(SparkCluster.Options.DEFAULT, ROOT.resolve("home"),
                ROOT.resolve("cluster"));
        List<ProcessHandle> everyProcess = new ArrayList<>(cluster.workers());
        everyProcess.add(cluster.master());
        Path stopped;
        try {
            ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir, DataFiles.dataDir(),
                    Map.of("hidden", "4", "epochs", "3", "batch", "32", "stop.patience", "0", "engine", "spark",
                            "spark.master", cluster.masterUrl(), "spark.averaging.frequency", "1"));
            System.setProperty(SparkNetwork.NO_EXECUTOR_PROPERTY, Integer.toString(NO_EXECUTOR_SECONDS));
            try {
                StopRequest stop = new StopRequest();
                TrainingStoppedException e = assertThrows(TrainingStoppedException.class,
                        () -> withExecutorSettings(() -> {
                            try (SparkNetwork spark = SparkNetwork.startingFrom(settings, null)) {
                                TrainableNetwork losesItsCluster = new KillingBeforeEpoch2(spark, new AtomicBoolean()) {
                                    @Override
                                    public double finishEpoch(int epoch) {
                                        if (epoch == 1) {
                                            everyProcess.addAll(cluster.executors());
                                            everyProcess.forEach(ProcessHandle::destroyForcibly);
                                            everyProcess.forEach(p -> p.onExit().join());
                                        }
                                        return super.finishEpoch(epoch);
                                    }
                                };
                                return Trainer.run(settings, TaskKinds.task(settings), losesItsCluster,
                                        dir.resolve("runs"), stop);
                            }
                        }));
                assertEquals(1, e.reason().exitStatus(), "a failure's exit status");
                stopped = e.folders().get(0);
            } finally {
                System.clearProperty(SparkNetwork.NO_EXECUTOR_PROPERTY);
            }
        } finally {
            cluster.close();
        }
        String note = Files.readString(stopped.resolve(Trainer.STOPPED));
        assertTrue(note.contains("no executor for " + NO_EXECUTOR_SECONDS + " s") && note.contains("after epoch 1")
                && note.contains("--resume"), note);

        System.setProperty(SparkSettings.MASTER_PROPERTY, "local[2]");
        try {
            RunOutcome resumed = Trainer.resume(stopped, DataFiles.dataDir(), new StopRequest(), 1);
            assertFalse(resumed.folder().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX));
            assertEquals(4, Files.readAllLines(resumed.folder().resolve("metrics.csv")).size(),
                    "a header and three epochs");
        } finally {
            System.clearProperty(SparkSettings.MASTER_PROPERTY);
        }
    }

    private RunOutcome lastOutcome;

    private interface Training {
        RunOutcome run() throws Exception;
    }

    /**
     * Runs {@code training} with the executors' settings as system properties (SparkConf reads them):
     * the executors take DL4J, ND4J and rnnlab's classes from this JVM's class path, as the shaded jar
     * brings them to a cluster, and a modest heap.
     */
    private void withExecutorSettings(Training training) throws Exception {
        List<String> application = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith(".jar") || SparkCluster.APPLICATION_GROUPS.stream()
                        .anyMatch(group -> entry.replace('\\', '/').contains(group)))
                .toList();
        Map<String, String> properties = Map.of(
                "spark.executor.extraClassPath", String.join(File.pathSeparator, application),
                "spark.executor.memory", "512m",
                "spark.executor.extraJavaOptions", String.join(" ", SparkCluster.JAVA_17_FLAGS));
        properties.forEach(System::setProperty);
        try {
            lastOutcome = training.run();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static void recordOutsideLoopback(List<ProcessHandle> processes, Map<String, Set<String>> found) {
        if (!ListeningSockets.available()) {
            return;
        }
        for (ProcessHandle process : processes) {
            try {
                Set<String> outside = ListeningSockets.notOnLoopback(process.pid());
                if (!outside.isEmpty()) {
                    found.put(process.pid() + " " + process.info().command().orElse("?"), outside);
                }
            } catch (IOException e) {
                found.put(process.pid() + " unreadable", Set.of(e.toString()));
            }
        }
    }

    private static void awaitAliveWorkers(SparkCluster cluster, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cluster.aliveWorkers() != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(expected, cluster.aliveWorkers(), "workers the master counts alive");
    }

    private static boolean isNotEmpty(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.findAny().isPresent();
        }
    }

    /** The Spark network, with the kill armed as the second epoch's Spark job is about to start. */
    private static class KillingBeforeEpoch2 extends ForwardingNetwork {
        private final AtomicBoolean killNow;

        KillingBeforeEpoch2(SparkNetwork network, AtomicBoolean killNow) {
            super(network);
            this.killNow = killNow;
        }

        @Override
        public double finishEpoch(int epoch) {
            killNow.set(epoch == 1);
            return super.finishEpoch(epoch);
        }
    }
}

package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.ForwardingNetwork;
import org.rnnlab.testing.SettingsCopies;

/**
 * A Spark run (local[2]) stopped and resumed from its checkpoint ends with the parameters and the
 * metrics.csv of the same run not stopped: stopped at an epoch boundary, and stopped while an epoch's
 * Spark job trains (the job is cancelled, the network put back as it was before the epoch, and the
 * epoch trains again on resume). Parameter averaging is deterministic here: each epoch's split of the
 * minibatches over the workers comes from the seed and the epoch, and the average of two workers'
 * results does not depend on which finishes first. The tolerance is DL4J's own for a resumed run,
 * {@value #TOLERANCE} relative, per parameter.
 */
class SparkResumeTest {

    /** The largest relative difference of a parameter between the resumed and the uninterrupted run. */
    static final double TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    private ExperimentSettings settings() throws IOException {
        return SettingsCopies.load("e4-sine-slow-simplernn", dir, DataFiles.dataDir(),
                Map.of("hidden", "4", "epochs", "4", "batch", "32", "stop.patience", "0", "engine", "spark",
                        "spark.master", "local[2]", "spark.averaging.frequency", "1", "checkpoint.every", "0"));
    }

    @Test
    void aSparkRunStoppedAtAnEpochBoundaryResumesToTheUninterruptedParameters() throws Exception {
        ExperimentSettings settings = settings();
        List<Integer> jobsPerEpoch = new ArrayList<>();
        RunOutcome straight = uninterrupted(settings, jobsPerEpoch);

        StopRequest stop = new StopRequest();
        Path stopped;
        try (SparkNetwork spark = SparkNetwork.startingFrom(settings, null)) {
            TrainableNetwork stopsAfterEpoch2 = new ForwardingNetwork(spark) {
                @Override
                public double finishEpoch(int epoch) {
                    double score = super.finishEpoch(epoch);
                    if (epoch == 1) {
                        stop.request("the test", 143);
                    }
                    return score;
                }
            };
            TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () -> Trainer.run(settings,
                    TaskKinds.task(settings), stopsAfterEpoch2, dir.resolve("stopped"), stop));
            stopped = e.folders().get(0);
        }
        String note = Files.readString(stopped.resolve(Trainer.STOPPED), StandardCharsets.UTF_8);
        assertTrue(note.contains("during epoch 3 of 4") && note.contains("after epoch 2"), note);

        assertResumedEqualsUninterrupted(settings, straight, stopped);
    }

    @Test
    void aSparkRunStoppedWhileItsEpochTrainsIsPutBackAndResumesToTheUninterruptedParameters() throws Exception {
        ExperimentSettings settings = settings();
        List<Integer> jobsPerEpoch = new ArrayList<>();
        RunOutcome straight = uninterrupted(settings, jobsPerEpoch);
        int perEpoch = jobsPerEpoch.get(1);
        assertTrue(perEpoch >= 2, "an epoch runs several Spark jobs (an export, then a job per averaging): "
                + jobsPerEpoch);
        // the last job of epoch 3: by then the epoch's earlier jobs have changed the network
        int stopAtJob = jobsPerEpoch.get(0) + jobsPerEpoch.get(1) + perEpoch;

        StopRequest stop = new StopRequest();
        Path stopped;
        try (SparkNetwork spark = SparkNetwork.startingFrom(settings, null)) {
            AtomicInteger jobs = new AtomicInteger();
            SparkContext.getOrCreate().addSparkListener(new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart job) {
                    if (jobs.incrementAndGet() == stopAtJob) {
                        stop.request("the test", 143);
                    }
                }
            });
            TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () -> Trainer.run(settings,
                    TaskKinds.task(settings), spark, dir.resolve("stopped"), stop));
            stopped = e.folders().get(0);
        }
        String note = Files.readString(stopped.resolve(Trainer.STOPPED), StandardCharsets.UTF_8);
        assertTrue(note.contains("during epoch 3 of 4") && note.contains("its Spark job cancelled")
                && note.contains("after epoch 2") && note.contains("mvn -q -Pspark compile exec:java"), note);

        assertResumedEqualsUninterrupted(settings, straight, stopped);
    }

    /** The run not stopped; {@code jobsPerEpoch} gets how many Spark jobs each epoch ran. */
    private RunOutcome uninterrupted(ExperimentSettings settings, List<Integer> jobsPerEpoch) throws IOException {
        try (SparkNetwork spark = SparkNetwork.startingFrom(settings, null)) {
            AtomicInteger jobs = new AtomicInteger();
            SparkContext.getOrCreate().addSparkListener(new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart job) {
                    jobs.incrementAndGet();
                }
            });
            TrainableNetwork counting = new ForwardingNetwork(spark) {
                private int before;

                @Override
                public double finishEpoch(int epoch) {
                    double score = super.finishEpoch(epoch);
                    // the listener bus is asynchronous: wait until it has seen this epoch's jobs
                    try {
                        SparkContext.getOrCreate().listenerBus().waitUntilEmpty(60_000);
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw new IllegalStateException("Spark's listener bus did not empty within a minute", e);
                    }
                    jobsPerEpoch.add(jobs.get() - before);
                    before = jobs.get();
                    return score;
                }
            };
            return Trainer.run(settings, TaskKinds.task(settings), counting, dir.resolve("straight"),
                    new StopRequest());
        }
    }

    private void assertResumedEqualsUninterrupted(ExperimentSettings settings, RunOutcome straight, Path stopped)
            throws Exception {
        assertTrue(Checkpoint.newest(stopped).isPresent(), "the stop wrote a checkpoint");
        RunOutcome resumed = Trainer.resume(stopped, DataFiles.dataDir(), new StopRequest(), 1);
        assertFalse(resumed.folder().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX));
        assertEquals(text(straight.folder(), "metrics.csv"), text(resumed.folder(), "metrics.csv"));

        double[] expected = SavedRun.open(straight.folder(), DataFiles.dataDir()).trainedParameters();
        double[] actual = SavedRun.open(resumed.folder(), DataFiles.dataDir()).trainedParameters();
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            worst = Math.max(worst, Math.abs(expected[k] - actual[k]) / Math.max(1e-300, Math.abs(expected[k])));
        }
        System.out.printf("%s on Spark, resumed vs uninterrupted: largest relative parameter difference %.3g%n",
                settings.name(), worst);
        assertTrue(worst <= TOLERANCE, "largest relative difference " + worst);
    }

    private static String text(Path folder, String name) throws IOException {
        return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
    }
}

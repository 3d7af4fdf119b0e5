package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.dl4j.SystemProperties;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.ListeningSockets;
import org.rnnlab.testing.SettingsCopies;

/**
 * Spark runs one after another in one JVM: each starts its own context after the previous one
 * stopped, finishes (a hang fails with a message, not a stuck build), and parameter averaging
 * repeats itself: the same settings end with the same parameters. While a run goes on, every socket
 * the JVM listens on is on loopback. Two runs by default;
 * {@code -Drnnlab.spark.runs=10} makes it ten.
 */
class SparkRepeatTest {

    /** System property: how many runs. */
    static final String RUNS_PROPERTY = "rnnlab.spark.runs";

    private static final Duration PER_RUN = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void consecutiveSparkRunsFinishAndAgree() throws Exception {
        int runs = SystemProperties.positiveInt(RUNS_PROPERTY, 2);
        ExperimentSettings settings = SettingsCopies.load("e4-sine-slow-simplernn", dir, DataFiles.dataDir(),
                Map.of("hidden", "4", "epochs", "2", "batch", "64", "stop.patience", "0", "engine", "spark",
                        "spark.master", "local[2]", "spark.averaging.frequency", "2"));
        double[] first = null;
        for (int run = 1; run <= runs; run++) {
            int number = run;
            double[] parameters = assertTimeoutPreemptively(PER_RUN, () -> trainOnce(settings, number),
                    () -> "Spark run " + number + " of " + runs + " did not finish within " + PER_RUN.toMinutes()
                            + " minutes: it hangs (take a jstack of the test JVM to see where)");
            assertTrue(java.util.Arrays.stream(parameters).allMatch(Double::isFinite));
            if (first == null) {
                first = parameters;
            } else {
                assertArrayEquals(first, parameters, "run " + run + " ends with other parameters than run 1");
            }
        }
        assertFalse(Files.exists(SparkNetwork.SCRATCH_ROOT) && Files.list(SparkNetwork.SCRATCH_ROOT).findAny()
                .isPresent(), "every run deleted its scratch folder under " + SparkNetwork.SCRATCH_ROOT);
    }

    private double[] trainOnce(ExperimentSettings settings, int run) throws Exception {
        try (SparkNetwork spark = SparkNetwork.startingFrom(settings, null)) {
            if (ListeningSockets.available()) {
                assertEquals(Set.of(), ListeningSockets.notOnLoopback(),
                        "local Spark listens on loopback only (addresses as /proc/net/tcp writes them)");
            }
            Trainer.run(settings, TaskKinds.task(settings), spark, dir.resolve("runs-" + run), new StopRequest());
            return spark.parameters();
        }
    }
}

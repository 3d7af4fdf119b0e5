package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.testing.SettingsCopies;

/**
 * A Spark run that cannot start is refused before anything trains, saying what to do: when the build
 * left Spark's classes out, and when a standalone master does not answer.
 */
class SparkSupportTest {

    @TempDir
    Path dir;

    @Test
    void testSparkClassesAreOnTheTestClassPath() throws IOException {
        assertEquals(null, SparkSupport.missingClass(SparkSupport.REQUIRED_CLASSES));
        assertEquals(List.of(), SparkSupport.problems(settings(Map.of())));
    }

    @Test
    void testMissingSparkClassesNameTheProfile() throws IOException {
        ExperimentSettings settings = settings(Map.of());

        List<String> problems = SparkSupport.problems(settings,
                List.of("org.apache.spark.api.java.JavaSparkContext", "org.rnnlab.NoSuchSparkClass"));

        assertEquals(1, problems.size(), problems.toString());
        String problem = problems.get(0);
        assertTrue(problem.startsWith(settings.source() + ": engine = spark"), problem);
        assertTrue(problem.contains("org.rnnlab.NoSuchSparkClass not found") && problem.contains("-Pspark")
                && problem.contains("spark-submit") && problem.contains("engine = local"), problem);
    }

    @Test
    void testLocalEngineNeedsNoSpark() throws IOException {
        ExperimentSettings local = SettingsCopies.load("e2-sine-window-lstm", dir, DataFiles.dataDir(), Map.of());

        assertEquals(List.of(), SparkSupport.problems(local, List.of("org.rnnlab.NoSuchSparkClass")));
    }

    @Test
    void testUnreachableMasterIsRefusedBeforeTraining() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path file = SettingsCopies.edit(SettingsCopies.reference("e2-sine-window-spark-lstm"), dir,
                Map.of("spark.master", "spark://127.0.0.1:" + closedPort));

        PreflightException e = assertThrows(PreflightException.class,
                () -> ExperimentRunner.prepare(List.of(file), DataFiles.dataDir()));

        assertTrue(e.getMessage().contains(file + ": spark.master = spark://127.0.0.1:" + closedPort)
                && e.getMessage().contains("no master answered") && e.getMessage().contains("start the cluster"),
                e.getMessage());
    }

    @Test
    void testAnsweringMasterPassesTheCheck() throws IOException {
        try (ServerSocket master = new ServerSocket(0)) {
            ExperimentSettings settings = settings(Map.of("spark.master", "spark://127.0.0.1:" + master.getLocalPort()));

            assertEquals(List.of(), SparkSupport.problems(settings));
        }
    }

    @Test
    void testSparkSubmitsMasterMustBeTheSettingsOne() throws IOException {
        ExperimentSettings settings = settings(Map.of("spark.master", "local[2]"));
        System.setProperty("spark.master", "spark://127.0.0.1:7077");
        List<String> problems;
        try {
            problems = SparkSupport.problems(settings);
        } finally {
            System.clearProperty("spark.master");
        }

        assertEquals(1, problems.size(), problems.toString());
        String problem = problems.get(0);
        assertTrue(problem.startsWith(settings.source() + ": spark.master = local[2], but spark-submit was given"
                + " --master spark://127.0.0.1:7077") && problem.contains("-Drnnlab.spark.master=spark://127.0.0.1:7077"),
                problem);
    }

    private ExperimentSettings settings(Map<String, String> changes) throws IOException {
        return SettingsCopies.load("e2-sine-window-spark-lstm", dir, DataFiles.dataDir(), changes);
    }
}

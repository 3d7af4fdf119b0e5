package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SparkCluster decides without starting Spark: its options, the Spark home it lays out (Spark's
 * jars, not the application's), and which processes a killed cluster left that the next start stops.
 */
class SparkClusterHomeTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void endWhatTheTestStarted() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void optionsHaveTheDefaultsAndRefuseWhatCannotBe() {
        assertEquals(SparkCluster.Options.DEFAULT, SparkCluster.Options.parse(new String[0]));
        SparkCluster.Options o = SparkCluster.Options.parse(new String[] {"--workers", "3", "--cores", "2",
                "--memory", "2g", "--daemon-heap", "512m", "--port", "7077"});
        assertEquals(new SparkCluster.Options(3, 2, "2g", "512m", 7077), o);

        for (String[] bad : List.of(new String[] {"--workers", "0"}, new String[] {"--memory", "lots"},
                new String[] {"--cores"}, new String[] {"--port", "70000"}, new String[] {"--nodes", "2"})) {
            assertThrows(IllegalArgumentException.class, () -> SparkCluster.Options.parse(bad), String.join(" ", bad));
        }
    }

    @Test
    void theSparkHomeLinksSparksJarsButNotTheApplications() throws Exception {
        Path repository = dir.resolve("m2");
        Path spark = jar(repository.resolve("org/apache/spark/spark-core_2.12/3.3.0/spark-core_2.12-3.3.0.jar"));
        Path scala = jar(repository.resolve("org/scala-lang/scala-library/2.12.15/scala-library-2.12.15.jar"));
        Path dl4j = jar(repository.resolve("org/deeplearning4j/deeplearning4j-nn/1/deeplearning4j-nn-1.jar"));
        Path nd4j = jar(repository.resolve("org/nd4j/nd4j-native/1/nd4j-native-1.jar"));
        Path classes = Files.createDirectories(dir.resolve("classes"));

        Path home = dir.resolve("home");
        SparkCluster.layOutHome(home, List.of(spark, scala, dl4j, nd4j, classes));

        List<String> jars;
        try (var list = Files.list(home.resolve("jars"))) {
            jars = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("scala-library-2.12.15.jar", "spark-core_2.12-3.3.0.jar"), jars);
        assertTrue(Files.isSymbolicLink(home.resolve("jars").resolve("spark-core_2.12-3.3.0.jar")));
        assertTrue(Files.isDirectory(home.resolve("conf")));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkCluster.layOutHome(dir.resolve("other"), List.of(scala, dl4j)));
        assertTrue(e.getMessage().contains("-Pspark"), e.getMessage());
    }

    @Test
    void aKilledClustersDaemonsAreStoppedButNoOtherProcess() throws Exception {
        Path cluster = Files.createDirectories(dir.resolve("cluster"));
        // stand-ins whose command lines read like a daemon of this cluster, and like an unrelated process
        Process daemon = start("sleep 600; true # " + SparkCluster.MASTER_CLASS + " " + cluster);
        Process other = start("sleep 600; true # " + SparkCluster.MASTER_CLASS + " /somewhere/else");
        Files.writeString(cluster.resolve(SparkCluster.PIDS), daemon.pid() + " master\n" + other.pid() + " worker-1\n"
                + "999999999 worker-2\n");

        SparkCluster.stopLeftOver(cluster);

        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the left-over daemon is stopped");
        assertTrue(other.isAlive(), "a process that is not this cluster's daemon is left alone");
        assertFalse(Files.exists(cluster.resolve(SparkCluster.PIDS)));
    }

    private Process start(String script) throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", script).start();
        started.add(process);
        return process;
    }

    private static Path jar(Path path) throws Exception {
        Files.createDirectories(path.getParent());
        return Files.write(path, new byte[0]);
    }
}

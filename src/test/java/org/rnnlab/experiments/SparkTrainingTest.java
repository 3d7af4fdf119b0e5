package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.training.SparkNetwork;
import org.rnnlab.testing.SettingsCopies;

/**
 * A settings file with {@code engine = spark} and {@code spark.master = local[2]}, run by the main
 * class in a JVM of its own as a user starts it: it trains DL4J's network on Spark beside the
 * single-machine DL4J and scratch runs, the Spark run's loss falls, its row is in the results table,
 * and once the JVM has ended nothing of Spark's is left in the OS temp or shared-memory folders nor in
 * target/spark.
 */
class SparkTrainingTest {

    /** A whole child run; a hang becomes a failure after this. */
    private static final long RUN_MINUTES = 10;

    /** Names Spark, Hadoop, DL4J, ND4J and the native libraries they unpack give their temporary files. */
    private static final Pattern SPARK_LEFTOVER = Pattern.compile(
            "(?i).*(spark|blockmgr|hadoop|dl4j|nd4j|aeron|javacpp|snappy|lz4|zstd|kryo|userFiles|rnnlab).*");

    private static final List<Path> SHARED_FOLDERS = List.of(Path.of(System.getProperty("java.io.tmpdir")),
            Path.of("/tmp"), Path.of("/dev/shm"));

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void noChildLeft() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void sparkLocalRunTrainsBesideTheSingleMachineRunsAndLeavesNothingBehind() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data").resolve("e2-sine"));
        for (String file : List.of("train.txt", "test.txt")) {
            Files.copy(DataFiles.dataDir().resolve("e2-sine").resolve(file), data.resolve(file));
        }
        Path settings = SettingsCopies.edit(SettingsCopies.reference("e2-sine-window-spark-lstm"),
                Files.createDirectories(dir.resolve("settings")),
                Map.of("hidden", "8", "epochs", "4", "learning.rate", "0.01", "spark.master", "local[2]"));
        Set<String> before = sharedEntries();

        child = start(settings);
        assertTrue(child.waitFor(RUN_MINUTES, TimeUnit.MINUTES), "the Spark run did not end within " + RUN_MINUTES
                + " minutes (a hang?); output so far:\n" + read("stdout.txt") + read("stderr.txt"));

        String stderr = read("stderr.txt");
        assertEquals(0, child.exitValue(), stderr);
        assertFalse(stderr.contains("\tat "), stderr);
        String table = read("stdout.txt");
        assertTrue(table.contains(SparkNetwork.IMPLEMENTATION) && table.contains("scratch"), table);

        Path runs = dir.resolve("target").resolve("runs");
        List<String> csv = Files.readAllLines(only(runs, "results-", ".csv"));
        List<String> implementations = csv.subList(1, csv.size()).stream().map(line -> line.split(",")[2]).toList();
        assertEquals(List.of("dl4j", SparkNetwork.IMPLEMENTATION, "scratch"), implementations, csv.toString());

        Path sparkRun = only(runs, "e2-sine-window-spark-lstm-" + SparkNetwork.IMPLEMENTATION + "-", "");
        assertFalse(sparkRun.getFileName().toString().endsWith(".incomplete"), sparkRun.toString());
        List<String> metrics = Files.readAllLines(sparkRun.resolve("metrics.csv"));
        int testLoss = List.of(metrics.get(0).split(",")).indexOf("test_loss");
        double first = Double.parseDouble(metrics.get(1).split(",")[testLoss]);
        double last = Double.parseDouble(metrics.get(metrics.size() - 1).split(",")[testLoss]);
        assertTrue(last < first, "the Spark run's test loss falls: " + metrics);
        assertTrue(Files.isRegularFile(sparkRun.resolve("model.zip")), "the Spark run saves its network");

        assertFalse(Files.exists(dir.resolve("target").resolve("spark")), "Spark's scratch folder is deleted");
        Set<String> left = new TreeSet<>(sharedEntries());
        left.removeAll(before);
        assertEquals(Set.of(), left, "new entries in " + SHARED_FOLDERS + " named like Spark's temporary files");
    }

    /** The main class in a new JVM in the workspace, with this JVM's class path and --add-opens flags. */
    private Process start(Path settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Djava.awt.headless=true",
                "-Drnnlab.parallel=1", SineWindow25.class.getName(), settings.toString()));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    /** Entries of the shared temporary folders whose names Spark and its libraries use, but this test's own. */
    private Set<String> sharedEntries() throws IOException {
        Set<String> entries = new TreeSet<>();
        for (Path folder : SHARED_FOLDERS) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(p -> !dir.startsWith(p) && SPARK_LEFTOVER.matcher(p.getFileName().toString()).matches())
                        .forEach(p -> entries.add(p.toString()));
            }
        }
        return entries;
    }

    private static Path only(Path folder, String prefix, String suffix) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> matches = list.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, matches.size(), prefix + "*" + suffix + " in " + folder + ": " + matches);
            return matches.get(0);
        }
    }

    private String read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}

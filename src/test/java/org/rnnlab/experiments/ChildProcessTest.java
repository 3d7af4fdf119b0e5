package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.testing.SettingsCopies;

/**
 * The main job as a process of its own, the way a user starts it: sizes that cannot fit are refused
 * within seconds instead of leaving the JVM collecting garbage, and SIGTERM and SIGINT stop a
 * training run within seconds, leaving its metrics so far and a STOPPED.txt. Each child runs in a
 * folder of its own (data/, settings, target/runs/) on the test's class path.
 */
class ChildProcessTest {

    private static final long REFUSAL_SECONDS = 10;
    private static final long STOP_SECONDS = 15;
    private static final long START_SECONDS = 120;

    @TempDir
    Path dir;

    private Process child;

    @BeforeEach
    void workspace() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data").resolve("e4-sine"));
        for (String file : List.of("train.txt", "validation.txt")) {
            Files.copy(DataFiles.dataDir().resolve("e4-sine").resolve(file), data.resolve(file));
        }
    }

    @AfterEach
    void noChildLeft() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void aBillionLayersAreRefusedWithinSeconds() throws Exception {
        Path settings = settings(Map.of("layers", "1000000000"));
        long start = System.nanoTime();
        int status = runToEnd(settings);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("refusal of layers = 1000000000 took %.2f s%n", seconds);
        assertEquals(1, status, stderr());
        assertTrue(stderr().contains("key 'layers' has value '1000000000'") && stderr().contains("at most layers = "),
                stderr());
        assertNoStackTrace();
    }

    @Test
    void aSeriesOfTwoMillionLinesIsRefusedWithinSeconds() throws Exception {
        Files.writeString(dir.resolve("data").resolve("big.txt"), "0.5\n".repeat(2_000_000));
        Path settings = settings(Map.of("data.train", "big.txt"));
        long start = System.nanoTime();
        int status = runToEnd(settings);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("refusal of a 2,000,000-line series took %.2f s%n", seconds);
        assertEquals(1, status, stderr());
        assertTrue(stderr().contains("key 'data.train'") && stderr().contains("more than 100000 lines"), stderr());
        assertNoStackTrace();
    }

    @Test
    void sigtermStopsTrainingAtAStepAndLeavesTheMetricsSoFar() throws Exception {
        stopsOnSignal(() -> child.destroy(), 143, "SIGTERM");
    }

    @Test
    void sigintStopsTrainingAtAStepAndLeavesTheMetricsSoFar() throws Exception {
        stopsOnSignal(() -> new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor(),
                130, "SIGINT");
    }

    private interface Signal {
        void send() throws Exception;
    }

    private void stopsOnSignal(Signal signal, int expectedStatus, String name) throws Exception {
        Path settings = settings(Map.of("hidden", "3", "epochs", "20000", "stop.patience", "0"));
        child = start(settings);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!stdout().contains("train_loss") && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(child.isAlive() && stdout().contains("train_loss"), "no progress line:\n" + stdout() + stderr());

        long start = System.nanoTime();
        signal.send();
        boolean ended = child.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s stopped training in %.2f s%n", name, seconds);
        assertTrue(ended, name + " did not stop the run within " + STOP_SECONDS + " s");
        assertEquals(expectedStatus, child.exitValue(), stderr());
        assertTrue(stderr().contains("stopped by " + name), stderr());
        assertNoStackTrace();

        List<Path> folders = runFolders();
        assertEquals(1, folders.size(), folders.toString());
        Path folder = folders.get(0);
        assertTrue(folder.getFileName().toString().endsWith(".incomplete"), folder.toString());
        assertTrue(Files.readString(folder.resolve(Trainer.STOPPED)).contains("stopped by " + name));
        List<String> metrics = Files.readAllLines(folder.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,validation_loss", metrics.get(0));
        assertTrue(metrics.size() >= 2, "at least the evaluation the progress line showed: " + metrics);
        try (Stream<Path> files = Files.walk(dir.resolve("target"))) {
            List<Path> temporary = files.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList();
            assertEquals(List.of(), temporary, "no temporary file is left behind");
        }
    }

    private Path settings(Map<String, String> changes) throws IOException {
        Path settingsDir = Files.createDirectories(dir.resolve("settings"));
        return SettingsCopies.edit(SettingsCopies.reference("e4-sine-slow-simplernn"), settingsDir, changes);
    }

    private int runToEnd(Path settings) throws Exception {
        child = start(settings);
        assertTrue(child.waitFor(REFUSAL_SECONDS, TimeUnit.SECONDS), "no answer within " + REFUSAL_SECONDS + " s");
        return child.exitValue();
    }

    /**
     * The main job in a new JVM, in the workspace. A JVM leaves SIGINT ignored when it was started
     * with it ignored (as a shell's background job is); coreutils' env gives it its default back so
     * the child can be interrupted like one started from a terminal.
     */
    private Process start(Path settings) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Djava.awt.headless=true",
                AllExperiments.class.getName(), settings.toString()));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    /** Whether this JVM's process ignores SIGINT (Linux: bit 2 of SigIgn in /proc/self/status). */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0b10) != 0;
            }
        }
        return false;
    }

    private List<Path> runFolders() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("target").resolve("runs"))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("e4-sine-slow-simplernn-")).toList();
        }
    }

    private String stdout() throws IOException {
        return read("stdout.txt");
    }

    private String stderr() throws IOException {
        return read("stderr.txt");
    }

    private String read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private void assertNoStackTrace() throws IOException {
        assertFalse(stderr().contains("\tat ") || stderr().contains("Exception in thread"), stderr());
    }
}

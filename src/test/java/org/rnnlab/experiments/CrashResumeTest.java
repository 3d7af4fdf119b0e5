package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.report.MetricsLog;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.training.Checkpoint;
import org.rnnlab.lab.training.RunOutcome;
import org.rnnlab.lab.training.SavedRun;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.Trainer;
import org.rnnlab.testing.SettingsCopies;

/**
 * The main job killed with SIGKILL at random moments (one of them while a checkpoint is being
 * written, if the test catches one) or stopped with Ctrl-C, then resumed: every resumed run ends
 * as the same run does uninterrupted, scratch bit for bit and DL4J to 1e-12. The uninterrupted run
 * is the same program run once to the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashResumeTest {

    private static final long RUN_SECONDS = 180;
    private static final double DL4J_TOLERANCE = 1e-12;
    private static final int KILLS = 5;
    private static final String NAME = "e4-sine-slow-simplernn";
    private static final int EPOCHS = 24;

    @TempDir
    static Path dir;

    private Path settings;
    private Map<String, Path> reference;
    private double runSeconds;
    private Process child;

    @BeforeAll
    void uninterruptedRun() throws Exception {
        Path settingsDir = Files.createDirectories(dir.resolve("settings"));
        settings = SettingsCopies.edit(SettingsCopies.reference(NAME), settingsDir, Map.of("hidden", "3",
                "epochs", Integer.toString(EPOCHS), "batch", "32", "stop.patience", "0", "checkpoint.every", "1"));
        Path work = workspace("reference");
        long start = System.nanoTime();
        child = start(work);
        assertTrue(child.waitFor(RUN_SECONDS, TimeUnit.SECONDS), "the uninterrupted run did not end");
        runSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, child.exitValue(), read(work, "stderr.txt"));
        reference = new java.util.HashMap<>();
        for (Path folder : runFolders(work)) {
            reference.put(implementation(folder), folder);
        }
        assertEquals(2, reference.size(), reference.toString());
    }

    @AfterEach
    void noChildLeft() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void sigkillAtRandomMomentsThenResumeEndsAsTheUninterruptedRun() throws Exception {
        SplittableRandom random = new SplittableRandom(2026);
        int resumedRuns = 0;
        int killsInAWrite = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path work = workspace("kill-" + kill);
            child = start(work);
            String moment;
            if (kill == 0) {
                moment = killDuringACheckpointWrite(work);
            } else {
                // alternately in the DL4J run and in the scratch run that follows it: once the run's
                // checkpoint of a random epoch is there, within the next epoch or so
                String run = kill % 2 == 1 ? "scratch" : "dl4j";
                int epoch = 1 + random.nextInt(EPOCHS - 2);
                waitForCheckpoint(work, run, epoch);
                long delay = (long) (random.nextDouble() * epochMillis());
                Thread.sleep(delay);
                moment = String.format("in the %s run, %d ms after its checkpoint of epoch %d", run, delay, epoch);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "SIGKILL did not end the child");
            boolean inAWrite = leftAPartialCheckpoint(work);
            killsInAWrite += inAWrite ? 1 : 0;
            int resumed = resumeAndCompare(work);
            resumedRuns += resumed;
            System.out.printf("SIGKILL %d (%s)%s: %d run(s) resumed, all equal to the uninterrupted run%n", kill,
                    moment, inAWrite ? ", during a checkpoint write" : "", resumed);
        }
        System.out.printf("%d SIGKILLs, %d during a checkpoint write, %d runs resumed%n", KILLS, killsInAWrite,
                resumedRuns);
        assertTrue(resumedRuns >= KILLS, "every kill left a run to resume");
    }

    @Test
    void ctrlCWritesACheckpointAndSaysHowToResume() throws Exception {
        Path work = workspace("sigint");
        child = start(work);
        waitForCheckpoint(work, "dl4j", EPOCHS / 2);
        new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "SIGINT did not stop the child");
        assertEquals(130, child.exitValue(), read(work, "stderr.txt"));
        List<Path> stopped = runFolders(work).stream()
                .filter(f -> f.getFileName().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX)).toList();
        assertEquals(1, stopped.size(), stopped.toString());
        String note = Files.readString(stopped.get(0).resolve(Trainer.STOPPED));
        assertTrue(note.contains("stopped by SIGINT") && note.contains("--resume " + stopped.get(0)), note);
        assertEquals(1, resumeAndCompare(work));
    }

    /** Polls the run folders every millisecond for a checkpoint being written, and kills right then. */
    private String killDuringACheckpointWrite(Path work) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
        while (child.isAlive() && System.nanoTime() < deadline) {
            for (Path folder : runFoldersIfAny(work)) {
                Path checkpoints = folder.resolve(Checkpoint.FOLDER);
                if (Files.isDirectory(checkpoints) && hasHiddenFolder(checkpoints) && hasCompleteCheckpoint(folder)) {
                    return "as a checkpoint was being written";
                }
            }
            Thread.sleep(1);
        }
        return "without catching a checkpoint write";
    }

    private static boolean hasHiddenFolder(Path checkpoints) {
        try (Stream<Path> entries = Files.list(checkpoints)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("."));
        } catch (IOException vanished) {
            return false;
        }
    }

    /** Whether a complete checkpoint is there, read without touching anything (the child is writing). */
    private static boolean hasCompleteCheckpoint(Path folder) {
        try (Stream<Path> entries = Files.list(folder.resolve(Checkpoint.FOLDER))) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("epoch-"));
        } catch (IOException notYet) {
            return false;
        }
    }

    private boolean leftAPartialCheckpoint(Path work) throws IOException {
        for (Path folder : runFoldersIfAny(work)) {
            Path checkpoints = folder.resolve(Checkpoint.FOLDER);
            if (Files.isDirectory(checkpoints) && hasHiddenFolder(checkpoints)) {
                return true;
            }
        }
        return false;
    }

    /** About half an epoch of one run, from the uninterrupted program's time (two runs, setup included). */
    private long epochMillis() {
        return Math.max(1, (long) (runSeconds * 1000 / (4.0 * EPOCHS)));
    }

    /** Waits until the run of that implementation has a checkpoint of {@code epoch} or later. */
    private void waitForCheckpoint(Path work, String implementation, int epoch) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
        while (System.nanoTime() < deadline && child.isAlive()) {
            for (Path folder : runFoldersIfAny(work)) {
                if (implementation(folder).equals(implementation) && newestEpochWritten(folder) >= epoch) {
                    return;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the " + implementation + " run wrote no checkpoint of epoch " + epoch + ":\n"
                + read(work, "stderr.txt"));
    }

    /** The highest epoch among a folder's complete checkpoints, read without touching anything; -1 if none. */
    private static int newestEpochWritten(Path folder) {
        try (Stream<Path> entries = Files.list(folder.resolve(Checkpoint.FOLDER))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("epoch-"))
                    .mapToInt(n -> Integer.parseInt(n.substring("epoch-".length(), n.indexOf("-minibatch"))))
                    .max().orElse(-1);
        } catch (IOException | RuntimeException notYet) {
            return -1;
        }
    }

    /**
     * Resumes every interrupted run folder of the workspace and compares each finished folder with
     * the uninterrupted run's; returns how many were resumed.
     */
    private int resumeAndCompare(Path work) throws Exception {
        int resumed = 0;
        Path dataDir = work.resolve("data");
        for (Path folder : runFolders(work)) {
            Path finished = folder;
            if (folder.getFileName().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX)) {
                Optional<Path> checkpoint = Checkpoint.newest(folder);
                if (checkpoint.isEmpty()) {
                    continue; // killed before this run's first checkpoint: nothing to resume, nothing lost
                }
                RunOutcome outcome = Trainer.resume(folder, dataDir, new StopRequest(), 1);
                finished = outcome.folder();
                resumed++;
            }
            compare(reference.get(implementation(finished)), finished, dataDir);
        }
        return resumed;
    }

    private void compare(Path expected, Path actual, Path dataDir) throws IOException {
        double[] expectedParameters = SavedRun.open(expected, dataDir).trainedParameters();
        double[] actualParameters = SavedRun.open(actual, dataDir).trainedParameters();
        if (implementation(actual).equals("scratch")) {
            assertTrue(java.util.Arrays.equals(expectedParameters, actualParameters), "scratch: bit for bit");
            assertEquals(Files.readString(expected.resolve("metrics.csv")), Files.readString(actual.resolve("metrics.csv")));
            return;
        }
        assertTrue(relativeDifference(expectedParameters, actualParameters) <= DL4J_TOLERANCE, "DL4J parameters");
        MetricsLog expectedLog = MetricsLog.read(expected.resolve("metrics.csv"));
        MetricsLog actualLog = MetricsLog.read(actual.resolve("metrics.csv"));
        assertEquals(expectedLog.columns(), actualLog.columns());
        for (String column : expectedLog.columns()) {
            assertTrue(relativeDifference(expectedLog.column(column), actualLog.column(column)) <= DL4J_TOLERANCE,
                    "DL4J metrics.csv column " + column);
        }
    }

    private static double relativeDifference(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            worst = Math.max(worst, Math.abs(expected[k] - actual[k]) / Math.max(1e-300, Math.abs(expected[k])));
        }
        return worst;
    }

    /** A folder of its own for one child: data/e4-sine and target/runs. */
    private Path workspace(String name) throws IOException {
        Path work = Files.createDirectories(dir.resolve(name));
        Path data = Files.createDirectories(work.resolve("data").resolve("e4-sine"));
        for (String file : List.of("train.txt", "validation.txt")) {
            Files.copy(DataFiles.dataDir().resolve("e4-sine").resolve(file), data.resolve(file));
        }
        return work;
    }

    private Process start(Path work) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Djava.awt.headless=true",
                AllExperiments.class.getName(), settings.toString()));
        return new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("stdout.txt").toFile())
                .redirectError(work.resolve("stderr.txt").toFile())
                .start();
    }

    private static List<Path> runFolders(Path work) throws IOException {
        try (Stream<Path> entries = Files.list(work.resolve("target").resolve("runs"))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(NAME + "-")).sorted().toList();
        }
    }

    private static List<Path> runFoldersIfAny(Path work) throws IOException {
        return Files.isDirectory(work.resolve("target").resolve("runs")) ? runFolders(work) : List.of();
    }

    private static String implementation(Path folder) {
        return folder.getFileName().toString().startsWith(NAME + "-dl4j-") ? "dl4j" : "scratch";
    }

    private static String read(Path work, String name) throws IOException {
        Path file = work.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}

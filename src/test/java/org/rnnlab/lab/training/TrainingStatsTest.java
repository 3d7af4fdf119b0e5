package org.rnnlab.lab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.model.stats.BaseStatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsInitializationReport;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.lab.report.RunFolder;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingsException;
import org.rnnlab.testing.ListeningSockets;
import org.rnnlab.testing.SettingsCopies;

/**
 * Every run writes DL4J's training UI file, the scratch network's reports hold the same numbers as
 * DL4J's StatsListener for the same training, and the live UI listens on loopback only.
 */
class TrainingStatsTest {

    /** Summaries of the same training from the two implementations agree to this, relative. */
    private static final double AGREEMENT = 1e-9;

    @TempDir
    Path dir;

    /** A small LSTM with clipping (so gradient and update differ in more than the step size), every update reported. */
    private ExperimentSettings settings(String every) throws IOException {
        return SettingsCopies.load("e4-sine-slow-lstm", dir, Map.of("hidden", "4", "epochs", "3", "batch", "64",
                "stop.patience", "0", "clip", "l2 0.5", ExperimentSettings.STATS_EVERY, every));
    }

    @org.junit.jupiter.api.AfterEach
    void keepEveryReportNoLonger() {
        System.clearProperty(TrainingStats.INTERVAL_PROPERTY);
    }

    @Test
    void scratchReportsWhatDl4jsStatsListenerReportsForTheSameTraining() throws Exception {
        System.setProperty(TrainingStats.INTERVAL_PROPERTY, "0");
        ExperimentSettings settings = settings("1");
        Dl4jNetwork dl4j = Dl4jNetwork.create(settings);
        ScratchTrainable scratch = ScratchTrainable.startingFrom(settings, dl4j.parameters());
        Path dl4jFile = Trainer.run(settings, dl4j, dir.resolve("runs")).folder().resolve(TrainingStats.FILE);
        Path scratchFile = Trainer.run(settings, scratch, dir.resolve("runs")).folder().resolve(TrainingStats.FILE);

        Map<Integer, StatsReport> fromDl4j = reports(dl4jFile, Dl4jNetwork.IMPLEMENTATION);
        Map<Integer, StatsReport> fromScratch = reports(scratchFile, ScratchTrainable.IMPLEMENTATION);
        // 4 minibatches a epoch for 3 epochs: the scratch file has every update (DL4J's keeps one
        // report per millisecond, so it may have fewer)
        assertEquals(12, fromScratch.size(), "scratch reports " + fromScratch.keySet());
        List<Integer> common = new ArrayList<>(fromDl4j.keySet());
        common.retainAll(fromScratch.keySet());
        assertTrue(common.size() >= 6, "too few iterations reported by both: " + common);
        int compared = 0;
        for (int iteration : common) {
            StatsReport a = fromDl4j.get(iteration);
            StatsReport b = fromScratch.get(iteration);
            assertClose(a.getScore(), b.getScore(), "score at iteration " + iteration);
            for (StatsType type : List.of(StatsType.Parameters, StatsType.Gradients, StatsType.Updates)) {
                assertEquals(a.getMeanMagnitudes(type).keySet(), b.getMeanMagnitudes(type).keySet(), type + " names");
                for (String name : a.getMeanMagnitudes(type).keySet()) {
                    String what = type + " " + name + " at iteration " + iteration;
                    assertClose(a.getMeanMagnitudes(type).get(name), b.getMeanMagnitudes(type).get(name),
                            "mean magnitude of " + what);
                    assertClose(a.getMean(type).get(name), b.getMean(type).get(name), "mean of " + what);
                    assertClose(a.getStdev(type).get(name), b.getStdev(type).get(name), "stdev of " + what);
                    compared++;
                }
            }
            assertEquals(a.getLearningRates(), b.getLearningRates(), "learning rates at iteration " + iteration);
        }
        assertTrue(compared > 0);
        // the gradient (before clipping) and the update are different things in both
        StatsReport last = fromScratch.get(Collections.max(common));
        assertFalse(last.getMeanMagnitudes(StatsType.Gradients).equals(last.getMeanMagnitudes(StatsType.Updates)));

        FileStatsStorage storage = new FileStatsStorage(scratchFile.toFile());
        try {
            String session = storage.listSessionIDs().get(0);
            StatsInitializationReport init = (StatsInitializationReport) storage.getStaticInfo(session,
                    BaseStatsListener.TYPE_ID, ScratchTrainable.IMPLEMENTATION);
            assertTrue(init.getModelClassName().endsWith("MultiLayerNetwork"), init.getModelClassName());
            assertEquals(dl4j.numParams(), init.getModelNumParams());
            assertEquals(List.of("0_W", "0_RW", "0_b", "1_W", "1_b"), List.of(init.getModelParamNames()));
        } finally {
            storage.close();
        }
    }

    @Test
    void statsEveryNReportsEveryNthUpdateAndZeroWritesNoFile() throws Exception {
        System.setProperty(TrainingStats.INTERVAL_PROPERTY, "0");
        ExperimentSettings every5 = settings("5");
        Path file = Trainer.run(every5, ScratchTrainable.create(every5), dir.resolve("runs")).folder()
                .resolve(TrainingStats.FILE);
        // 12 updates, numbered 0..11: DL4J's rule reports 5 and 10
        assertEquals(List.of(5, 10), new ArrayList<>(reports(file, ScratchTrainable.IMPLEMENTATION).keySet()));

        ExperimentSettings none = settings("0");
        Path folder = Trainer.run(none, ScratchTrainable.create(none), dir.resolve("runs")).folder();
        assertFalse(Files.exists(folder.resolve(TrainingStats.FILE)));
    }

    @Test
    void atMostOneReportIsKeptInTheLeastInterval() throws Exception {
        System.setProperty(TrainingStats.INTERVAL_PROPERTY, "60000");
        ExperimentSettings settings = settings("1");
        Path dl4jFile = Trainer.run(settings, Dl4jNetwork.create(settings), dir.resolve("runs")).folder()
                .resolve(TrainingStats.FILE);
        Path scratchFile = Trainer.run(settings, ScratchTrainable.create(settings), dir.resolve("runs")).folder()
                .resolve(TrainingStats.FILE);
        // 12 updates in far less than a minute: only the first report of each is kept
        assertEquals(List.of(0), new ArrayList<>(reports(dl4jFile, Dl4jNetwork.IMPLEMENTATION).keySet()));
        assertEquals(List.of(0), new ArrayList<>(reports(scratchFile, ScratchTrainable.IMPLEMENTATION).keySet()));
    }

    @Test
    void dl4jsListenerIsPacedToTheLeastIntervalInMultiplesOfStatsEvery() {
        assertEquals(10, StatsPacer.frequency(10, 500, 100.0), "slow updates: every 10 already spans 500 ms");
        assertEquals(50, StatsPacer.frequency(10, 500, 10.0), "10 ms updates: 50 of them span 500 ms");
        assertEquals(130, StatsPacer.frequency(10, 500, 4.0), "125 rounded up to a multiple of 10");
        assertEquals(10, StatsPacer.frequency(10, 0, 0.01), "no least interval: every 10");
        assertEquals(3, StatsPacer.frequency(1, 500, 200.0));
    }

    @Test
    void badSwitchesAreRefusedWithTheirNameAndWhatIsAllowed() throws Exception {
        System.setProperty(TrainingStats.INTERVAL_PROPERTY, "soon");
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "switches");
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> TrainingStats.open(folder, 10));
        assertTrue(interval.getMessage().contains(TrainingStats.INTERVAL_PROPERTY)
                && interval.getMessage().contains("soon") && interval.getMessage().contains(">= 0"),
                interval.getMessage());
        try {
            System.setProperty(TrainingUi.PORT_PROPERTY, "90000");
            IllegalArgumentException port = assertThrows(IllegalArgumentException.class, TrainingUi::configuredPort);
            assertTrue(port.getMessage().contains(TrainingUi.PORT_PROPERTY) && port.getMessage().contains("90000")
                    && port.getMessage().contains("1 to 65535"), port.getMessage());
            System.setProperty(TrainingUi.PORT_PROPERTY, "9123");
            assertEquals(9123, TrainingUi.configuredPort());
        } finally {
            System.clearProperty(TrainingUi.PORT_PROPERTY);
        }
        assertEquals(TrainingUi.DEFAULT_PORT, TrainingUi.configuredPort());
    }

    @Test
    void aBadStatsIntervalIsRefusedWithItsKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> settings("often"));
        assertTrue(e.getMessage().contains(ExperimentSettings.STATS_EVERY) && e.getMessage().contains("often")
                && e.getMessage().contains(">= 0") && e.getMessage().contains(".properties"), e.getMessage());
    }

    @Test
    void theUiLeavesNoFolderInTheTempFolder() throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<Set<String>> left = () -> {
            try (java.util.stream.Stream<Path> list = Files.list(temp)) {
                return list.map(p -> p.getFileName().toString())
                        .filter(name -> name.startsWith("vertx-cache-") || name.startsWith("DL4JUI_"))
                        .collect(java.util.stream.Collectors.toSet());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Set<String> before = left.get();
        try (TrainingUi ui = TrainingUi.start(0)) {
            assertTrue(ui.port() > 0);
        }
        Set<String> after = new java.util.HashSet<>(left.get());
        after.removeAll(before);
        assertEquals(Set.of(), after, "what the UI left in " + temp);
    }

    @Test
    void theLiveUiAnswersOnLoopbackOnlyAndShowsARunningTraining() throws Exception {
        try (TrainingUi ui = TrainingUi.start(0)) {
            int port = ui.port();
            assertTrue(port > 0);
            if (ListeningSockets.available()) {
                assertEquals(Set.of(), ListeningSockets.notOnLoopback(), "listening outside loopback");
            }
            InetAddress outside = nonLoopbackAddress();
            Assumptions.assumeTrue(outside != null, "this machine has no non-loopback IPv4 address to try");
            try (Socket socket = new Socket()) {
                assertThrows(ConnectException.class,
                        () -> socket.connect(new InetSocketAddress(outside, port), 2000),
                        "port " + port + " answered on " + outside.getHostAddress());
            }

            ExperimentSettings settings = settings("2");
            Path folder = Trainer.run(settings, ScratchTrainable.create(settings), dir.resolve("runs")).folder();
            String session = folder.getFileName().toString();
            assertFalse(session.endsWith(RunFolder.INCOMPLETE_SUFFIX), session);
            assertEquals(200, status(port, "/train/overview"));
            String sessions = get(port, "/train/sessions/info");
            assertTrue(sessions.contains(session), "the UI does not list the finished " + session + ": " + sessions);
            assertTrue(get(port, "/train/overview/data").contains("updateRatios"));
        }
        assertEquals(Set.of(), uploadFoldersLeft(), "the UI's upload folders are removed");
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(TrainingUi.HOST, 1), 2000);
            }
        });
    }

    /**
     * A folder holding finished runs (a study's, its trainings inside) is completed with the UI
     * running: the runs' stats files, moved by the rename, are shown again from where they end up,
     * not left open where they were.
     */
    @Test
    void aFolderOfShownRunsIsCompletedWithTheirStatsShownFromTheirNewPlace() throws Exception {
        try (TrainingUi ui = TrainingUi.start(0)) {
            RunFolder outer = RunFolder.create(dir.resolve("runs"), "study");
            ExperimentSettings settings = settings("2");
            Path run = Trainer.run(settings, ScratchTrainable.create(settings), outer.file("trainings")).folder();
            Path inside = outer.dir().relativize(run.resolve(TrainingStats.FILE));
            assertEquals(Set.of(run.resolve(TrainingStats.FILE)), ui.shownFiles());

            Path completed = TrainingUi.complete(outer);
            assertFalse(completed.getFileName().toString().endsWith(RunFolder.INCOMPLETE_SUFFIX), completed.toString());
            assertEquals(Set.of(completed.resolve(inside)), ui.shownFiles(), "shown from the completed folder");
            assertTrue(get(ui.port(), "/train/sessions/info").contains(run.getFileName().toString()));
        }
    }

    private Set<String> uploadFoldersBefore = Set.of();

    @org.junit.jupiter.api.BeforeEach
    void rememberUploadFolders() throws IOException {
        uploadFoldersBefore = uploadFolderNames();
    }

    private Set<String> uploadFoldersLeft() throws IOException {
        Set<String> left = new java.util.TreeSet<>(uploadFolderNames());
        left.removeAll(uploadFoldersBefore);
        return left;
    }

    private static Set<String> uploadFolderNames() throws IOException {
        try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("DL4JUI_"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aTakenPortStopsTheUiWithWhatToDo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getByName(TrainingUi.HOST))) {
            IOException e = assertThrows(IOException.class, () -> TrainingUi.start(taken.getLocalPort()));
            assertTrue(e.getMessage().contains("could not listen on " + TrainingUi.HOST + ":" + taken.getLocalPort())
                    && e.getMessage().contains("-D" + TrainingUi.PORT_PROPERTY), e.getMessage());
        }
        assertEquals(null, TrainingUi.current(), "a UI that did not start is not left registered");
        assertEquals(Set.of(), uploadFoldersLeft(), "the failed start's upload folder is removed");
    }

    private static Map<Integer, StatsReport> reports(Path file, String worker) throws IOException {
        Map<Integer, StatsReport> byIteration = new TreeMap<>();
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        try {
            List<String> sessions = storage.listSessionIDs();
            assertEquals(1, sessions.size(), "sessions in " + file);
            for (Persistable p : storage.getAllUpdatesAfter(sessions.get(0), BaseStatsListener.TYPE_ID, worker, 0)) {
                StatsReport report = (StatsReport) p;
                byIteration.put(report.getIterationCount(), report);
            }
        } finally {
            storage.close();
        }
        return byIteration;
    }

    private static void assertClose(double expected, double actual, String what) {
        double scale = Math.max(1e-12, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) / scale <= AGREEMENT,
                what + ": DL4J " + expected + ", scratch " + actual);
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }

    private static int status(int port, String path) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        http.setConnectTimeout(5000);
        http.setReadTimeout(20000);
        try {
            return http.getResponseCode();
        } finally {
            http.disconnect();
        }
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        http.setConnectTimeout(5000);
        http.setReadTimeout(20000);
        try (var in = http.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            http.disconnect();
        }
    }
}

package org.rnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.training.StopRequest;
import org.rnnlab.lab.training.TrainingUi;
import org.rnnlab.study.SeedStudy;
import org.rnnlab.testing.SettingsCopies;

/** The general study's command line with {@code --ui}: every training in DL4J's UI, which stays up until Ctrl-C. */
class StudyTest {

    @TempDir
    Path dir;

    @Test
    void withUiEveryTrainingIsASessionOfTheUiWhichStaysUpUntilCtrlC() throws Exception {
        Path file = SettingsCopies.edit(SettingsCopies.reference("adding-t100-lstm"), dir, Map.of("length", "10",
                "epoch.sequences", "16", "test.sequences", "20", "hidden", "3", "batch", "8", "epochs", "3"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Invocation io = new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DataFiles::dataDir, dir.resolve("runs"),
                new StopRequest());
        System.setProperty(TrainingUi.PORT_PROPERTY, "0");
        try {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Study.run(new String[] {
                file.toString(), "--seeds", "2", "--parallel", "2", "--ui"}, io));
            while (!out.toString(StandardCharsets.UTF_8).contains("Training UI still at") && !status.isDone()) {
                Thread.sleep(100);
            }
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("Run folder: "), printed + err.toString(StandardCharsets.UTF_8));
            Path study = Path.of(printed.substring(printed.indexOf("Run folder: ") + 12).lines().findFirst()
                    .orElseThrow());
            List<String> trainings;
            try (var inside = Files.list(study.resolve(SeedStudy.TRAININGS))) {
                trainings = inside.map(run -> run.getFileName().toString()).toList();
            }
            assertEquals(2, trainings.size(), trainings.toString());
            String sessions = get(TrainingUi.current().port(), "/train/sessions/info");
            for (String training : trainings) {
                assertTrue(sessions.contains(training), training + " is not a session of the UI: " + sessions);
            }

            io.stop().request("SIGINT", 130);
            assertEquals(130, status.get(60, TimeUnit.SECONDS), "Ctrl-C ends the UI after a finished study");
        } finally {
            System.clearProperty(TrainingUi.PORT_PROPERTY);
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

package org.rnnlab.lab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.lab.settings.SettingsFileTest.assertMentions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnlab.data.DataFiles;
import org.rnnlab.lab.tasks.TaskKinds;
import org.rnnlab.testing.SettingsCopies;

/**
 * The engine key and the spark.* keys: a Spark file has both of them, a local file neither, and a
 * master URL Spark would not take stops at the settings with what is allowed.
 */
class SparkSettingsTest {

    private static final String SPARK_E2 = "e2-sine-window-spark-lstm";
    private static final String LOCAL_E2 = "e2-sine-window-lstm";

    @TempDir
    Path dir;

    @Test
    void testSparkFileReadsMasterAndAveraging() throws IOException {
        ExperimentSettings settings = load(SPARK_E2, Map.of("spark.master", "local[3]",
                "spark.averaging.frequency", "4"));

        assertTrue(settings.onSpark());
        assertEquals(new SparkSettings("local[3]", 4), settings.spark());
        assertTrue(settings.spark().isLocal());
        assertEquals(3, settings.spark().localThreads());
    }

    @Test
    void testLocalFileHasNoSparkSettings() throws IOException {
        ExperimentSettings settings = load(LOCAL_E2, Map.of());

        assertFalse(settings.onSpark());
        assertNull(settings.spark());
    }

    @Test
    void testClusterMasterIsNotLocal() throws IOException {
        SparkSettings spark = load(SPARK_E2, Map.of("spark.master", "spark://node-1.example:7077")).spark();

        assertFalse(spark.isLocal());
        assertEquals(0, spark.localThreads());
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark.master", "spark.averaging.frequency"})
    void testSparkKeysAreRequiredWithTheSparkEngine(String key) throws IOException {
        Path file = withoutKey(SettingsCopies.reference(SPARK_E2), key);

        String message = assertThrows(SettingsException.class, () -> TaskKinds.load(file, DataFiles.dataDir()))
                .getMessage();

        assertMentions(message, file.toString(), "missing key '" + key + "'");
    }

    @Test
    void testSparkFileMustTrainDl4j() throws IOException {
        String message = assertThrows(SettingsException.class,
                () -> load(SPARK_E2, Map.of("implementations", "scratch"))).getMessage();
        assertMentions(message, "key 'implementations'", "with dl4j in it", "engine = spark");
        ExperimentSettings both = load(SPARK_E2, Map.of());
        assertEquals(java.util.List.of("dl4j", "scratch"), both.implementations());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> both.withImplementations("scratch"));
        assertMentions(e.getMessage(), "engine = spark", "must include dl4j");
        assertEquals(java.util.List.of("dl4j"), both.withImplementations(" dl4j ").implementations());
    }

    @Test
    void testSparkKeyWithTheLocalEngineIsRefusedWithAHint() throws IOException {
        String message = assertThrows(SettingsException.class,
                () -> load(LOCAL_E2, Map.of("spark.master", "local[2]"))).getMessage();

        assertMentions(message, "unknown key 'spark.master'", "spark.* keys go with engine = spark");
    }

    @Test
    void testEngineIsRequired() throws IOException {
        Path file = withoutKey(SettingsCopies.reference(LOCAL_E2), "engine");

        String message = assertThrows(SettingsException.class, () -> TaskKinds.load(file, DataFiles.dataDir()))
                .getMessage();

        assertMentions(message, "missing key 'engine'", "local | spark");
    }

    @Test
    void testUnknownEngineIsRefused() {
        String message = assertThrows(SettingsException.class, () -> load(LOCAL_E2, Map.of("engine", "cluster")))
                .getMessage();

        assertMentions(message, "key 'engine' has value 'cluster'", "local | spark");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "local[*]", "local[0]", "spark://node-1", "http://node-1:7077", "sparc://a:7077",
            "yarn-cluster"})
    void testBadMasterUrlSaysWhatIsAllowed(String master) {
        String message = assertThrows(SettingsException.class, () -> load(SPARK_E2, Map.of("spark.master", master)))
                .getMessage();

        assertMentions(message, "key 'spark.master' has value '" + master + "'", "local[N], spark://HOST:PORT");
    }

    @Test
    void testMasterPropertyStandsForTheFilesMaster() throws IOException {
        System.setProperty(SparkSettings.MASTER_PROPERTY, "spark://127.0.0.1:7077");
        try {
            SparkSettings spark = load(SPARK_E2, Map.of("spark.master", "local[2]")).spark();

            assertEquals("spark://127.0.0.1:7077", spark.master());
            assertTrue(spark.isLoopbackCluster());
        } finally {
            System.clearProperty(SparkSettings.MASTER_PROPERTY);
        }
        assertEquals("local[2]", load(SPARK_E2, Map.of("spark.master", "local[2]")).spark().master());
    }

    @Test
    void testBadMasterPropertyIsRefusedWithItsName() {
        System.setProperty(SparkSettings.MASTER_PROPERTY, "local[*]");
        try {
            String message = assertThrows(SettingsException.class, () -> load(SPARK_E2, Map.of())).getMessage();

            assertMentions(message, "-D" + SparkSettings.MASTER_PROPERTY + "=local[*]", "local[N], spark://HOST:PORT");
        } finally {
            System.clearProperty(SparkSettings.MASTER_PROPERTY);
        }
    }

    @Test
    void testOnlyAStandaloneMasterOnLoopbackIsALoopbackCluster() throws IOException {
        assertTrue(load(SPARK_E2, Map.of("spark.master", "spark://localhost:7077")).spark().isLoopbackCluster());
        assertFalse(load(SPARK_E2, Map.of("spark.master", "spark://127.0.0.1:7077,node-1:7077")).spark()
                .isLoopbackCluster());
        assertFalse(load(SPARK_E2, Map.of("spark.master", "spark://node-1.example:7077")).spark().isLoopbackCluster());
        assertFalse(load(SPARK_E2, Map.of("spark.master", "local[2]")).spark().isLoopbackCluster());
    }

    @Test
    void testAveragingFrequencyMustBePositive() {
        String message = assertThrows(SettingsException.class,
                () -> load(SPARK_E2, Map.of("spark.averaging.frequency", "0"))).getMessage();

        assertMentions(message, "key 'spark.averaging.frequency' has value '0'");
    }

    private ExperimentSettings load(String reference, Map<String, String> changes) throws IOException {
        Path copy = SettingsCopies.edit(SettingsCopies.reference(reference), dir, changes);
        return TaskKinds.load(copy, DataFiles.dataDir());
    }

    private Path withoutKey(Path original, String key) throws IOException {
        List<String> lines = Files.readAllLines(original, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.strip().startsWith(key + " ") && !line.strip().startsWith(key + "="))
                .toList();
        return Files.write(dir.resolve(original.getFileName()), lines, StandardCharsets.UTF_8);
    }
}

package org.rnnlab.lab.settings;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a settings file with {@code engine = spark} trains on Apache Spark through DL4J's parameter
 * averaging. The workers are what the master gives (local[N]: N threads; a cluster: its executors'
 * cores); each fits minibatches of the file's {@code batch}.
 *
 * @param master             Spark's master URL: local[N] on this machine, spark://HOST:PORT, yarn, k8s://...
 * @param averagingFrequency minibatches each worker fits between two averagings of the parameters
 */
public record SparkSettings(String master, int averagingFrequency) {

    /** The keys a file with {@code engine = spark} has, and only such a file. */
    public static final List<SettingKey> KEYS = List.of(
            new SettingKey("spark.master", "local[N], spark://HOST:PORT, yarn or k8s://https://HOST:PORT",
                    "where Spark runs: N worker threads on this machine, or a cluster"),
            new SettingKey("spark.averaging.frequency", "a positive integer",
                    "minibatches each worker fits between two averagings of the parameters"));

    /**
     * System property: a master URL that stands for every settings file's {@code spark.master}, so the
     * same file trains on local[N] and on a cluster (the file is not edited, so its runs still resume).
     */
    public static final String MASTER_PROPERTY = "rnnlab.spark.master";

    private static final Pattern LOCAL = Pattern.compile("local\\[([1-9][0-9]{0,3})]");
    private static final Pattern STANDALONE = Pattern.compile(
            "spark://[A-Za-z0-9.\\-]+:[1-9][0-9]{0,4}(,[A-Za-z0-9.\\-]+:[1-9][0-9]{0,4})*");
    private static final Pattern KUBERNETES = Pattern.compile("k8s://(https?://)?[A-Za-z0-9.\\-]+(:[1-9][0-9]{0,4})?");

    public SparkSettings {
        if (kindOf(master) == null) {
            throw new IllegalArgumentException("not a Spark master URL: " + master);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averagingFrequency must be positive, got " + averagingFrequency);
        }
    }

    /** Whether Spark runs in this JVM (local[N]): then it listens on loopback only. */
    public boolean isLocal() {
        return LOCAL.matcher(master).matches();
    }

    /**
     * Whether the master is a standalone cluster on this machine (spark://127.x.x.x:PORT or
     * spark://localhost:PORT): then the driver listens on loopback only, as in local mode.
     */
    public boolean isLoopbackCluster() {
        if (!STANDALONE.matcher(master).matches()) {
            return false;
        }
        for (String address : master.substring("spark://".length()).split(",")) {
            String host = address.substring(0, address.lastIndexOf(':'));
            if (!host.equals("localhost") && !host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")) {
                return false;
            }
        }
        return true;
    }

    /** The worker threads of a local master; 0 for a cluster (the cluster decides). */
    public int localThreads() {
        Matcher m = LOCAL.matcher(master);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    static SparkSettings read(ValueReader in) {
        String master = in.text("spark.master", KEYS.get(0).allowed()).trim();
        if (kindOf(master) == null) {
            throw in.bad("spark.master", KEYS.get(0).allowed() + " (local[*] is not taken: say how many threads,"
                    + " e.g. local[2])");
        }
        String override = System.getProperty(MASTER_PROPERTY);
        if (override != null && !override.isBlank()) {
            if (kindOf(override.trim()) == null) {
                throw new SettingsException("-D" + MASTER_PROPERTY + "=" + override + " is not a Spark master URL rnnlab"
                        + " takes: " + KEYS.get(0).allowed() + " (it stands for spark.master of " + in.file().path() + ")");
            }
            master = override.trim();
        }
        return new SparkSettings(master, in.positiveInt("spark.averaging.frequency"));
    }

    /** "local", "standalone", "yarn" or "k8s" for a master URL rnnlab takes, else null. */
    static String kindOf(String master) {
        if (master == null) {
            return null;
        }
        if (LOCAL.matcher(master).matches()) {
            return "local";
        }
        if (STANDALONE.matcher(master).matches()) {
            return "standalone";
        }
        if (master.toLowerCase(Locale.ROOT).equals("yarn")) {
            return "yarn";
        }
        return KUBERNETES.matcher(master).matches() ? "k8s" : null;
    }
}

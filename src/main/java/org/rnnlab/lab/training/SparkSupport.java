package org.rnnlab.lab.training;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.rnnlab.data.files.IoErrors;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SparkSettings;

/**
 * What a Spark run needs before it starts, checked without touching a Spark class: that Spark's and
 * DL4J's Spark classes are on the class path (the default build leaves them out of its run-time class
 * path), that spark-submit's master is the settings' one, and that a standalone cluster's master answers.
 */
public final class SparkSupport {

    /** The classes a Spark run loads first; one missing means the build left Spark out. */
    static final List<String> REQUIRED_CLASSES = List.of(
            "org.apache.spark.api.java.JavaSparkContext",
            "org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer");

    /** How long a standalone master has to accept a connection before the run is refused. */
    static final int CONNECT_MILLIS = 5_000;

    private SparkSupport() {
    }

    /** Every reason the settings cannot train on Spark here, each naming the file and what to do. */
    public static List<String> problems(ExperimentSettings settings) {
        return problems(settings, REQUIRED_CLASSES);
    }

    /** As {@link #problems(ExperimentSettings)}, with the classes that must be there. */
    static List<String> problems(ExperimentSettings settings, List<String> requiredClasses) {
        List<String> problems = new ArrayList<>();
        if (!settings.onSpark()) {
            return problems;
        }
        String missing = missingClass(requiredClasses);
        if (missing != null) {
            problems.add(settings.source() + ": engine = spark, but Spark's classes are not on the class path ("
                    + missing + " not found). Run it with the spark profile, e.g. mvn -q -Pspark compile exec:java "
                    + "-Dexec.args=" + settings.source() + ", or submit the shaded jar of mvn -Pspark package with "
                    + "spark-submit; or set engine = local");
            return problems;
        }
        String submitted = System.getProperty("spark.master");
        if (submitted != null && !submitted.equals(settings.spark().master())) {
            problems.add(settings.source() + ": spark.master = " + settings.spark().master() + ", but spark-submit was"
                    + " given --master " + submitted + "; give both the same master, or let -D"
                    + SparkSettings.MASTER_PROPERTY + "=" + submitted + " stand for the file's (a Java option of the"
                    + " driver: --driver-java-options)");
            return problems;
        }
        String unreachable = unreachableMaster(settings.spark());
        if (unreachable != null) {
            problems.add(settings.source() + ": spark.master = " + settings.spark().master() + ": " + unreachable
                    + "; start the cluster or correct spark.master (local[2] trains on this machine)");
        }
        return problems;
    }

    /** The first of {@code classNames} this class loader cannot find, or null when all are there. */
    static String missingClass(List<String> classNames) {
        for (String name : classNames) {
            try {
                Class.forName(name, false, SparkSupport.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return name;
            }
        }
        return null;
    }

    /**
     * For a standalone master (spark://HOST:PORT,...): null when one of its addresses accepts a TCP
     * connection, else why none did. Other masters are left to Spark.
     */
    static String unreachableMaster(SparkSettings spark) {
        String master = spark.master();
        if (!master.startsWith("spark://")) {
            return null;
        }
        List<String> failures = new ArrayList<>();
        for (String address : master.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            String host = address.substring(0, colon);
            int port = Integer.parseInt(address.substring(colon + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
                return null;
            } catch (IOException e) {
                failures.add(address + " " + IoErrors.reason(e));
            }
        }
        return "no master answered (" + String.join("; ", failures) + ")";
    }
}

package org.rnnlab.bench;

import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.dl4j.Backend;
import org.rnnlab.dl4j.BlasKernels;
import org.rnnlab.lab.report.NumberFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times DL4J in a JVM of its own, in one of two setups: as it comes, with nothing of rnnlab's set
 * (ND4J's thread counts, JavaCPP's resident-size check on every native allocation, ND4J's
 * workspace-scope checks, OpenBLAS's own kernels, DL4J's own LSTM layer, the JVM's default
 * collector), or with rnnlab's settings (this JVM's collector among them) but OpenBLAS's own
 * choice of kernels. JavaCPP and OpenBLAS read their settings once per process, so these rows cannot
 * share the benchmark's JVM: the benchmark starts this class in a JVM of its own, with the same
 * classpath, hands it the cases in a file, and reads back one tab-separated result line per case
 * from a second file. The child's log goes to the console like the benchmark's own.
 */
public final class Dl4jDefaultsProbe {

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jDefaultsProbe.class);
    private static final double MIB = 1024.0 * 1024.0;

    private Dl4jDefaultsProbe() {
    }

    /** Child side: args = the cases file written by {@link #measure}, and the file for the results. */
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Dl4jDefaultsProbe <cases file> <results file>");
        }
        Path results = Path.of(args[1]);
        Request request;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
            request = (Request) in.readObject();
        }
        if (request.setup() == TrainingSetup.DL4J_DOUBLE_OWN_KERNELS) {
            System.setProperty(BlasKernels.PROPERTY, BlasKernels.DEFAULT);
            Backend.configure();
        }
        String threads = NativeThreads.current().compact();
        for (BenchCase benchCase : request.cases()) {
            CaseData data = CaseData.random(benchCase.network(), benchCase.steps(), benchCase.miniBatch(),
                    SpeedBenchmark.DATA_SEED);
            MultiLayerNetwork net = new MultiLayerNetwork(SpeedBenchmark.dl4jConfiguration(benchCase, DataType.DOUBLE,
                    request.setup().dl4jLstm()));
            net.init();
            StepTimer timer = new StepTimer(request.budget().withMinSteps(benchCase.minTimedSteps()));
            StepTimes times = timer.measure(new SpeedBenchmark.Dl4jStep(net, data.doubles()));
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            String line = String.join("\t", benchCase.label(), threads, String.valueOf(times.steps()),
                    number(times.quartiles().median()), number(times.quartiles().interquartileRange()),
                    number(times.peakHeapBytes() / MIB), number(times.allocatedBytesPerStep() / 1024),
                    number(times.peakOffHeapBytes() < 0 ? Double.NaN : times.peakOffHeapBytes() / MIB));
            Files.writeString(results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** What the child is asked to time, and in which setup. */
    record Request(List<BenchCase> cases, Budget budget, TrainingSetup setup) implements java.io.Serializable {
    }

    /**
     * Parent side: times the cases in a new JVM and returns a row of {@code setup} (one that
     * {@linkplain TrainingSetup#ownJvm() needs its own JVM}) per case label. If the child cannot be
     * started or fails, logs why and returns the rows it did produce.
     */
    static Map<String, SpeedRow> measure(List<BenchCase> cases, Budget budget, TrainingSetup setup) {
        Map<String, SpeedRow> rows = new LinkedHashMap<>();
        Path request = null;
        Path results = null;
        try {
            request = Files.createTempFile("rnnlab-probe", ".cases");
            results = Files.createTempFile("rnnlab-probe", ".results");
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(request))) {
                out.writeObject(new Request(List.copyOf(cases), budget, setup));
            }
            Map<String, BenchCase> byLabel = new LinkedHashMap<>();
            cases.forEach(c -> byLabel.put(c.label(), c));
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Djava.awt.headless=true"));
            if (setup != TrainingSetup.DL4J_DOUBLE_DEFAULTS) {
                // rnnlab's settings include the collector this JVM runs with (Maven's: .mvn/jvm.config)
                command.addAll(collectorOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
            }
            command.addAll(List.of("-cp", classPath(), Dl4jDefaultsProbe.class.getName(), request.toString(),
                    results.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            // A child inherits this process's C environment, where rnnlab set its kernel choice; the
            // child gets the environment this JVM started with instead (a shell's own choice stays),
            // so that OpenBLAS chooses for itself there.
            Map<String, String> environment = builder.environment();
            environment.remove(BlasKernels.VARIABLE);
            String fromShell = System.getenv(BlasKernels.VARIABLE);
            if (fromShell != null) {
                environment.put(BlasKernels.VARIABLE, fromShell);
            }
            builder.inheritIO();
            int exit = builder.start().waitFor();
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                SpeedRow row = parse(line, byLabel, setup);
                rows.put(row.caseName() + " " + row.size(), row);
                LOG.info("{} (own JVM) {} {}: median {} ms", setup.label(), row.caseName(), row.size(),
                        NumberFormats.significant(row.medianMillis()));
            }
            if (exit != 0) {
                LOG.warn("the {} JVM exited with {}; {} of {} cases timed", setup.label(), exit, rows.size(),
                        cases.size());
            }
        } catch (IOException | URISyntaxException e) {
            LOG.warn("could not time {} in a JVM of its own: {}", setup.label(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(request);
            deleteQuietly(results);
        }
        return rows;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}", file);
        }
    }

    private static SpeedRow parse(String line, Map<String, BenchCase> byLabel, TrainingSetup setup) {
        String[] f = line.split("\t", -1);
        BenchCase benchCase = byLabel.get(f[0]);
        if (benchCase == null || f.length != 8) {
            throw new IllegalStateException("unexpected result line from the " + setup.label() + " JVM: " + line);
        }
        double median = Double.parseDouble(f[3]);
        return new SpeedRow(benchCase.name(), benchCase.size(), setup, f[1],
                Integer.parseInt(f[2]), median, Double.parseDouble(f[4]),
                benchCase.flopsPerStep() / (median / 1000) / 1e9, Double.NaN, Double.parseDouble(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.17g", value);
    }

    /** The options among a JVM's that choose its garbage collector, such as {@code -XX:+UseParallelGC}. */
    static List<String> collectorOptions(List<String> jvmOptions) {
        return jvmOptions.stream().filter(o -> o.matches("-XX:\\+Use\\w+GC")).toList();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath this code was loaded from: the class loader's URLs when it has them (Maven's
     * exec:java runs the project in a URLClassLoader of its own), else the JVM's classpath.
     */
    static String classPath() throws URISyntaxException {
        ClassLoader loader = Dl4jDefaultsProbe.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                entries.add(Path.of(url.toURI()).toString());
            }
            if (!entries.isEmpty()) {
                return String.join(File.pathSeparator, entries);
            }
        }
        return System.getProperty("java.class.path");
    }
}

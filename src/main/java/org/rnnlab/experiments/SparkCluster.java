package org.rnnlab.experiments;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine: one master and N workers, each a JVM of its own,
 * talking over 127.0.0.1 only, from the jars Maven resolved. A worker starts its executors as JVMs
 * of their own, as on any cluster; an application (spark-submit, or a driver in any JVM) reaches it
 * at {@code spark://127.0.0.1:PORT}.
 *
 * <ol>
 *   <li>Lay out a Spark home under {@code target/spark-home}: {@code jars/} holds links to the jars
 *       of the class path this class runs with, less DL4J, ND4J, DataVec and JavaCPP (an application
 *       brings those in its shaded jar), the layout a Spark distribution has and a worker needs to
 *       start executors.</li>
 *   <li>Start the master, then the workers, each bound to 127.0.0.1 (RPC, web UI, and through the
 *       environment they pass on, their executors and block managers), with their work folders,
 *       scratch folders, temporary files and logs under {@code target/spark-cluster}.</li>
 *   <li>Wait until every worker has registered with the master (its JSON status page).</li>
 *   <li>On {@link #close()}, Ctrl-C or SIGTERM: stop the workers, the executors they started and
 *       the master, by process id; delete the copies of applications' jars from the work folders.
 *       Daemons whose cluster's JVM was SIGKILLed are stopped by the next start, from the pids
 *       file it leaves.</li>
 * </ol>
 * Run it with Spark on the class path: {@code mvn -q -Pspark compile exec:java
 * -Dexec.mainClass=org.rnnlab.experiments.SparkCluster [-Dexec.args="--workers 2 --cores 1 --memory 1536m"]}.
 */
public final class SparkCluster implements AutoCloseable {

    /** Where the Spark home is laid out, relative to the working directory (the project root). */
    public static final Path HOME = Path.of("target", "spark-home");

    /** Where the cluster's work, scratch, temporary and log files go. */
    public static final Path DIR = Path.of("target", "spark-cluster");

    static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";

    /** Path parts of the jars left out of the Spark home: what an application's shaded jar brings. */
    static final List<String> APPLICATION_GROUPS = List.of("/org/deeplearning4j/", "/org/nd4j/", "/org/datavec/",
            "/org/bytedeco/", "/org/junit/", "/org/opentest4j/", "/org/apiguardian/", "/org/apache/maven/surefire/");

    /** What Spark and its serialisers reach into on Java 17, for the master and worker JVMs. */
    static final List<String> JAVA_17_FLAGS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED");

    /** The Scala version of Spark's jars (spark-core_2.12). */
    static final String SCALA_VERSION = "2.12";

    /** The file under the cluster's folder that lists the pid and role of every daemon it started. */
    static final String PIDS = "pids";

    private static final Duration REGISTRATION = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final String LOOPBACK = "127.0.0.1";

    /**
     * How the cluster is made.
     *
     * @param workers    worker JVMs
     * @param cores      cores each worker offers to executors
     * @param memory     memory each worker offers to executors, as Spark writes it (1536m, 2g)
     * @param daemonHeap the master's and each worker's own heap (their executors get what the application asks)
     * @param port       the master's port; 0 takes a free one
     */
    public record Options(int workers, int cores, String memory, String daemonHeap, int port) {

        private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,6}[mMgG]");

        /** Two workers of one core and 1.5 GB each, daemons of 256 MB, a free master port. */
        public static final Options DEFAULT = new Options(2, 1, "1536m", "256m", 0);

        public Options {
            if (workers < 1 || workers > 16) {
                throw new IllegalArgumentException("--workers must be 1 to 16, got " + workers);
            }
            if (cores < 1 || cores > 64) {
                throw new IllegalArgumentException("--cores must be 1 to 64, got " + cores);
            }
            if (!SIZE.matcher(memory).matches()) {
                throw new IllegalArgumentException("--memory must be a size such as 1536m or 2g, got " + memory);
            }
            if (!SIZE.matcher(daemonHeap).matches()) {
                throw new IllegalArgumentException("--daemon-heap must be a size such as 256m, got " + daemonHeap);
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 0 (a free one) to 65535, got " + port);
            }
        }

        /** The options of a command line, as {@link #USAGE} declares them. */
        static Options parse(String[] args) {
            return of(USAGE.parse(args));
        }

        private static Options of(Usage.Parsed given) {
            try {
                return new Options(
                        given.value(WORKERS).map(v -> integer(WORKERS, v)).orElse(DEFAULT.workers),
                        given.value(CORES).map(v -> integer(CORES, v)).orElse(DEFAULT.cores),
                        given.value(MEMORY).orElse(DEFAULT.memory),
                        given.value(DAEMON_HEAP).orElse(DEFAULT.daemonHeap),
                        given.value(PORT).map(v -> integer(PORT, v)).orElse(DEFAULT.port));
            } catch (IllegalArgumentException e) {
                throw new BadArguments(e.getMessage());
            }
        }

        private static int integer(String name, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got " + value);
            }
        }
    }

    private static final String WORKERS = "--workers";
    private static final String CORES = "--cores";
    private static final String MEMORY = "--memory";
    private static final String DAEMON_HEAP = "--daemon-heap";
    private static final String PORT = "--port";

    static final Usage USAGE = Usage.of(SparkCluster.class, "rnnlab", "Starts a Spark standalone"
                    + " cluster on 127.0.0.1 from the jars Maven resolved (a master and workers, each a JVM of its own),"
                    + " prints its master URL and keeps it up until Ctrl-C, which stops every process it started.")
            .note("Run it with -Pspark (mvn -q -Pspark compile exec:java ...), which puts Spark on the class path;"
                    + " its files go under target/spark-home and target/spark-cluster.")
            .note("It starts Spark's own Master class with --host 127.0.0.1, --port and --webui-port, and each"
                    + " Worker with --host 127.0.0.1, --webui-port 0, --cores, --memory and a --work-dir of its own.")
            .option(WORKERS + " N", "worker JVMs, 1 to 16 (default " + Options.DEFAULT.workers() + ")")
            .option(CORES + " N", "cores each worker offers, 1 to 64 (default " + Options.DEFAULT.cores() + ")")
            .option(MEMORY + " SIZE", "memory each worker offers to executors, e.g. 1536m or 2g (default "
                    + Options.DEFAULT.memory() + ")")
            .option(DAEMON_HEAP + " SIZE", "the master's and each worker's own heap (default "
                    + Options.DEFAULT.daemonHeap() + ")")
            .option(PORT + " N", "the master's port; 0 takes a free one (default 0)")
            .refuses(Experiments.UI, "it trains nothing; submit a run to its master")
            .refuses(Experiments.RESUME, "it trains nothing; a run on it resumes through its own class")
            .build();

    private final Options options;
    private final Path home;
    private final Path dir;
    private final int port;
    private final int webUiPort;
    private final List<Process> workers = new ArrayList<>();
    /** Every process this cluster started or saw its workers start, so that close() can end each one. */
    private final Set<ProcessHandle> started = new LinkedHashSet<>();
    private Process master;
    private boolean closed;

    private SparkCluster(Options options, Path home, Path dir, int port, int webUiPort) {
        this.options = options;
        this.home = home;
        this.dir = dir;
        this.port = port;
        this.webUiPort = webUiPort;
    }

    /**
     * Starts a cluster whose Spark home is {@link #HOME} and whose files go under {@link #DIR}, both
     * under the working directory; returns once every worker has registered.
     *
     * @throws IllegalStateException when Spark is not on the class path, or a daemon did not start or register
     */
    public static SparkCluster start(Options options) throws IOException, InterruptedException {
        return start(options, HOME.toAbsolutePath(), DIR.toAbsolutePath());
    }

    static SparkCluster start(Options options, Path home, Path dir) throws IOException, InterruptedException {
        stopLeftOver(dir);
        layOutHome(home, classPath());
        deleteTree(dir);
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        int port = options.port() == 0 ? freePort() : options.port();
        SparkCluster cluster = new SparkCluster(options, home, dir, port, freePort());
        try {
            cluster.startDaemons();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The URL an application names as its master. */
    public String masterUrl() {
        return "spark://" + LOOPBACK + ":" + port;
    }

    /** The master's web UI (and its status as JSON under /json/). */
    public String webUiUrl() {
        return "http://" + LOOPBACK + ":" + webUiPort;
    }

    /** The master JVM. */
    public ProcessHandle master() {
        return master.toHandle();
    }

    /** The worker JVMs, in the order they started. */
    public List<ProcessHandle> workers() {
        return workers.stream().map(Process::toHandle).toList();
    }

    /**
     * The executor JVMs the workers run now (each a child of its worker). {@link #close()} stops every
     * one seen here too: an executor whose worker was killed is no longer its child, and ends by itself
     * only once it has noticed.
     */
    public synchronized List<ProcessHandle> executors() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (Process worker : workers) {
            worker.toHandle().children().forEach(executors::add);
        }
        started.addAll(executors);
        return executors;
    }

    /** The folder of the cluster's logs, work folders (executors' logs) and temporary files. */
    public Path dir() {
        return dir;
    }

    /** How many workers the master counts as alive now, from its JSON status; -1 when it does not answer. */
    public int aliveWorkers() {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(webUiUrl() + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = ALIVE_WORKERS.matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void startDaemons() throws IOException, InterruptedException {
        master = launch("master", MASTER_CLASS, List.of("--host", LOOPBACK, "--port", Integer.toString(port),
                "--webui-port", Integer.toString(webUiPort)));
        long deadline = System.nanoTime() + REGISTRATION.toNanos();
        while (aliveWorkers() < 0) {
            awaitAlive(master, "the master", deadline);
        }
        for (int i = 1; i <= options.workers(); i++) {
            Path work = Files.createDirectories(dir.resolve("work").resolve("worker-" + i));
            workers.add(launch("worker-" + i, WORKER_CLASS, List.of("--host", LOOPBACK, "--webui-port", "0",
                    "--cores", Integer.toString(options.cores()), "--memory", options.memory(),
                    "--work-dir", work.toString(), masterUrl())));
        }
        while (aliveWorkers() < options.workers()) {
            awaitAlive(master, "the master", deadline);
            for (int i = 0; i < workers.size(); i++) {
                awaitAlive(workers.get(i), "worker-" + (i + 1), deadline);
            }
        }
    }

    /** Waits a little; fails when {@code process} has ended or the registration time is over. */
    private void awaitAlive(Process process, String what, long deadline) throws InterruptedException, IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(what + " ended with status " + process.exitValue() + " before every worker"
                    + " registered; its log, " + logOf(what) + ", ends:\n" + tail(logOf(what)));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the workers did not all register with the master within "
                    + REGISTRATION.toSeconds() + " s (" + Math.max(0, aliveWorkers()) + " of " + options.workers()
                    + "); the logs are in " + dir.resolve("logs"));
        }
        Thread.sleep(250);
    }

    private Path logOf(String what) {
        return dir.resolve("logs").resolve((what.equals("the master") ? "master" : what) + ".log");
    }

    private Process launch(String name, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + options.daemonHeap()));
        command.addAll(JAVA_17_FLAGS);
        command.addAll(List.of("-Djava.io.tmpdir=" + dir.resolve("tmp"), "-cp",
                home.resolve("conf") + File.pathSeparator + home.resolve("jars").resolve("*"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs").resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("SPARK_"));
        env.put("SPARK_HOME", home.toString());
        // a worker's command builder for executors asks for it when the home is not a source build
        env.put("SPARK_SCALA_VERSION", SCALA_VERSION);
        env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
        env.put("SPARK_LOCAL_IP", LOOPBACK);
        env.put("SPARK_PUBLIC_DNS", LOOPBACK);
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local").resolve(name)).toString());
        // passed on to the executors a worker starts: their temporary files and the native libraries
        // ND4J unpacks stay under target/ as well
        env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + dir.resolve("tmp") + " -Dorg.bytedeco.javacpp.cachedir="
                + home.resolve("javacpp-cache"));
        Process process = builder.start();
        started.add(process.toHandle());
        Files.writeString(dir.resolve(PIDS), process.pid() + " " + name + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return process;
    }

    /**
     * Stops the daemons a cluster in {@code dir} left running when its own JVM was killed (SIGKILL runs
     * no shutdown hook): each pid of its {@value #PIDS} file whose process is still a Spark daemon
     * working in {@code dir}, with the executors under it.
     */
    static void stopLeftOver(Path dir) throws IOException {
        Path pids = dir.resolve(PIDS);
        if (!Files.isRegularFile(pids)) {
            return;
        }
        for (String line : Files.readAllLines(pids, StandardCharsets.UTF_8)) {
            String[] fields = line.trim().split(" ");
            if (fields[0].isEmpty()) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(fields[0]))
                    .filter(p -> p.info().arguments().map(args -> String.join(" ", args))
                            .filter(args -> args.contains(dir.toString())
                                    && (args.contains(MASTER_CLASS) || args.contains(WORKER_CLASS)))
                            .isPresent())
                    .ifPresent(SparkCluster::stop);
        }
        Files.delete(pids);
    }

    /**
     * Stops the workers (a worker stops its executors), any executor still running, then the master:
     * SIGTERM first, SIGKILL for any not gone within 10 s; then deletes the copies of applications'
     * jars in the work folders (their logs stay).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process worker : workers) {
            worker.toHandle().descendants().forEach(started::add);
        }
        List<ProcessHandle> order = new ArrayList<>(workers());
        started.stream().filter(p -> !order.contains(p) && (master == null || !p.equals(master.toHandle())))
                .forEach(order::add);
        if (master != null) {
            order.add(master.toHandle());
        }
        for (ProcessHandle process : order) {
            stop(process);
        }
        deleteApplicationJars(dir.resolve("work"));
        try {
            Files.deleteIfExists(dir.resolve(PIDS));
        } catch (IOException e) {
            // the next start reads it and finds no daemon of its pids
        }
    }

    private static void stop(ProcessHandle process) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().orTimeout(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS).exceptionally(x -> null).join();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.onExit().orTimeout(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS).exceptionally(x -> null).join();
            }
        }
    }

    private static void deleteApplicationJars(Path work) {
        if (!Files.isDirectory(work)) {
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a jar left in target/ is no harm; the next start deletes the whole folder
        }
    }

    /**
     * The Spark home a worker needs: {@code jars/} with a link to each of {@code classPath}'s jars
     * that is not an application's ({@link #APPLICATION_GROUPS}), an empty {@code conf/}.
     *
     * @throws IllegalStateException when Spark's own jar is not among them
     */
    static List<Path> layOutHome(Path home, List<Path> classPath) throws IOException {
        List<Path> jars = classPath.stream().filter(p -> p.getFileName().toString().endsWith(".jar"))
                .filter(p -> APPLICATION_GROUPS.stream().noneMatch(g -> p.toString().replace('\\', '/').contains(g)))
                .toList();
        if (jars.stream().noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
            throw new IllegalStateException("Spark's classes are not on the class path (no spark-core jar); run "
                    + "SparkCluster with the spark profile: mvn -q -Pspark compile exec:java "
                    + "-Dexec.mainClass=" + SparkCluster.class.getName());
        }
        Path jarsDir = home.resolve("jars");
        deleteTree(jarsDir);
        Files.createDirectories(jarsDir);
        Files.createDirectories(home.resolve("conf"));
        List<Path> links = new ArrayList<>();
        for (Path jar : jars) {
            Path link = jarsDir.resolve(jar.getFileName().toString());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                } catch (UnsupportedOperationException | IOException e) {
                    // a file system without links: a copy does as well
                    Files.copy(jar, link);
                }
                links.add(link);
            }
        }
        return links;
    }

    /**
     * The class path this code runs with: its class loader's URLs under {@code mvn exec:java} (whose
     * own java.class.path is Maven's), else java.class.path.
     */
    static List<Path> classPath() {
        List<Path> entries = new ArrayList<>();
        ClassLoader loader = SparkCluster.class.getClassLoader();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: not a jar a worker can read
                }
            }
            return entries;
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Files.walk does not follow links: a link in jars/ is deleted, never the jar it points to
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /**
     * The entry logic as the other runnable classes have it: the cluster up until a stop is
     * requested, then closed; the exit status, never an exception.
     */
    static int run(String[] args, Invocation io) {
        return USAGE.run(args, io, given -> {
            try (SparkCluster cluster = start(Options.of(given))) {
                io.out().println("master: " + cluster.masterUrl());
                io.out().flush();
                while (!io.stop().isRequested()) {
                    Thread.sleep(200);
                }
                io.stop().acknowledge();
                return io.stop().reason().exitStatus();
            }
        });
    }

    /**
     * Starts the cluster, prints its master URL, and keeps it up until Ctrl-C or SIGTERM, which stop
     * every process it started.
     */
    public static void main(String[] args) throws InterruptedException {
        Options[] chosen = new Options[1];
        int status = USAGE.run(args, Invocation.standard(), given -> {
            chosen[0] = Options.of(given);
            return Experiments.OK;
        });
        System.out.flush();
        System.err.flush();
        if (status != Experiments.OK) {
            System.exit(status);
        }
        if (chosen[0] == null) {
            return; // --help
        }
        Options options = chosen[0];
        CountDownLatch stopped = new CountDownLatch(1);
        SparkCluster[] cluster = new SparkCluster[1];
        Thread hook = new Thread(() -> {
            synchronized (cluster) {
                if (cluster[0] != null) {
                    cluster[0].close();
                    System.err.println("rnnlab SparkCluster: stopped");
                }
            }
            stopped.countDown();
        }, "rnnlab-spark-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            synchronized (cluster) {
                cluster[0] = start(options);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("rnnlab SparkCluster: " + e.getMessage());
            System.exit(Experiments.FAILED);
            return;
        }
        SparkCluster c = cluster[0];
        System.out.printf(Locale.ROOT, "Spark standalone cluster up: %d worker(s) x %d core(s), %s each%n",
                options.workers(), options.cores(), options.memory());
        System.out.println("master: " + c.masterUrl());
        System.out.println("web UI: " + c.webUiUrl() + " (status as JSON: " + c.webUiUrl() + "/json/)");
        System.out.println("Spark home: " + c.home + "; logs and work folders: " + c.dir);
        System.out.println("Ctrl-C stops it.");
        System.out.flush();
        stopped.await();
    }
}

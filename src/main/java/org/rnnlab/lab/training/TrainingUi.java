package org.rnnlab.lab.training;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.rnnlab.lab.report.RunFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DL4J's training UI, served to this machine only.
 *
 * <p>DL4J's {@code VertxUIServer} listens with {@code listen(port, handler)}, which Vert.x binds to
 * every interface (0.0.0.0), and it has no option for the host. So this class deploys the same
 * server verticle itself, handing it a Vert.x instance whose HTTP servers are bound to the loopback
 * address whatever they ask for: a thin proxy that changes only the {@code listen} calls. The pages,
 * routes and modules are DL4J's own.
 *
 * <p>One UI runs per JVM (DL4J's server is a singleton). While it runs, every run's stats file
 * ({@link TrainingStats}) is shown as the run opens it, and again from the finished folder after the
 * run ends (the folder is renamed then, and the file storage must be closed before). A folder
 * holding finished runs, as a study's holds its trainings, is completed through {@link #complete}
 * for the same reason.
 */
public final class TrainingUi implements AutoCloseable {

    /** DL4J's UI port; {@code -Dorg.deeplearning4j.ui.port=N} or {@link #start(int)} chooses another. */
    public static final int DEFAULT_PORT = 9000;

    /** DL4J's own port property, honoured here too. */
    public static final String PORT_PROPERTY = "org.deeplearning4j.ui.port";

    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(TrainingUi.class);
    private static final long START_SECONDS = 60;
    /** The folder prefixes of what the server leaves in the OS temp folder: DL4J's uploads, Vert.x's file cache. */
    private static final List<String> TEMP_PREFIXES = List.of("DL4JUI_", "vertx-cache-");

    private static TrainingUi running;

    private final VertxUIServer server;
    private final Vertx vertx;
    private final List<Path> uploadFolders;
    /** The finished runs' stats files the UI keeps open, by file. */
    private final Map<Path, StatsStorage> kept = new LinkedHashMap<>();

    private TrainingUi(VertxUIServer server, Vertx vertx, List<Path> uploadFolders) {
        this.server = server;
        this.vertx = vertx;
        this.uploadFolders = uploadFolders;
    }

    /** The port from {@value #PORT_PROPERTY}, or {@value #DEFAULT_PORT}. */
    public static int configuredPort() {
        String text = System.getProperty(PORT_PROPERTY, "").trim();
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 0xFFFF) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PORT_PROPERTY + "=" + text + " is not a port: give a number from "
                + "1 to 65535 (0: any free port)");
    }

    /**
     * Starts the UI on {@value #HOST}.
     *
     * @param port the port, or 0 for any free one ({@link #port()} says which)
     * @throws IOException when it cannot listen there (e.g. the port is taken), with what to do
     * @throws IllegalStateException when a UI already runs in this JVM
     */
    public static synchronized TrainingUi start(int port) throws IOException {
        if (running != null) {
            throw new IllegalStateException("the training UI already runs at " + running.address());
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("a port is 0..65535, got " + port);
        }
        Set<Path> uploadsBefore = uploadFolders();
        Vertx vertx = Vertx.vertx();
        VertxUIServer server = new VertxUIServer();
        CompletableFuture<String> deployed = new CompletableFuture<>();
        vertx.deployVerticle(new OnLoopback(server, port), result -> {
            if (result.succeeded()) {
                deployed.complete(result.result());
            } else {
                deployed.completeExceptionally(result.cause());
            }
        });
        try {
            deployed.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            vertx.close();
            Set<Path> uploads = uploadFolders();
            uploads.removeAll(uploadsBefore);
            deleteEmpty(uploads);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? rootCause(e) : e;
            throw new IOException("the training UI could not listen on " + HOST + ":" + port + " (" + cause
                    + "); if another program uses that port, choose another with -D" + PORT_PROPERTY + "=N", cause);
        }
        Set<Path> uploads = uploadFolders();
        uploads.removeAll(uploadsBefore);
        running = new TrainingUi(server, vertx, new ArrayList<>(uploads));
        LOG.info("training UI at {} (this machine only)", running.address());
        return running;
    }

    /** The UI running in this JVM, if any. */
    public static synchronized TrainingUi current() {
        return running;
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    /** Where to point a browser on this machine. */
    public String address() {
        return "http://" + HOST + ":" + port() + "/train";
    }

    /** Shows {@code storage}'s sessions in the UI, and keeps them there until the UI stops. */
    public synchronized void attach(StatsStorage storage) {
        if (!server.isAttached(storage)) {
            server.attach(storage);
        }
    }

    static synchronized void attachIfRunning(StatsStorage storage) {
        if (running != null) {
            running.attach(storage);
        }
    }

    static synchronized void detachIfRunning(StatsStorage storage) {
        if (running != null && running.server.isAttached(storage)) {
            running.server.detach(storage);
        }
    }

    /**
     * Shows a run's stats file in the running UI, if one runs: called when the run has ended and its
     * folder has its final name. The UI keeps the file open until it stops.
     */
    public static synchronized void showIfRunning(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (running == null || !Files.isRegularFile(file) || running.kept.containsKey(key)) {
            return;
        }
        try {
            StatsStorage storage = new FileStatsStorage(file.toFile());
            running.attach(storage);
            running.kept.put(key, storage);
        } catch (RuntimeException e) {
            LOG.warn("the training UI cannot open {}: {}", file, e.toString());
        }
    }

    /**
     * Completes {@code folder} ({@link RunFolder#complete()}) when it holds finished runs the UI shows,
     * as a study's folder holds its trainings: their stats files, which the rename moves, are closed
     * before it and shown again from where they end up.
     *
     * @return the folder's final path
     */
    public static Path complete(RunFolder folder) throws IOException {
        List<Path> inside;
        synchronized (TrainingUi.class) {
            inside = running == null ? List.of() : running.release(folder.dir());
        }
        Path where = folder.dir();
        try {
            where = folder.complete();
            return where;
        } finally {
            for (Path file : inside) {
                showIfRunning(where.resolve(file));
            }
        }
    }

    /** Stops showing the kept stats files under {@code dir} and closes them; their paths relative to it. */
    private synchronized List<Path> release(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        List<Path> inside = new ArrayList<>();
        for (Path file : List.copyOf(kept.keySet())) {
            if (file.startsWith(root)) {
                forget(kept.remove(file));
                inside.add(root.relativize(file));
            }
        }
        return inside;
    }

    /** The finished runs' stats files shown, where they are. */
    synchronized Set<Path> shownFiles() {
        return Set.copyOf(kept.keySet());
    }

    private void forget(StatsStorage storage) {
        try {
            server.detach(storage);
            storage.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing a training stats file: {}", e.toString());
        }
    }

    /**
     * Stops the server and its Vert.x, closes the stats files it kept open and removes the empty
     * folders DL4J and Vert.x made in the temp folder.
     */
    @Override
    public void close() {
        synchronized (TrainingUi.class) {
            if (running == this) {
                running = null;
            }
        }
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("stopping the training UI: {}", e.toString());
        }
        synchronized (this) {
            kept.values().forEach(this::forget);
            kept.clear();
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        vertx.close(result -> closed.complete(null));
        try {
            closed.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("closing the training UI's Vert.x: {}", e.toString());
        }
        deleteEmpty(uploadFolders);
    }

    private static void deleteEmpty(Iterable<Path> folders) {
        for (Path folder : folders) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                LOG.warn("could not remove the UI's temporary folder {}: {}", folder, e.toString());
            }
        }
    }

    private static Set<Path> uploadFolders() throws IOException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        if (!Files.isDirectory(temp)) {
            return new LinkedHashSet<>();
        }
        try (Stream<Path> list = Files.list(temp)) {
            return list.filter(p -> TEMP_PREFIXES.stream().anyMatch(p.getFileName().toString()::startsWith))
                    .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** DL4J's server verticle, given a Vert.x whose HTTP servers listen on loopback, on {@code port}. */
    private static final class OnLoopback implements Verticle {
        private final VertxUIServer server;
        private final int port;

        OnLoopback(VertxUIServer server, int port) {
            this.server = server;
            this.port = port;
        }

        @Override
        public Vertx getVertx() {
            return server.getVertx();
        }

        @Override
        public void init(Vertx vertx, Context context) {
            server.init(loopbackVertx(vertx, port), context);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void start(Future<Void> startFuture) throws Exception {
            server.start(startFuture);
        }

        @Override
        public void start(Promise<Void> startPromise) throws Exception {
            server.start(startPromise);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void stop(Future<Void> stopFuture) throws Exception {
            server.stop(stopFuture);
        }

        @Override
        public void stop(Promise<Void> stopPromise) throws Exception {
            server.stop(stopPromise);
        }
    }

    /** {@code vertx} with every HTTP server it creates bound to {@value #HOST}:{@code port}. */
    static Vertx loopbackVertx(Vertx vertx, int port) {
        return (Vertx) proxy(vertx, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return method.getName().equals("createHttpServer") && result instanceof HttpServer http
                    ? loopbackServer(http, port) : result;
        });
    }

    /**
     * {@code server} whose {@code listen} calls, whatever host and port they name, listen on
     * {@value #HOST}:{@code port}; fluent calls return the proxy, so a chain stays on it.
     */
    @SuppressWarnings("unchecked")
    static HttpServer loopbackServer(HttpServer server, int port) {
        Object[] self = new Object[1];
        self[0] = proxy(server, (target, method, args) -> {
            if (method.getName().equals("listen")) {
                Handler<AsyncResult<HttpServer>> handler = null;
                for (Object arg : args == null ? new Object[0] : args) {
                    if (arg instanceof Handler<?> h) {
                        handler = (Handler<AsyncResult<HttpServer>>) h;
                    }
                }
                Handler<AsyncResult<HttpServer>> callback = handler;
                server.listen(port, InetAddress.getLoopbackAddress().getHostAddress(), callback == null ? null
                        : result -> callback.handle(result.map(s -> (HttpServer) self[0])));
                return self[0];
            }
            Object result = invoke(target, method, args);
            return result == target ? self[0] : result;
        });
        return (HttpServer) self[0];
    }

    private interface Call {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static Object proxy(Object target, Call call) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        InvocationHandler handler = (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> p == args[0];
                    case "hashCode" -> System.identityHashCode(p);
                    default -> method.invoke(target, args);
                };
            }
            return call.handle(target, method, args);
        };
        return Proxy.newProxyInstance(TrainingUi.class.getClassLoader(), interfaces.toArray(new Class<?>[0]), handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            method.setAccessible(true);
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package io.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's binaries (the {@code postgresql} package that {@code .ci/run}
 * installs), a fresh cluster in a temporary directory, listening on 127.0.0.1 only, started once per test JVM and
 * stopped when it exits. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user the
 * package creates. Each caller of {@link #newDatabase} gets a database of its own, so tests do not see each other.
 */
public final class PostgresServer {

    private static PostgresServer shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final int port;
    private final Process server;

    private PostgresServer(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public String user() {
        return "parley";
    }

    /** A new, empty database; its name. */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
                .toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return name;
    }

    /** A fresh database with Parley's schema (Flyway's migrations), and a reactive pool of {@code size} on it. */
    public io.vertx.mutiny.sqlclient.Pool migratedPool(io.vertx.core.Vertx vertx, String prefix, int size) {
        String database = newDatabase(prefix);
        org.flywaydb.core.Flyway.configure().dataSource(jdbcUrl(database), user(), "").load().migrate();
        return io.vertx.mutiny.sqlclient.Pool.newInstance(io.vertx.pgclient.PgPool.pool(vertx,
                new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase(database)
                        .setUser(user()), new io.vertx.sqlclient.PoolOptions().setMaxSize(size)));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("parley-pg-");
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            run(asServerUser(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "parley",
                    "--auth=trust", "-E", "UTF8", "--no-sync")));
            int port = freePort();
            List<String> command = asServerUser(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", dir.toString(), "-c", "fsync=off",
                    "-c", "max_connections=300", "-c", "shared_buffers=64MB", "-c", "synchronous_commit=off"));
            Process server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
            PostgresServer started = new PostgresServer(dir, port, server);
            started.awaitReady(Duration.ofSeconds(30));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL from " + bin, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited at start-up: " + log());
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), "")) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(100);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within " + timeout + ": " + log(),
                last);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public void stop() {
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans what is left
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("No PostgreSQL under /usr/lib/postgresql: install Debian's postgresql "
                    + "package (.ci/run does)", e);
        }
    }

    private static List<String> asServerUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres",
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.parley.replicas;

import io.parley.testing.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Three packaged replicas (a, b, c) on one PostgreSQL database, started together (the first start of each creates the
 * schema and the keys, and they must agree), behind a {@link ReadinessProxy}. Closing kills every process it started
 * and removes its working directory.
 */
public final class ReplicaSet implements AutoCloseable {

    public static final Duration READY = Duration.ofSeconds(120);

    private final Path workDir;
    private final List<Replica> replicas;
    private final ReadinessProxy proxy;

    private ReplicaSet(Path workDir, List<Replica> replicas, ReadinessProxy proxy) {
        this.workDir = workDir;
        this.replicas = replicas;
        this.proxy = proxy;
    }

    /** Each replica gets the shared store's settings, a data directory of its own, and {@code environment}. */
    public static ReplicaSet start(PostgresServer postgres, String database, Map<String, String> environment)
            throws Exception {
        Path workDir = Files.createTempDirectory("parley-replicas-");
        List<Replica> replicas = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Map<String, String> env = new HashMap<>(environment);
            env.put("PARLEY_STORE", "postgres");
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            env.put("PARLEY_DATA_DIR", workDir.resolve("data-" + name).toString());
            env.put("PARLEY_API_JOINS_PER_MINUTE", "1000000");
            int port = Http.freePort();
            // as a StatefulSet names its pods: a stable id, and the address at which browsers reach this one
            env.put("PARLEY_NODE_ID", name);
            env.put("PARLEY_NODE_URL", "http://127.0.0.1:" + port);
            replicas.add(new Replica(name, port, env, workDir));
        }
        ReadinessProxy proxy = null;
        try {
            replicas.forEach(Replica::start);
            for (Replica replica : replicas) {
                replica.awaitReady(READY);
            }
            proxy = new ReadinessProxy(replicas);
            ReplicaSet set = new ReplicaSet(workDir, replicas, proxy);
            set.awaitAllReady();
            return set;
        } catch (Exception | AssertionError e) {
            if (proxy != null) {
                proxy.close();
            }
            replicas.forEach(Replica::kill);
            throw e;
        }
    }

    public List<Replica> replicas() {
        return replicas;
    }

    public Replica get(int index) {
        return replicas.get(index);
    }

    public ReadinessProxy proxy() {
        return proxy;
    }

    /** Until the proxy routes to every replica (it probes every 100 ms). */
    public void awaitAllReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxy.readyCount() < replicas.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (proxy.readyCount() < replicas.size()) {
            throw new AssertionError("the proxy sees " + proxy.readyCount() + " of " + replicas.size()
                    + " replicas ready");
        }
    }

    @Override
    public void close() {
        proxy.close();
        replicas.forEach(Replica::kill);
        if (!Boolean.getBoolean("parley.keep-replica-logs")) {
            Replica.deleteQuietly(workDir);
        }
    }
}

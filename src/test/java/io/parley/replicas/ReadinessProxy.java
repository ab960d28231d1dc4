package io.parley.replicas;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a Kubernetes Service does for the test: round-robin over the replicas whose readiness probe passes, never
 * retrying. Probes run as a kubelet's do, only more often: every 100 ms, each with a 2 s timeout, a replica out of
 * rotation after two failures in a row and back after one success. A request that cannot reach its replica is a
 * connection error, answered 502 and counted, so a rolling restart that drops a request shows here.
 */
final class ReadinessProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "expect");

    private final List<Replica> replicas;
    private static final int FAILURE_THRESHOLD = 2;

    private final Set<Replica> ready = ConcurrentHashMap.newKeySet();
    private final Set<Replica> probing = ConcurrentHashMap.newKeySet();
    private final Map<Replica, Integer> failures = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(32);
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder noReplica = new LongAdder();

    ReadinessProxy(List<Replica> replicas) throws IOException {
        this.replicas = replicas;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(workers);
        server.createContext("/", this::forward);
        probes.scheduleWithFixedDelay(this::probe, 0, 100, TimeUnit.MILLISECONDS);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long connectionErrors() {
        return connectionErrors.sum();
    }

    long requestsWithNoReadyReplica() {
        return noReplica.sum();
    }

    int readyCount() {
        return ready.size();
    }

    private void probe() {
        for (Replica replica : replicas) {
            if (!probing.add(replica)) {
                continue;       // the last probe of this replica has not answered yet
            }
            client.sendAsync(HttpRequest.newBuilder(replica.base().resolve("/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        probing.remove(replica);
                        if (failure == null && response.statusCode() == 200) {
                            failures.put(replica, 0);
                            ready.add(replica);
                        } else if (failures.merge(replica, 1, Integer::sum) >= FAILURE_THRESHOLD) {
                            ready.remove(replica);
                        }
                    });
        }
    }

    private Replica pick() {
        List<Replica> candidates = replicas.stream().filter(ready::contains).toList();
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Replica replica = pick();
            if (replica == null) {
                noReplica.increment();
                respond(exchange, 503, new byte[0]);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(replica.base().resolve(exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(20))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                connectionErrors.increment();
                respond(exchange, 502, new byte[0]);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            respond(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        probes.shutdownNow();
        workers.shutdownNow();
    }
}

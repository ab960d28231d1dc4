package io.parley.load;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * parley-join-load: room joins per second and their latency against one or more running Parley replicas (requests
 * round-robin over the URLs given, as a Service would spread them). Each room gets {@code --joins-per-room} joins: the
 * first creates the room (a platform session, a reservation, the room row), the others read it and get a token, as
 * people arriving at a meeting do. A fixed number of joins in flight ({@code --concurrency}); bounded by
 * {@code --joins} and {@code --max-seconds}; loopback only. Prints a table and one {@code PARLEY_JOIN_LOAD {...}} line.
 */
public final class JoinLoad {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (!options.containsKey("url")) {
            System.out.println("""
                    parley-join-load --url http://127.0.0.1:8080[,http://127.0.0.1:8081,...]
                        [--joins 2000] [--joins-per-room 10] [--concurrency 32] [--max-seconds 120] [--label text]
                    The server must allow the rate: set parley.api.joins-per-minute high enough.""");
            return;
        }
        List<URI> urls = new ArrayList<>();
        for (String url : options.get("url").split(",")) {
            URI uri = URI.create(url.strip());
            String host = uri.getHost();
            if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
                throw new IllegalArgumentException("loopback only: " + uri);
            }
            urls.add(uri);
        }
        int joins = Math.min(100_000, Integer.parseInt(options.getOrDefault("joins", "2000")));
        int perRoom = Math.max(1, Integer.parseInt(options.getOrDefault("joins-per-room", "10")));
        int concurrency = Math.max(1, Math.min(256, Integer.parseInt(options.getOrDefault("concurrency", "32"))));
        long maxSeconds = Math.min(600, Long.parseLong(options.getOrDefault("max-seconds", "120")));
        String label = options.getOrDefault("label", "");

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Histogram created = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram existing = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        Semaphore inFlight = new Semaphore(concurrency);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        long began = System.nanoTime();
        int sent = 0;
        // joins go out room by room: the first of each room alone, so that it is the one that creates it
        for (int i = 0; i < joins && System.nanoTime() < deadline; i++) {
            int room = i / perRoom;
            boolean first = i % perRoom == 0;
            if (first) {
                inFlight.acquire(concurrency);      // the room's creation, then its other joins in parallel
                inFlight.release(concurrency);
            }
            inFlight.acquire();
            URI base = urls.get((int) (next.getAndIncrement() % urls.size()));
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/rooms/load-" + run + "-" + room
                            + "/join")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Load " + i + "\"}")).build();
            long start = System.nanoTime();
            Histogram histogram = first ? created : existing;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long micros = (System.nanoTime() - start) / 1000;
                synchronized (histogram) {
                    histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                }
                if (failure != null) {
                    failures.incrementAndGet();
                } else {
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                }
                inFlight.release();
            });
            sent++;
        }
        inFlight.acquire(concurrency);
        double seconds = (System.nanoTime() - began) / 1e9;
        Histogram all = created.copy();
        all.add(existing);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.get()));

        System.out.printf(Locale.ROOT, "%-26s %s%n", "replicas", urls.size());
        System.out.printf(Locale.ROOT, "%-26s %d in %.1f s, %d in flight, %d per room%n", "joins", sent, seconds,
                concurrency, perRoom);
        System.out.printf(Locale.ROOT, "%-26s %.0f%n", "joins per second", sent / seconds);
        System.out.printf(Locale.ROOT, "%-26s p50 %.1f ms, p99 %.1f ms%n", "latency (all)",
                all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0);
        System.out.printf(Locale.ROOT, "%-26s p50 %.1f ms, p99 %.1f ms%n", "latency (room created)",
                created.getValueAtPercentile(50) / 1000.0, created.getValueAtPercentile(99) / 1000.0);
        System.out.printf(Locale.ROOT, "%-26s p50 %.1f ms, p99 %.1f ms%n", "latency (room existed)",
                existing.getValueAtPercentile(50) / 1000.0, existing.getValueAtPercentile(99) / 1000.0);
        System.out.printf(Locale.ROOT, "%-26s %s, failures %d%n", "statuses", byStatus, failures.get());
        System.out.printf(Locale.ROOT, "PARLEY_JOIN_LOAD {\"label\":\"%s\",\"replicas\":%d,\"joins\":%d,"
                        + "\"seconds\":%.2f,\"joinsPerSecond\":%.1f,\"p50Ms\":%.2f,\"p99Ms\":%.2f,"
                        + "\"createdP50Ms\":%.2f,\"existingP50Ms\":%.2f,\"failures\":%d,\"non200\":%d}%n",
                label, urls.size(), sent, seconds, sent / seconds, all.getValueAtPercentile(50) / 1000.0,
                all.getValueAtPercentile(99) / 1000.0, created.getValueAtPercentile(50) / 1000.0,
                existing.getValueAtPercentile(50) / 1000.0, failures.get(),
                sent - byStatus.getOrDefault(200, 0));
        System.exit(failures.get() == 0 && byStatus.getOrDefault(200, 0) == sent ? 0 : 1);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}

package io.parley.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * parley-load: synthetic publishers and subscribers in routed sessions of a running Parley (embedded platform), with
 * no browser. They use Parley's signaling and Parley's own ICE, DTLS-SRTP and SRTP code as the client, publish the
 * frame schedule of a recorded WebM (or a camera-like one) at real pacing, and count what the router forwards:
 * packets, sequence gaps, and one-way delay from a send time each packet carries. Loopback only, bounded in time; it
 * stops by itself and prints a table and one JSON line ({@code PARLEY_LOAD {...}}). See README, "Load".
 */
public final class ParleyLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CONSENT_MILLIS = 2000;

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final LongAdder published = new LongAdder();
    private final List<SyntheticPublisher> publishers = new CopyOnWriteArrayList<>();
    private final List<CountingSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<MediaPeer> peers = new CopyOnWriteArrayList<>();
    private final List<SignalingClient> clients = new CopyOnWriteArrayList<>();
    private final List<Thread> receivers = new ArrayList<>();
    private volatile boolean running = true;
    private final MediaSchedule schedule;

    private ParleyLoad(Options options) throws IOException {
        this.options = options;
        this.schedule = options.media() == null ? MediaSchedule.camera(options.videoKbps())
                : MediaSchedule.recorded(options.media());
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || List.of(args).contains("--help")) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("parley-load: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Result result = run(options);
        System.out.println(result.table());
        System.out.println("PARLEY_LOAD " + result.json());
    }

    /** Runs one load and returns its figures; every socket, thread and connection it opened is closed. */
    public static Result run(Options options) throws Exception {
        ParleyLoad load = new ParleyLoad(options);
        try {
            return load.measure();
        } finally {
            load.stop();
        }
    }

    private Result measure() throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "load-pacer"));
        AtomicLong lastConsent = new AtomicLong();
        pacer.scheduleAtFixedRate(() -> pace(lastConsent), 5, 5, TimeUnit.MILLISECONDS);
        try {
            int participants = options.rooms() * (options.publishers() + options.audioPublishers()
                    + options.subscribers());
            long pauseNanos = participants <= 1 ? 0 : options.ramp().toNanos() / participants;
            for (int room = 0; room < options.rooms(); room++) {
                String sessionId = createSession();
                List<String> streams = new ArrayList<>();
                for (int p = 0; p < options.publishers() + options.audioPublishers(); p++) {
                    streams.add(publish(sessionId, p, p < options.publishers()));
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                }
                for (int s = 0; s < options.subscribers(); s++) {
                    subscribe(sessionId, streams);
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                }
            }
            Thread.sleep(options.warmup().toMillis());
            ServerProcess server = options.pid() == null ? null : new ServerProcess(options.pid());
            subscribers.forEach(CountingSubscriber::snapshot);
            long publishedBefore = published.sum();
            long cpuBefore = server == null ? 0 : server.cpuMicros();
            Map<String, Long> threadsBefore = server == null ? Map.of() : server.cpuMicrosByThread();
            long started = System.nanoTime();
            Thread.sleep(options.duration().toMillis());
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpuMicros = server == null ? -1 : server.cpuMicros() - cpuBefore;
            Map<String, Long> byThread = new TreeMap<>();
            if (server != null) {
                server.cpuMicrosByThread().forEach((name, micros) -> {
                    long spent = micros - threadsBefore.getOrDefault(name, 0L);
                    if (spent > 0) {
                        byThread.put(name, spent);
                    }
                });
            }
            long rss = server == null ? -1 : server.rssBytes();
            long sent = published.sum() - publishedBefore;
            Histogram delays = new Histogram(10_000_000L, 3);
            long received = 0;
            long lost = 0;
            long undecryptable = 0;
            for (CountingSubscriber subscriber : subscribers) {
                CountingSubscriber.Counts counts = subscriber.snapshot();
                received += counts.received();
                lost += counts.lost();
                undecryptable += counts.undecryptable();
                delays.add(counts.delaysMicros());
            }
            return new Result(options, seconds, sent, received, lost, undecryptable, delays, cpuMicros, rss,
                    byThread, schedule.source());
        } finally {
            pacer.shutdownNow();
            pacer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void pace(AtomicLong lastConsent) {
        long now = System.currentTimeMillis();
        for (SyntheticPublisher publisher : publishers) {
            try {
                publisher.sendDue(now);
            } catch (IOException e) {
                // a closed socket at the end of the run
            }
        }
        if (now - lastConsent.get() >= CONSENT_MILLIS) {
            lastConsent.set(now);
            for (MediaPeer peer : peers) {
                try {
                    peer.sendConsent();
                } catch (IOException e) {
                    // as above
                }
            }
        }
    }

    private String createSession() throws IOException, InterruptedException {
        return post("/api/v1/sessions", "{\"mediaMode\":\"ROUTED\"}").path("sessionId").asText();
    }

    private String token(String sessionId, String role) throws IOException, InterruptedException {
        return post("/api/v1/sessions/" + sessionId + "/tokens",
                "{\"role\":\"" + role + "\",\"data\":\"{\\\"displayName\\\":\\\"load\\\"}\"}").path("token").asText();
    }

    /** A publisher of audio and, with {@code video}, camera video. */
    private String publish(String sessionId, int index, boolean video) throws IOException, InterruptedException {
        SignalingClient client = connect(sessionId, "PUBLISHER");
        String streamId = client.request(SignalingClient.message("publish").put("name", "load-" + index)
                .put("hasAudio", true).put("hasVideo", video).put("videoType", "camera")).path("streamId").asText();
        String linkId = client.next("linkCreated").path("linkId").asText();
        String ufrag = randomIce(8);
        long audioSsrc = ThreadLocalRandom.current().nextLong(1, 0xFFFF_FFFFL);
        long videoSsrc = ThreadLocalRandom.current().nextLong(1, 0xFFFF_FFFFL);
        client.send(SignalingClient.message("offer").put("linkId", linkId)
                .put("sdp", LoadSdp.publisherOffer(ufrag, randomIce(24), audioSsrc, video ? videoSsrc : -1,
                        streamId)));
        String answer = client.next("answer").path("sdp").asText();
        MediaPeer peer = new MediaPeer(answer, ufrag);
        peers.add(peer);
        peer.connect();
        SyntheticPublisher publisher = new SyntheticPublisher(peer, video ? schedule : schedule.audioOnly(),
                audioSsrc, videoSsrc, published, System.currentTimeMillis());
        receivers.add(start(() -> publisher.receive(() -> running), "load-publisher-" + index));
        publishers.add(publisher);
        return streamId;
    }

    private void subscribe(String sessionId, List<String> streams) throws IOException, InterruptedException {
        SignalingClient client = connect(sessionId, "SUBSCRIBER");
        for (String streamId : streams) {
            String linkId = client.request(SignalingClient.message("subscribe").put("streamId", streamId))
                    .path("linkId").asText();
            ObjectNode offer = client.next("offer");
            if (!linkId.equals(offer.path("linkId").asText())) {
                throw new IOException("the router offered link " + offer.path("linkId").asText() + ", not " + linkId);
            }
            String ufrag = randomIce(8);
            String answer = LoadSdp.subscriberAnswer(offer.path("sdp").asText(), ufrag, randomIce(24));
            client.send(SignalingClient.message("answer").put("linkId", linkId).put("sdp", answer));
            MediaPeer peer = new MediaPeer(offer.path("sdp").asText(), ufrag);
            peers.add(peer);
            peer.connect();
            CountingSubscriber subscriber = new CountingSubscriber(peer);
            receivers.add(start(() -> subscriber.receive(() -> running), "load-subscriber-" + subscribers.size()));
            subscribers.add(subscriber);
        }
    }

    private SignalingClient connect(String sessionId, String role) throws IOException, InterruptedException {
        URI rtc = URI.create(options.base().toString().replaceFirst("^http", "ws") + "/rtc");
        SignalingClient client = SignalingClient.connect(http, rtc, token(sessionId, role));
        clients.add(client);
        return client;
    }

    private ObjectNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(options.base().resolve(path))
                .header("Authorization", "Bearer " + options.serverKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            // the body is problem+json from Parley; the server key is never part of it
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return (ObjectNode) JSON.readTree(response.body());
    }

    private void stop() throws InterruptedException {
        running = false;
        clients.forEach(SignalingClient::close);
        peers.forEach(MediaPeer::close);
        for (Thread receiver : receivers) {
            receiver.join(2000);
        }
    }

    private static Thread start(Runnable work, String name) {
        Thread thread = daemon(work, name);
        thread.start();
        return thread;
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    /** RFC 8445 §5.3 ice-chars. */
    private static String randomIce(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, Math.min(length, 32))
                + (length > 32 ? "x".repeat(length - 32) : "");
    }

    /** What parley-load is asked to do; bounded so that a typo cannot start an endless or huge run. */
    public record Options(URI base, String serverKey, int rooms, int publishers, int audioPublishers,
                          int subscribers, Duration duration, Duration warmup, Duration ramp, Long pid, Path media,
                          int videoKbps) {

        static final String USAGE = """
                usage: parley-load --server-key KEY | --server-key-file FILE [--url http://127.0.0.1:8080]
                                   [--rooms 1] [--publishers 2] [--audio-publishers 0] [--subscribers 1]
                                   [--duration 30] [--warmup 10]
                                   [--ramp 5] [--pid PID] [--media recording.webm | --video-kbps 600]
                  per room: publishers send audio and video, audio publishers audio only, and each subscriber
                  subscribes to every publisher of its room;
                  durations in seconds; --pid adds the server's CPU and RSS; loopback addresses only""";

        public Options {
            if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
                throw new IllegalArgumentException("--url must be on 127.0.0.1: load stays on this machine");
            }
            if (serverKey == null || serverKey.isBlank()) {
                throw new IllegalArgumentException("--server-key or --server-key-file is required");
            }
            if (rooms < 1 || publishers < 0 || audioPublishers < 0 || publishers + audioPublishers < 1
                    || subscribers < 0 || rooms * (publishers + audioPublishers + subscribers) > 400) {
                throw new IllegalArgumentException("rooms >= 1, at least one publisher, subscribers >= 0, at most "
                        + "400 participants in all");
            }
            if (duration.isNegative() || duration.isZero() || duration.toSeconds() > 600
                    || warmup.isNegative() || warmup.toSeconds() > 120 || ramp.isNegative() || ramp.toSeconds() > 120) {
                throw new IllegalArgumentException("duration 1..600 s, warm-up and ramp 0..120 s");
            }
        }

        static Options parse(String[] args) {
            URI base = URI.create("http://127.0.0.1:8080");
            String key = null;
            int rooms = 1;
            int publishers = 2;
            int audioPublishers = 0;
            int subscribers = 1;
            long duration = 30;
            long warmup = 10;
            long ramp = 5;
            Long pid = null;
            Path media = null;
            int kbps = 600;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                try {
                    switch (name) {
                        case "--url" -> base = URI.create(value.replaceFirst("/$", ""));
                        case "--server-key" -> key = value;
                        case "--server-key-file" -> key = Files.readString(Path.of(value)).strip();
                        case "--rooms" -> rooms = Integer.parseInt(value);
                        case "--publishers" -> publishers = Integer.parseInt(value);
                        case "--audio-publishers" -> audioPublishers = Integer.parseInt(value);
                        case "--subscribers" -> subscribers = Integer.parseInt(value);
                        case "--duration" -> duration = Long.parseLong(value);
                        case "--warmup" -> warmup = Long.parseLong(value);
                        case "--ramp" -> ramp = Long.parseLong(value);
                        case "--pid" -> pid = Long.parseLong(value);
                        case "--media" -> media = Path.of(value);
                        case "--video-kbps" -> kbps = Integer.parseInt(value);
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " takes a number, not " + value);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + value + ": " + e.getMessage());
                }
            }
            return new Options(base, key, rooms, publishers, audioPublishers, subscribers, Duration.ofSeconds(duration),
                    Duration.ofSeconds(warmup), Duration.ofSeconds(ramp), pid, media, kbps);
        }
    }

    /** The figures of one run, over the measured window only (after ramp and warm-up). */
    public record Result(Options options, double seconds, long sent, long received, long lost, long undecryptable,
                         Histogram delaysMicros, long serverCpuMicros, long serverRssBytes,
                         Map<String, Long> serverCpuMicrosByThread, String media) {

        public double inPerSecond() {
            return sent / seconds;
        }

        public double outPerSecond() {
            return received / seconds;
        }

        public double loss() {
            return received + lost == 0 ? 0 : (double) lost / (received + lost);
        }

        public double delayMillis(double percentile) {
            return delaysMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        /** Server CPU per forwarded packet in µs, or -1 without a PID or without packets. */
        public double cpuMicrosPerForwarded() {
            return serverCpuMicros < 0 || received == 0 ? -1 : (double) serverCpuMicros / received;
        }

        public double cpuPercentOfCore() {
            return serverCpuMicros < 0 ? -1 : serverCpuMicros / (seconds * 1e6) * 100;
        }

        String table() {
            String cpu = serverCpuMicros < 0 ? "(no --pid)" : String.format(Locale.ROOT,
                    "%.1f%% of a core, %.1f µs per forwarded packet, RSS %d MB", cpuPercentOfCore(),
                    cpuMicrosPerForwarded(), serverRssBytes / (1024 * 1024));
            return String.format(Locale.ROOT, """
                    parley-load: %d room(s) x (%d publisher(s) + %d audio-only) x %d subscriber(s), %s, %.1f s measured
                      packets in   %10.0f /s   (publishers -> router)
                      packets out  %10.0f /s   (router -> subscribers)
                      loss         %10.3f %%   (%d gaps, %d undecryptable)
                      delay        p50 %.2f ms   p99 %.2f ms   max %.2f ms   (one way, send to receive)
                      server       %s%s""",
                    options.rooms(), options.publishers(), options.audioPublishers(), options.subscribers(), media,
                    seconds, inPerSecond(),
                    outPerSecond(), loss() * 100, lost, undecryptable, delayMillis(50), delayMillis(99),
                    delaysMicros.getMaxValue() / 1000.0, cpu, threads());
        }

        /** The threads that took most of the server's CPU, as % of a core (a thread pool's counted together). */
        private String threads() {
            if (serverCpuMicros < 0) {
                return "";
            }
            return "\n  by thread    " + serverCpuMicrosByThread.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f%%", e.getKey(), e.getValue() / (seconds * 1e4)))
                    .collect(Collectors.joining(", "));
        }

        String json() {
            ObjectNode json = JSON.createObjectNode()
                    .put("rooms", options.rooms()).put("publishers", options.publishers())
                    .put("audioPublishers", options.audioPublishers())
                    .put("subscribers", options.subscribers()).put("media", media).put("seconds", seconds)
                    .put("packetsInPerSecond", inPerSecond()).put("packetsOutPerSecond", outPerSecond())
                    .put("loss", loss()).put("undecryptable", undecryptable)
                    .put("delayP50Ms", delayMillis(50)).put("delayP99Ms", delayMillis(99))
                    .put("delayMaxMs", delaysMicros.getMaxValue() / 1000.0);
            if (serverCpuMicros >= 0) {
                json.put("serverCpuPercentOfCore", cpuPercentOfCore())
                        .put("serverCpuMicrosPerForwardedPacket", cpuMicrosPerForwarded())
                        .put("serverRssMegabytes", serverRssBytes / (1024 * 1024));
                ObjectNode byThread = json.putObject("serverCpuPercentOfCoreByThread");
                serverCpuMicrosByThread.forEach((name, micros) -> byThread.put(name, micros / (seconds * 1e4)));
            }
            return json.toString();
        }
    }
}

package io.parley.browser;

import io.parley.testing.NamespaceResource;
import io.parley.testing.NetworkNamespace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulcast with per-subscriber layers on real shaped networks: Ada, Grace and Linus publish their cameras in
 * layers; Strong receives on this machine, Weak in a network namespace whose downlink a token bucket holds to
 * 500 kbit/s. Weak gets low layers of all three and keeps decoding them; Strong gets every top layer; and the
 * publishers send more than Weak's whole downlink: Weak does not pull them down.
 */
@QuarkusTest
@TestProfile(SimulcastBrowserTest.Shaped.class)
@EnabledIf("io.parley.testing.NetworkNamespace#available")
class SimulcastBrowserTest extends BrowserTest {

    static final String NAMESPACE = "parley-sim";
    static final String HOST = "198.18.73.1";
    static final String INSIDE = "198.18.73.2";
    /** Where the unshaped browsers run: a namespace too, so that they use no address of this machine's own. */
    static final String HERE = "parley-sim2";
    static final String HERE_HOST = "198.18.173.1";
    static final String HERE_INSIDE = "198.18.173.2";
    static final int TOP_WIDTH = 640;

    public static class Shaped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the publishers are told their bitrate (REMB), not left to estimate it: five browsers on two cores
            // starve the router for up to half a second at a time (measured: load 8, GC pauses to 514 ms), and
            // every estimator reading those arrival times saw congestion and held its publisher near 150 kbit/s.
            // This test is about subscribers' downlinks; UplinkBrowserTest proves the publishers' estimate.
            return Map.of("quarkus.quinoa", "true",
                    "parley.media.transport-cc", "false",
                    "quarkus.http.host", HOST,
                    "parley.media.host", HOST,
                    "parley.media.announced-addresses", HOST);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(NamespaceResource.class, Map.of("name", NAMESPACE, "host", HOST,
                    "inside", INSIDE, "here", HERE, "here-host", HERE_HOST,
                    "here-inside", HERE_INSIDE, "downlink-kbit", "500")));
        }
    }

    static URI base() {
        return URI.create("http://" + HOST + ":" + RestAssured.port);
    }

    /**
     * Three publishers (Ada's camera plays grey noise, so her top layer costs what a camera's does, more than Weak's
     * whole downlink); Strong and Weak only subscribe. Weak's three streams at their lowest layers fit its
     * 500 kbit/s; their top layers would not.
     */
    @Test
    void aWeakDownlinkGetsLowLayersWhileAStrongOneKeepsTheTop(@TempDir Path dir) throws Exception {
        String sessionId = given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("mediaMode", "ROUTED")).post("/api/v1/sessions").then().statusCode(201)
                .extract().path("sessionId");
        Path noise = NoiseVideo.write(dir.resolve("noise.y4m"), 640, 480, 20, 10,
                CapacityStepBrowserTest.NOISE_AMPLITUDE);
        List<String> secure = List.of("--unsafely-treat-insecure-origin-as-secure=" + base());
        List<String> noisy = new java.util.ArrayList<>(secure);
        noisy.add("--use-file-for-fake-video-capture=" + noise);
        List<String> publishers = List.of("Ada", "Grace", "Linus");
        try (Chromium noisyBrowser = Chromium.launch(NetworkNamespace.launcher(HERE, Chromium.EXECUTABLE, dir), noisy);
             Chromium here = Chromium.launch(NetworkNamespace.launcher(HERE, Chromium.EXECUTABLE, dir), secure);
             Chromium far = Chromium.launch(NetworkNamespace.launcher(NAMESPACE, Chromium.EXECUTABLE, dir), secure);
             Participant ada = joinSmall(noisyBrowser, sessionId, "Ada");
             Participant grace = joinSmall(here, sessionId, "Grace");
             Participant linus = joinSmall(here, sessionId, "Linus");
             Participant strong = join(here, sessionId, "Strong", "SUBSCRIBER");
             Participant weak = join(far, sessionId, "Weak", "SUBSCRIBER")) {
            strong.awaitDecodingFrom(Duration.ofSeconds(20), "camera", publishers.toArray(String[]::new));
            weak.awaitDecodingFrom(Duration.ofSeconds(20), "camera", publishers.toArray(String[]::new));
            publishers.forEach(weak::watchFrames);
            // a publisher's browser raises its bitrate by REMB a few percent a second: its top layer starts once
            // the estimate allows it, tens of seconds in
            long ramp = System.nanoTime();
            Participant.await(Duration.ofSeconds(60), "Strong receiving every top layer", () -> {
                Map<String, Number> widths = strong.inboundVideoStat("frameWidth");
                return publishers.stream().allMatch(p -> widths.getOrDefault(p, 0).intValue() >= TOP_WIDTH);
            });
            System.out.printf("Every top layer at Strong after %.1f s%n", (System.nanoTime() - ramp) / 1e9);
            // Weak's first trials of higher layers fail and back off (4 s, then 6 s): measured across several, as a
            // weak downlink spends its time
            Thread.sleep(6_000);

            Map<String, Number> weakFrames = weak.framesDecoded("camera");
            Map<String, Number> strongFrames = strong.framesDecoded("camera");
            Map<String, Number> weakFreezes = weak.inboundVideoStat("totalFreezesDuration");
            long adaBytes = ada.bytesSent();
            Map<String, Participant> publisherOf = Map.of("Ada", ada, "Grace", grace, "Linus", linus);
            // what each publisher's lowest layer (the one Weak gets) encodes: the router cannot forward more
            Map<String, Long> lowEncoded = new java.util.HashMap<>();
            publisherOf.forEach((name, p) -> lowEncoded.put(name, p.cameraFramesEncodedByLayer().get("q")));
            long start = System.nanoTime();
            double from = weak.pageNow();
            // how much of the window Strong spent on each top layer, sampled each second
            Map<String, Integer> strongOnTop = new java.util.HashMap<>();
            int samples = 15;
            for (int i = 0; i < samples; i++) {
                Thread.sleep(1_000);
                strong.inboundVideoStat("frameWidth").forEach((name, width) ->
                        strongOnTop.merge(name, width.intValue() >= TOP_WIDTH ? 1 : 0, Integer::sum));
            }
            double to = weak.pageNow();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Number> weakHeights = weak.inboundVideoStat("frameHeight");
            Map<String, Number> strongWidths = strong.inboundVideoStat("frameWidth");
            double adaKbps = (ada.bytesSent() - adaBytes) * 8 / seconds / 1000;
            String metrics = given().header("Authorization", "Bearer " + SERVER_KEY).get("/q/metrics").then()
                    .statusCode(200).extract().asString();
            System.out.printf("Weak (500 kbit/s) gets %s px high, Strong %s px wide; Ada sends %.0f kbps; %.0f layer"
                            + " switches, %.0f by a standing queue; queueing p50/p90/p99 %s ms%n", weakHeights,
                    strongWidths, adaKbps, RoutedRoomBrowserTest.counter(metrics, "parley_media_layer_switches_total"),
                    RoutedRoomBrowserTest.counter(metrics, "parley_media_downlink_standing_queues_total"),
                    metrics.lines().filter(l -> l.startsWith("parley_media_downlink_queueing_milliseconds{"))
                            .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
            for (String publisher : publishers) {
                double fps = (weak.framesDecoded("camera").get(publisher).longValue()
                        - weakFrames.get(publisher).longValue()) / seconds;
                double frozen = weak.inboundVideoStat("totalFreezesDuration").get(publisher).doubleValue()
                        - weakFreezes.get(publisher).doubleValue();
                // to the frame: the page's frame clock
                double still = weak.longestStill(publisher, from, to);
                double lowFps = (publisherOf.get(publisher).cameraFramesEncodedByLayer().get("q")
                        - lowEncoded.get(publisher)) / seconds;
                System.out.printf("Weak decodes %s at %.1f fps (%s px high; that layer encoded at %.1f fps), frozen"
                        + " %.2f s in %.0f s, the longest %.2f s%n", publisher, fps, weakHeights.get(publisher),
                        lowFps, frozen, seconds, still);
                double strongFps = (strong.framesDecoded("camera").get(publisher).longValue()
                        - strongFrames.get(publisher).longValue()) / seconds;
                double onTop = strongOnTop.getOrDefault(publisher, 0) / (double) samples;
                System.out.printf("Strong decodes %s at %.1f fps (%s px wide; on the top layer %.0f%% of the time)%n",
                        publisher, strongFps, strongWidths.get(publisher), 100 * onTop);
                // the marks: 15 fps and no freeze over 1 s. Measured on Chromium 156.0.8078.114: 20.1 to
                // 20.9 fps, the longest freeze 0.10 to 0.13 s; Weak's trials fail under their padding (its queue
                // building), before any layer switch costs it a key frame.
                // A publisher's encoder, starved of CPU by the other browsers on these two cores, may thin its lowest
                // layer by itself: the router cannot forward frames that were never sent, so where that layer was
                // encoded at under 18.75 fps Weak gets 80% of it
                assertThat(fps).as("Weak decoding " + publisher + " (its layer encoded at " + lowFps + " fps)")
                        .isGreaterThanOrEqualTo(Math.min(15.0, 0.8 * lowFps));
                assertThat(still).as("Weak's longest freeze of " + publisher).isLessThan(1.0);
                assertThat(weakHeights.get(publisher).intValue()).as("Weak gets a low layer of " + publisher)
                        .isLessThan(360);
                assertThat(strongFps).as("Strong decoding " + publisher).isGreaterThanOrEqualTo(10.0);
                // Strong's browser decodes three top layers beside three encoders on two cores: starved, it reads
                // its packets late, its feedback shows a queue, and a layer steps down for a few seconds (seen: two
                // of three at the end of one run). The router keeps it on the top layers all the same
                assertThat(onTop).as("Strong on the top layer of " + publisher + ", share of the time")
                        .isGreaterThanOrEqualTo(0.6);
            }
            assertThat(adaKbps).as("Ada's sending, more than Weak's whole downlink").isGreaterThan(600);
        }
    }

    /**
     * A publisher in a small window: the others' tiles ask for their lowest layers. Twelve subscriptions decode in
     * this room, on two cores beside three encoders; at the top layers the publishers' decoders took the CPU that
     * Strong's browser needed to read its packets, and its feedback came seconds late (seen: 29 s).
     */
    private static Participant joinSmall(Chromium browser, String sessionId, String name) {
        return join(browser, new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(480, 320),
                sessionId, name, "PUBLISHER");
    }

    private static Participant join(Chromium browser, String sessionId, String name, String role) {
        return join(browser, new com.microsoft.playwright.Browser.NewContextOptions(), sessionId, name, role);
    }

    private static Participant join(Chromium browser, com.microsoft.playwright.Browser.NewContextOptions window,
                                    String sessionId, String name, String role) {
        String token = given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("role", role, "data", "{\"displayName\":\"" + name + "\"}"))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then().statusCode(201).extract().path("token");
        return Participant.openDirect(browser.browser(), window, base(), name, sessionId, token);
    }
}

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
 * Uplink congestion control: Ada publishes from a network namespace whose uplink a token bucket can narrow, and her
 * browser's own estimator sets her bitrate from the router's transport-wide feedback. Unconstrained it climbs;
 * when her uplink drops to 150 kbit/s it follows the link down, so what she sends still arrives and Strong keeps
 * decoding her; when the link comes back her estimate climbs again.
 */
@QuarkusTest
@TestProfile(UplinkBrowserTest.Shaped.class)
@EnabledIf("io.parley.testing.NetworkNamespace#available")
class UplinkBrowserTest extends BrowserTest {

    static final String NAMESPACE = "parley-up";
    static final String HOST = "198.18.74.1";
    static final String INSIDE = "198.18.74.2";
    /** Where the unshaped browsers run: a namespace too, so that they use no address of this machine's own. */
    static final String HERE = "parley-up2";
    static final String HERE_HOST = "198.18.174.1";
    static final String HERE_INSIDE = "198.18.174.2";
    static final int UPLINK_KBIT = 150;

    public static class Shaped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.quinoa", "true",
                    "quarkus.http.host", HOST,
                    "parley.media.host", HOST,
                    "parley.media.announced-addresses", HOST);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(NamespaceResource.class, Map.of("name", NAMESPACE, "host", HOST,
                    "inside", INSIDE, "here", HERE, "here-host", HERE_HOST,
                    "here-inside", HERE_INSIDE)));
        }
    }

    static URI base() {
        return URI.create("http://" + HOST + ":" + RestAssured.port);
    }

    @Test
    void aPublishersBitrateFollowsItsUplinkDownAndUp(@TempDir Path dir) throws Exception {
        String sessionId = given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("mediaMode", "ROUTED")).post("/api/v1/sessions").then().statusCode(201)
                .extract().path("sessionId");
        List<String> secure = List.of("--unsafely-treat-insecure-origin-as-secure=" + base());
        try (Chromium far = Chromium.launch(NetworkNamespace.launcher(NAMESPACE, Chromium.EXECUTABLE, dir), secure);
             Chromium here = Chromium.launch(NetworkNamespace.launcher(HERE, Chromium.EXECUTABLE, dir), secure);
             Participant ada = join(far, sessionId, "Ada", "PUBLISHER");
             Participant strong = join(here, sessionId, "Strong", "SUBSCRIBER")) {
            strong.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Ada");
            long start = System.nanoTime();
            // Chrome probes its uplink once it connects and jumps to what the probe found; when the probe fails
            // (this machine's two cores are busy, and packets read in a burst look like an infinitely fast link) it
            // climbs from 300 kbit/s by about 8% a second instead
            double[] topKbps = new double[1];
            Participant.await(Duration.ofSeconds(30), "Ada sending well over what her uplink will carry", () -> {
                long before = ada.bytesSent();
                Participant.pause(1_000);
                topKbps[0] = (ada.bytesSent() - before) * 8 / 1000.0;
                return topKbps[0] > 1.5 * UPLINK_KBIT;
            });
            System.out.printf("Ada over %.0f kbit/s after %.1f s: she sends %.0f kbit/s, her estimate %d kbit/s%n",
                    1.5 * UPLINK_KBIT, (System.nanoTime() - start) / 1e9,
                    topKbps[0], ada.availableOutgoingBitrate() / 1000);

            NetworkNamespace.shapeUplink(NAMESPACE, UPLINK_KBIT);
            long narrowed = System.nanoTime();
            Participant.await(Duration.ofSeconds(10), "Ada's estimate following her uplink down", () ->
                    ada.availableOutgoingBitrate() <= UPLINK_KBIT * 1000);
            double down = (System.nanoTime() - narrowed) / 1e9;
            Thread.sleep(3_000);
            long bytes = ada.bytesSent();
            long frames = strong.framesDecoded("camera").get("Ada").longValue();
            long lost = strong.inboundVideoStat("packetsLost").get("Ada").longValue();
            long measured = System.nanoTime();
            Thread.sleep(8_000);
            double seconds = (System.nanoTime() - measured) / 1e9;
            double kbps = (ada.bytesSent() - bytes) * 8 / seconds / 1000;
            double fps = (strong.framesDecoded("camera").get("Ada").longValue() - frames) / seconds;
            long lostSince = strong.inboundVideoStat("packetsLost").get("Ada").longValue() - lost;
            System.out.printf("At " + UPLINK_KBIT + " kbit/s: Ada's estimate down in %.1f s, %d kbit/s now; she sends %.0f kbit/s,"
                            + " Strong decodes her at %.1f fps (%s px high), %d packets lost in %.0f s%n", down,
                    ada.availableOutgoingBitrate() / 1000, kbps, fps,
                    strong.inboundVideoStat("frameHeight").get("Ada"), lostSince, seconds);
            assertThat(kbps).as("what Ada sends fits her uplink").isLessThan(UPLINK_KBIT);
            assertThat(lostSince).as("packets lost on her uplink, of about %.0f", fps * seconds * 2)
                    .isLessThan((long) (fps * seconds * 2 / 100));
            assertThat(fps).as("Strong decoding Ada").isGreaterThanOrEqualTo(15);

            NetworkNamespace.shapeUplink(NAMESPACE, 0);
            long widened = System.nanoTime();
            long narrow = ada.availableOutgoingBitrate();
            // Chrome climbs by itself here, about 8% a second: measured 20 s from 169 to 600 kbit/s
            Participant.await(Duration.ofSeconds(40), "Ada's estimate climbing back", () ->
                    ada.availableOutgoingBitrate() >= 3L * UPLINK_KBIT * 1000);
            System.out.printf("Uplink back: Ada's estimate from %d to over %d kbit/s in %.1f s%n", narrow / 1000,
                    3 * UPLINK_KBIT,
                    (System.nanoTime() - widened) / 1e9);
            String metrics = given().header("Authorization", "Bearer " + SERVER_KEY).get("/q/metrics").then()
                    .statusCode(200).extract().asString();
            assertThat(RoutedRoomBrowserTest.counter(metrics, "parley_media_transport_feedback_total"))
                    .as("transport-wide feedback sent").isGreaterThan(100);
        }
    }


    private static Participant join(Chromium browser, String sessionId, String name, String role) {
        String token = given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("role", role, "data", "{\"displayName\":\"" + name + "\"}"))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then().statusCode(201).extract().path("token");
        return Participant.openDirect(browser.browser(), base(), name, sessionId, token);
    }
}

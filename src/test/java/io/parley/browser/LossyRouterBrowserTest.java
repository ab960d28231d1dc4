package io.parley.browser;

import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** With 5% of publishers' packets dropped on the router's receive path, NACK and retransmission keep video flowing. */
@QuarkusTest
@TestProfile(LossyRouterBrowserTest.LossyRouter.class)
class LossyRouterBrowserTest extends BrowserTest {

    public static class LossyRouter extends WebAppProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("parley.media.test-receive-loss-percent", "5");
            return config;
        }
    }

    @Test
    void subscribersKeepDecodingAtTenFramesPerSecondDespiteFivePercentLoss() throws Exception {
        URI base = base();
        String room = "lossy-" + UUID.randomUUID().toString().substring(0, 8);
        try (Participant ada = Participant.joinRoom(chromium.browser(), base, room, "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), base, room, "Grace")) {
            grace.awaitDecodingFrom(Duration.ofSeconds(10), "camera", "Ada");
            long before = grace.framesDecoded("camera").get("Ada").longValue();
            long start = System.nanoTime();
            Thread.sleep(10_000);
            double fps = (grace.framesDecoded("camera").get("Ada").longValue() - before)
                    / ((System.nanoTime() - start) / 1e9);
            String metrics = given().header("Authorization", "Bearer test-server-key-0123456789").get("/q/metrics").then().statusCode(200).extract().asString();
            double dropped = RoutedRoomBrowserTest.counter(metrics, "parley_media_drops_total{layer=\"rtp\",reason=\"test_loss\"}");
            double nacks = RoutedRoomBrowserTest.counter(metrics, "parley_media_nacks_total{direction=\"out\"}");
            System.out.printf("With %.0f packets dropped and %.0f NACKs sent, Grace decodes Ada at %.1f fps%n",
                    dropped, nacks, fps);
            assertThat(dropped).isPositive();
            assertThat(nacks).isPositive();
            assertThat(fps).isGreaterThanOrEqualTo(10.0);
        }
    }
}

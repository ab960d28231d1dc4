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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ICE over TCP with real browsers: Grace's Chromium runs in a network namespace of its own from which no UDP
 * packet leaves (policy routing sends them all to a blackhole), as behind a firewall that lets only TCP through. The
 * server listens on this machine's end of the namespace's veth pair, so Ada, on this machine, reaches it over UDP.
 */
@QuarkusTest
@TestProfile(IceTcpBrowserTest.UdpBlocked.class)
@EnabledIf("io.parley.testing.NetworkNamespace#available")
class IceTcpBrowserTest extends BrowserTest {

    static final String NAMESPACE = "parley-tcp";
    static final String HOST = "198.18.71.1";
    static final String INSIDE = "198.18.71.2";
    /** Where the unshaped browsers run: a namespace too, so that they use no address of this machine's own. */
    static final String HERE = "parley-tcp2";
    static final String HERE_HOST = "198.18.171.1";
    static final String HERE_INSIDE = "198.18.171.2";

    /** The web app, served and routed on the veth pair's host end only. */
    public static class UdpBlocked implements QuarkusTestProfile {
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
                    "here-inside", HERE_INSIDE, "block-udp", "true")));
        }
    }

    static URI base() {
        return URI.create("http://" + HOST + ":" + RestAssured.port);
    }

    @Test
    void aBrowserWhoseNetworkBlocksUdpConnectsOverTcpAndDecodesVideo(@TempDir Path dir) throws Exception {
        String room = "tcp-" + UUID.randomUUID().toString().substring(0, 8);
        Path launcher = NetworkNamespace.launcher(NAMESPACE, Chromium.EXECUTABLE, dir);
        // the page is not on loopback, so only this makes it a secure context, where cameras may be opened
        List<String> secure = List.of("--unsafely-treat-insecure-origin-as-secure=" + base());
        try (Chromium here = Chromium.launch(NetworkNamespace.launcher(HERE, Chromium.EXECUTABLE, dir), secure);
             Chromium blocked = Chromium.launch(launcher, secure);
             Participant ada = Participant.joinRoom(here.browser(), base(), room, "Ada");
             Participant grace = Participant.joinRoom(blocked.browser(), base(), room, "Grace")) {
            grace.awaitDecodingFrom(MEDIA_STARTS, "camera", "Ada");
            ada.awaitDecodingFrom(MEDIA_STARTS, "camera", "Grace");
            assertThat(grace.inboundTransports()).as("Grace receives over TCP").containsEntry("Ada", "tcp");
            assertThat(ada.inboundTransports()).as("Ada receives over UDP").containsEntry("Grace", "udp");

            Map<String, Number> before = grace.framesDecoded("camera");
            long start = System.nanoTime();
            Thread.sleep(5_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            double fps = (grace.framesDecoded("camera").get("Ada").longValue() - before.get("Ada").longValue())
                    / seconds;
            System.out.printf("Grace decodes Ada over ICE-TCP at %.1f fps%n", fps);
            assertThat(fps).isGreaterThanOrEqualTo(15.0);

            String metrics = given().header("Authorization", "Bearer " + SERVER_KEY).get("/q/metrics").then().statusCode(200).extract()
                    .asString();
            assertThat(RoutedRoomBrowserTest.counter(metrics, "parley_media_tcp_connections"))
                    .as("Grace's publisher and subscriber links, one TCP connection each").isGreaterThanOrEqualTo(2);
        }
    }
}

package io.parley.callbacks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The application that receives Parley's archive status callbacks: WireMock on a loopback port, accepting every
 * delivery unless a test says otherwise. Retries are quick here (50 ms first backoff) so that tests stay short.
 */
public class CallbackReceiverStub implements QuarkusTestResourceLifecycleManager {

    public static final String PATH = "/hooks/parley-archives";
    public static final String SECRET = "test-callbacks-secret-0123456789abcdef";
    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        acceptAll();
        return Map.of(
                "parley.callbacks.url", "http://127.0.0.1:" + server.port() + PATH,
                "parley.callbacks.secret", SECRET,
                "parley.callbacks.timeout", "2s",
                "parley.callbacks.max-attempts", "4",
                "parley.callbacks.initial-backoff", "50ms");
    }

    public static void acceptAll() {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(204)));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

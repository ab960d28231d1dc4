package io.parley.vonage;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Stands in for Vonage's video API: WireMock on a loopback port, and a throwaway RSA key generated per run (no key
 * is ever committed). The real SDK makes real HTTP calls to it.
 */
public class VonageStub implements QuarkusTestResourceLifecycleManager {

    static final String APPLICATION_ID = UUID.randomUUID().toString();
    static final String CALLBACK_SECRET = "test-callback-secret-0123456789abcdef";
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return Map.of(
                "parley.vonage.application-id", APPLICATION_ID,
                "parley.vonage.private-key", freshPrivateKeyPem(),
                "parley.vonage.video-base-url", "http://127.0.0.1:" + server.port(),
                "parley.vonage.timeout", "2s",
                "parley.vonage.callback-secret", CALLBACK_SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static String freshPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

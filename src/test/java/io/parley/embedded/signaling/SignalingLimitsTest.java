package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.tokens.SigningKeys;
import io.parley.embedded.media.router.MediaRouter;
import io.parley.embedded.media.sdp.ChromeSdp;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.parley.storage.FileKeyMaterial;
import io.parley.storage.JsonStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.parley.embedded.signaling.SignalingFixtures.base;
import static io.parley.embedded.signaling.SignalingFixtures.join;
import static io.parley.embedded.signaling.SignalingFixtures.relayedSession;
import static io.parley.embedded.signaling.SignalingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one token holder can do to a session is bounded: connections per token (default 4), and a correctly signed
 * token with claims of the wrong type is refused at once with 4001, not left to the 4002 timeout.
 */
@QuarkusTest
class SignalingLimitsTest {

    @Inject
    MediaRouter router;

    /** Where the running application keeps its token signing key: a holder of that key signs these tokens. */
    @Inject
    JsonStore store;

    @Test
    void oneTokenOpensAtMostFourConnectionsAndTheOthersAreUntouched() {
        String sessionId = relayedSession();
        String shared = token(sessionId, "PUBLISHER", "Many");
        List<SignalingClient> clients = new ArrayList<>();
        try (SignalingClient bystander = join(sessionId, "PUBLISHER", "Bystander")) {
            for (int i = 0; i < 4; i++) {
                clients.add(SignalingClient.connect(base(), shared));
            }
            for (int i = 0; i < 4; i++) {
                bystander.next("connectionCreated");
            }

            SignalingClient fifth = SignalingClient.open(base());
            clients.add(fifth);
            fifth.send(Map.of("type", "connect", "token", shared));
            assertThat(fifth.awaitClose()).isEqualTo(CloseCodes.CONNECTION_LIMIT);
            assertThat(fifth.closeReason()).contains("4 connections").doesNotContain(shared);
            assertThat(fifth.types()).doesNotContain("connected");

            // the refused join was never announced; the bystander still gets answers
            bystander.send(Map.of("type", "ping"));
            bystander.next("pong");
            assertThat(bystander.types().stream().filter("connectionCreated"::equals).count()).isEqualTo(4);

            // a slot freed by a leave is usable again
            clients.get(0).close();
            bystander.next("connectionDestroyed");
            clients.add(SignalingClient.connect(base(), shared));
            bystander.next("connectionCreated");
        } finally {
            clients.forEach(SignalingClient::close);
        }
    }

    @Test
    void signedTokensWithClaimsOfTheWrongTypeAreClosedWithInvalidToken() {
        String sessionId = relayedSession();
        SigningKeys keys = SigningKeys.from(new FileKeyMaterial(store.dataDir()));
        for (Map.Entry<String, Object> wrong : List.<Map.Entry<String, Object>>of(Map.entry("session_id", 42),
                Map.entry("role", List.of("moderator")), Map.entry("connection_data", 1))) {
            Map<String, Object> claims = new HashMap<>(Map.of("application_id", "parley", "scope", "session.connect",
                    "session_id", sessionId, "role", "publisher", "jti", "x",
                    "iat", Instant.now().getEpochSecond(), "exp", Instant.now().plusSeconds(600).getEpochSecond()));
            claims.put(wrong.getKey(), wrong.getValue());
            String token = Jwt.claims(claims).jws().algorithm(SignatureAlgorithm.ES256).keyId(keys.keyId())
                    .sign(keys.privateKey());

            SignalingClient client = SignalingClient.open(base());
            client.send(Map.of("type", "connect", "token", token));
            assertThat(client.awaitClose()).as(wrong.getKey()).isEqualTo(CloseCodes.INVALID_TOKEN);
            assertThat(client.closeReason()).contains(wrong.getKey());

            given().header("Authorization", "Bearer " + token).get("/api/v1/archives?sessionId={id}", sessionId)
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void aRoutedLinkNegotiatesOnceAndLeavesNoTransportBehind() throws Exception {
        MediaRouter.Census before = router.census().get(5, TimeUnit.SECONDS);
        String sessionId = SignalingFixtures.session("ROUTED");
        try (SignalingClient publisher = join(sessionId, "PUBLISHER", "Flooder")) {
            publisher.request(Map.of("type", "publish"));
            String linkId = publisher.next("linkCreated").path("linkId").asText();
            publisher.send(Map.of("type", "offer", "linkId", linkId, "sdp", ChromeSdp.PUBLISHER_OFFER));
            publisher.next("answer");
            for (int i = 0; i < Participant.REFUSALS_PER_TEN_SECONDS; i++) {
                JsonNode refused = publisher.request(Map.of("type", "offer", "linkId", linkId,
                        "sdp", ChromeSdp.PUBLISHER_OFFER));
                assertThat(refused.path("type").asText()).isEqualTo("error");
                assertThat(refused.path("code").asText()).isEqualTo("conflict");
            }
            // every refusal counts against the client's allowance of refused messages, so a flood ends its socket
            publisher.send(Map.of("type", "offer", "linkId", linkId, "sdp", ChromeSdp.PUBLISHER_OFFER));
            assertThat(publisher.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        MediaRouter.Census after;
        do {
            Thread.sleep(50);
            after = router.census().get(5, TimeUnit.SECONDS);
        } while (after.links() > before.links() && System.nanoTime() < deadline);
        assertThat(after.links()).as("links once the client is gone").isEqualTo(before.links());
        assertThat(after.registeredTransports()).isEqualTo(before.registeredTransports());
    }
}

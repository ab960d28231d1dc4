package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.embedded.media.sdp.ChromeSdp;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.parley.embedded.signaling.SignalingFixtures.join;
import static io.parley.embedded.signaling.SignalingFixtures.relayedSession;
import static io.parley.embedded.signaling.SignalingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** The signaling protocol of relayed sessions, spoken by plain WebSocket clients. */
@QuarkusTest
class SignalingTest {

    @Test
    void connectedListsWhoIsThereAndOthersSeeTheNewcomer() {
        String sessionId = relayedSession();
        try (SignalingClient ada = join(sessionId, "MODERATOR", "Ada")) {
            JsonNode adaConnected = ada.all().get(0);
            assertThat(adaConnected.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(adaConnected.path("role").asText()).isEqualTo("MODERATOR");
            assertThat(adaConnected.path("mediaMode").asText()).isEqualTo("RELAYED");
            assertThat(adaConnected.path("connections")).isEmpty();

            try (SignalingClient grace = join(sessionId, "PUBLISHER", "Grace")) {
                JsonNode graceConnected = grace.all().get(0);
                assertThat(graceConnected.path("connections").get(0).path("connectionId").asText())
                        .isEqualTo(adaConnected.path("connectionId").asText());
                JsonNode created = ada.next("connectionCreated");
                assertThat(created.path("connection").path("connectionId").asText())
                        .isEqualTo(graceConnected.path("connectionId").asText());
                assertThat(created.path("connection").path("data").asText()).isEqualTo("{\"displayName\":\"Grace\"}");
            }
            JsonNode destroyed = ada.next("connectionDestroyed");
            assertThat(destroyed.path("reason").asText()).isEqualTo("clientDisconnected");
        }
    }

    @Test
    void publishSubscribeAndNegotiationAreRelayedBetweenTheTwoEnds() {
        String sessionId = relayedSession();
        try (SignalingClient publisher = join(sessionId, "PUBLISHER", "Pub");
             SignalingClient subscriber = join(sessionId, "SUBSCRIBER", "Sub")) {
            String publisherId = publisher.all().get(0).path("connectionId").asText();
            String subscriberId = subscriber.all().get(0).path("connectionId").asText();

            JsonNode published = publisher.request(Map.of("type", "publish", "name", "camera",
                    "hasAudio", true, "hasVideo", true, "videoType", "camera"));
            assertThat(published.path("type").asText()).isEqualTo("ok");
            String streamId = published.path("streamId").asText();

            JsonNode created = subscriber.next("streamCreated");
            assertThat(created.path("stream").path("streamId").asText()).isEqualTo(streamId);
            assertThat(created.path("stream").path("connectionId").asText()).isEqualTo(publisherId);
            assertThat(created.path("stream").path("videoType").asText()).isEqualTo("camera");

            JsonNode subscribed = subscriber.request(Map.of("type", "subscribe", "streamId", streamId));
            String linkId = subscribed.path("linkId").asText();
            JsonNode offererSide = publisher.next("linkCreated");
            assertThat(offererSide.path("linkId").asText()).isEqualTo(linkId);
            assertThat(offererSide.path("offerer").asBoolean()).isTrue();
            assertThat(offererSide.path("peerConnectionId").asText()).isEqualTo(subscriberId);
            assertThat(subscriber.next("linkCreated").path("offerer").asBoolean()).isFalse();

            String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n"
                    + "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\r\n"
                    + "a=candidate:2 1 udp 2122260223 192.168.1.20 50001 typ host\r\n";
            publisher.send(Map.of("type", "offer", "linkId", linkId, "sdp", sdp));
            JsonNode offer = subscriber.next("offer");
            assertThat(offer.path("from").asText()).isEqualTo(publisherId);
            assertThat(offer.path("sdp").asText()).contains("127.0.0.1 50000").doesNotContain("192.168.1.20");

            subscriber.send(Map.of("type", "answer", "linkId", linkId, "sdp", "v=0\r\n"));
            assertThat(publisher.next("answer").path("from").asText()).isEqualTo(subscriberId);

            // loopback-only in tests: the LAN candidate is dropped, the loopback one relayed
            subscriber.send(Map.of("type", "candidate", "linkId", linkId, "candidate", Map.of(
                    "candidate", "candidate:3 1 udp 2122260223 10.0.0.5 50002 typ host", "sdpMid", "0",
                    "sdpMLineIndex", 0)));
            subscriber.send(Map.of("type", "candidate", "linkId", linkId, "candidate", Map.of(
                    "candidate", "candidate:4 1 udp 2122260223 127.0.0.1 50003 typ host", "sdpMid", "0",
                    "sdpMLineIndex", 0)));
            JsonNode candidate = publisher.next("candidate");
            assertThat(candidate.path("candidate").path("candidate").asText()).contains("127.0.0.1 50003");

            // an answer from the offerer is out of order
            JsonNode wrong = publisher.request(Map.of("type", "answer", "linkId", linkId, "sdp", "v=0\r\n"));
            assertThat(wrong.path("code").asText()).isEqualTo("conflict");

            JsonNode muted = publisher.request(Map.of("type", "mute", "streamId", streamId, "audioMuted", true));
            assertThat(muted.path("type").asText()).isEqualTo("ok");
            JsonNode changed = subscriber.next("streamPropertyChanged");
            assertThat(changed.path("property").asText()).isEqualTo("audioMuted");
            assertThat(changed.path("value").asBoolean()).isTrue();
            assertThat(changed.path("by").asText()).isEqualTo("owner");

            publisher.request(Map.of("type", "unpublish", "streamId", streamId));
            assertThat(subscriber.next("linkClosed").path("linkId").asText()).isEqualTo(linkId);
            assertThat(subscriber.next("streamDestroyed").path("reason").asText()).isEqualTo("unpublished");
        }
    }

    @Test
    void subscribersCannotPublishAndStayConnected() {
        String sessionId = relayedSession();
        try (SignalingClient subscriber = join(sessionId, "SUBSCRIBER", "Sub")) {
            JsonNode refused = subscriber.request(Map.of("type", "publish", "hasAudio", true, "hasVideo", true));
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("forbidden");
            assertThat(refused.path("reason").asText()).contains("SUBSCRIBER");
            subscriber.send(Map.of("type", "ping"));
            subscriber.next("pong");
            assertThat(subscriber.isClosed()).isFalse();
        }
    }

    @Test
    void onlyModeratorsModerate() {
        String sessionId = relayedSession();
        try (SignalingClient moderator = join(sessionId, "MODERATOR", "Mod");
             SignalingClient publisher = join(sessionId, "PUBLISHER", "Pub");
             SignalingClient watcher = join(sessionId, "SUBSCRIBER", "Watch")) {
            String moderatorId = moderator.all().get(0).path("connectionId").asText();
            String publisherId = publisher.all().get(0).path("connectionId").asText();
            String streamId = publisher.request(Map.of("type", "publish")).path("streamId").asText();
            watcher.next("streamCreated");

            assertThat(publisher.request(Map.of("type", "forceDisconnect", "connectionId", moderatorId))
                    .path("code").asText()).isEqualTo("forbidden");
            assertThat(publisher.request(Map.of("type", "forceMute", "streamId", streamId))
                    .path("code").asText()).isEqualTo("forbidden");

            assertThat(moderator.request(Map.of("type", "forceMute", "streamId", streamId)).path("type").asText())
                    .isEqualTo("ok");
            assertThat(publisher.next("forceMuted").path("streamId").asText()).isEqualTo(streamId);
            JsonNode changed = watcher.next("streamPropertyChanged");
            assertThat(changed.path("by").asText()).isEqualTo("moderator");

            assertThat(moderator.request(Map.of("type", "forceDisconnect", "connectionId", publisherId))
                    .path("type").asText()).isEqualTo("ok");
            assertThat(publisher.awaitClose()).isEqualTo(CloseCodes.FORCE_DISCONNECTED);
            watcher.next("connectionDestroyed");
            assertThat(watcher.types()).containsSubsequence("streamCreated", "streamDestroyed", "connectionDestroyed");
            assertThat(watcher.all().stream().filter(e -> e.path("type").asText().equals("connectionDestroyed"))
                    .findFirst().orElseThrow().path("reason").asText()).isEqualTo("forceDisconnected");
        }
    }

    @Test
    void restModerationReachesLiveConnections() {
        String sessionId = relayedSession();
        try (SignalingClient publisher = join(sessionId, "PUBLISHER", "Pub");
             SignalingClient watcher = join(sessionId, "SUBSCRIBER", "Watch")) {
            String publisherId = publisher.all().get(0).path("connectionId").asText();
            String streamId = publisher.request(Map.of("type", "publish")).path("streamId").asText();
            watcher.next("streamCreated");

            given().header("Authorization", "Bearer " + SignalingFixtures.SERVER_KEY)
                    .get("/api/v1/sessions/{id}", sessionId).then().statusCode(200)
                    .body("connections.connectionId", hasItem(publisherId))
                    .body("streams.streamId", hasItem(streamId));

            String moderatorToken = token(sessionId, "MODERATOR", "Mod");
            given().header("Authorization", "Bearer " + moderatorToken)
                    .post("/api/v1/sessions/{s}/streams/{id}/mute", sessionId, streamId).then().statusCode(204);
            publisher.next("forceMuted");
            given().header("Authorization", "Bearer " + moderatorToken)
                    .post("/api/v1/sessions/{s}/connections/{id}/disconnect", sessionId, publisherId).then()
                    .statusCode(204);
            assertThat(publisher.awaitClose()).isEqualTo(CloseCodes.FORCE_DISCONNECTED);
            watcher.next("streamDestroyed");
            watcher.next("connectionDestroyed");
        }
    }

    @Test
    void signalsReachOneOrAll() {
        String sessionId = relayedSession();
        try (SignalingClient ada = join(sessionId, "PUBLISHER", "Ada");
             SignalingClient grace = join(sessionId, "PUBLISHER", "Grace");
             SignalingClient linus = join(sessionId, "SUBSCRIBER", "Linus")) {
            String adaId = ada.all().get(0).path("connectionId").asText();
            String graceId = grace.all().get(0).path("connectionId").asText();
            ada.send(Map.of("type", "signal", "signalType", "chat", "data", "hello all"));
            assertThat(grace.next("signal").path("data").asText()).isEqualTo("hello all");
            assertThat(linus.next("signal").path("from").asText()).isEqualTo(adaId);

            ada.send(Map.of("type", "signal", "signalType", "chat", "data", "just you", "to", graceId));
            JsonNode direct = grace.next("signal");
            assertThat(direct.path("data").asText()).isEqualTo("just you");
            assertThat(direct.path("signalType").asText()).isEqualTo("chat");
            linus.send(Map.of("type", "ping"));
            linus.next("pong");
            assertThat(linus.all().stream().filter(e -> e.path("data").asText().equals("just you"))).isEmpty();
        }
    }

    @Test
    void connectionsLeaveWithTheirStreamsFirst() {
        String sessionId = relayedSession();
        try (SignalingClient watcher = join(sessionId, "SUBSCRIBER", "Watch")) {
            SignalingClient leaving = join(sessionId, "PUBLISHER", "Leaving");
            leaving.request(Map.of("type", "publish", "videoType", "camera"));
            leaving.request(Map.of("type", "publish", "videoType", "screen"));
            leaving.close();
            watcher.next("connectionDestroyed");
            assertThat(watcher.types()).containsExactly("connected", "connectionCreated", "streamCreated",
                    "streamCreated", "streamDestroyed", "streamDestroyed", "connectionDestroyed");
        }
    }

    @Test
    void aLateJoinerSeesStreamsAlreadyPublished() {
        String sessionId = relayedSession();
        try (SignalingClient publisher = join(sessionId, "PUBLISHER", "Pub")) {
            String streamId = publisher.request(Map.of("type", "publish", "videoType", "screen")).path("streamId")
                    .asText();
            try (SignalingClient late = join(sessionId, "SUBSCRIBER", "Late")) {
                JsonNode streams = late.all().get(0).path("streams");
                assertThat(streams).hasSize(1);
                assertThat(streams.get(0).path("streamId").asText()).isEqualTo(streamId);
                assertThat(streams.get(0).path("videoType").asText()).isEqualTo("screen");
            }
        }
    }

    @Test
    void routedStreamsAndSubscriptionsAreLinksToTheRouter() {
        String sessionId = SignalingFixtures.session("ROUTED");
        try (SignalingClient publisher = join(sessionId, "PUBLISHER", "Pub");
             SignalingClient subscriber = join(sessionId, "SUBSCRIBER", "Sub")) {
            String streamId = publisher.request(Map.of("type", "publish")).path("streamId").asText();
            JsonNode publishLink = publisher.next("linkCreated");
            assertThat(publishLink.path("peerConnectionId").asText()).isEqualTo("router");
            assertThat(publishLink.path("offerer").asBoolean()).isTrue();
            String publishLinkId = publishLink.path("linkId").asText();

            JsonNode garbage = publisher.request(Map.of("type", "offer", "linkId", publishLinkId, "sdp", "v=0\r\n"));
            assertThat(garbage.path("code").asText()).isEqualTo("bad-message");
            assertThat(garbage.path("reason").asText()).contains("offer");

            publisher.send(Map.of("type", "offer", "linkId", publishLinkId, "sdp", ChromeSdp.PUBLISHER_OFFER));
            JsonNode answer = publisher.next("answer");
            assertThat(answer.path("from").asText()).isEqualTo("router");
            assertThat(answer.path("sdp").asText()).contains("a=ice-lite").contains("a=setup:passive")
                    .contains(" 127.0.0.1 ").contains("a=recvonly");

            String linkId = subscriber.request(Map.of("type", "subscribe", "streamId", streamId)).path("linkId")
                    .asText();
            JsonNode subscription = subscriber.next("linkCreated");
            assertThat(subscription.path("offerer").asBoolean()).isFalse();
            JsonNode offer = subscriber.next("offer");
            assertThat(offer.path("linkId").asText()).isEqualTo(linkId);
            assertThat(offer.path("sdp").asText()).contains("a=sendonly").contains("a=setup:actpass")
                    .contains("VP8/90000").contains("opus/48000/2");
            JsonNode badAnswer = subscriber.request(Map.of("type", "answer", "linkId", linkId, "sdp", "nonsense"));
            assertThat(badAnswer.path("code").asText()).isEqualTo("bad-message");

            publisher.request(Map.of("type", "unpublish", "streamId", streamId));
            assertThat(subscriber.next("linkClosed").path("linkId").asText()).isEqualTo(linkId);
        }
    }
}

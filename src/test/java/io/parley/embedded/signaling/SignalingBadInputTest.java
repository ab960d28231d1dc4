package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.parley.embedded.signaling.SignalingFixtures.base;
import static io.parley.embedded.signaling.SignalingFixtures.join;
import static io.parley.embedded.signaling.SignalingFixtures.relayedSession;
import static io.parley.embedded.signaling.SignalingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every kind of bad input gets an error or the documented close, and leaves the server and the other clients of the
 * session working.
 */
@QuarkusTest
class SignalingBadInputTest {

    @Test
    void badTokensAreClosedWithInvalidToken() {
        for (String token : List.of("garbage", "a.b.c", tamper(token(relayedSession(), "PUBLISHER", "X")))) {
            SignalingClient client = SignalingClient.open(base());
            client.send(Map.of("type", "connect", "token", token));
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.INVALID_TOKEN);
            assertThat(client.closeReason()).doesNotContain(token);
        }
    }

    @Test
    void anythingBeforeConnectIsClosed() {
        SignalingClient early = SignalingClient.open(base());
        early.send(Map.of("type", "publish"));
        assertThat(early.awaitClose()).isEqualTo(CloseCodes.NOT_AUTHENTICATED);

        SignalingClient junk = SignalingClient.open(base());
        junk.sendText("{{{{");
        assertThat(junk.awaitClose()).isEqualTo(CloseCodes.NOT_AUTHENTICATED);

        SignalingClient silent = SignalingClient.open(base());
        assertThat(silent.awaitClose()).isEqualTo(CloseCodes.NOT_AUTHENTICATED);
    }

    @Test
    void malformedAndUnknownMessagesAreRefusedWithoutHarm() {
        String sessionId = relayedSession();
        try (SignalingClient bystander = join(sessionId, "PUBLISHER", "Bystander");
             SignalingClient rogue = join(sessionId, "PUBLISHER", "Rogue")) {
            List<String> bad = List.of(
                    "not json",
                    "[1,2,3]",
                    "42",
                    "{\"no\":\"type\"}",
                    "{\"type\":\"teleport\"}",
                    "{\"type\":123}",
                    "{\"type\":\"publish\",\"hasAudio\":\"yes\"}",
                    "{\"type\":\"publish\",\"videoType\":\"hologram\"}",
                    "{\"type\":\"subscribe\"}",
                    "{\"type\":\"view\",\"linkId\":\"x\"}",
                    "{\"type\":\"view\",\"linkId\":\"x\",\"height\":-1}",
                    "{\"type\":\"view\",\"linkId\":\"x\",\"height\":240.5}",
                    "{\"type\":\"view\",\"linkId\":\"x\",\"height\":99999999999}",
                    "{\"type\":\"view\",\"linkId\":\"x\",\"height\":\"tall\"}",
                    "{\"type\":\"mute\",\"streamId\":\"x\"}",
                    "{\"type\":\"candidate\",\"linkId\":\"x\",\"candidate\":{\"candidate\":7}}",
                    "{\"type\":\"signal\",\"signalType\":\"chat\",\"data\":{\"nested\":true}}",
                    "{\"type\":\"ping\",\"id\":{\"an\":\"object\"}}");
            for (String message : bad) {
                rogue.sendText(message);
                JsonNode error = rogue.next("error");
                assertThat(error.path("code").asText()).as(message).isEqualTo("bad-message");
                assertThat(error.path("reason").asText()).as(message).isNotBlank();
            }
            assertStillWorks(rogue, bystander);
        }
    }

    @Test
    void idsOfAnotherSessionAreNotFound() {
        String mine = relayedSession();
        String theirs = relayedSession();
        try (SignalingClient owner = join(theirs, "PUBLISHER", "Owner");
             SignalingClient watcher = join(theirs, "SUBSCRIBER", "Watcher");
             SignalingClient intruder = join(mine, "MODERATOR", "Intruder")) {
            String ownerId = owner.all().get(0).path("connectionId").asText();
            String streamId = owner.request(Map.of("type", "publish")).path("streamId").asText();
            String linkId = watcher.request(Map.of("type", "subscribe", "streamId", streamId)).path("linkId").asText();

            for (Map<String, Object> request : List.<Map<String, Object>>of(
                    Map.of("type", "subscribe", "streamId", streamId),
                    Map.of("type", "unpublish", "streamId", streamId),
                    Map.of("type", "forceMute", "streamId", streamId),
                    Map.of("type", "forceDisconnect", "connectionId", ownerId),
                    Map.of("type", "offer", "linkId", linkId, "sdp", "v=0"),
                    Map.of("type", "unsubscribe", "linkId", linkId),
                    Map.of("type", "signal", "signalType", "x", "data", "y", "to", ownerId))) {
                assertThat(intruder.request(request).path("code").asText()).as(request.toString())
                        .isEqualTo("not-found");
            }
            // a participant of the same session cannot answer on a link it is not part of
            try (SignalingClient other = join(theirs, "PUBLISHER", "Other")) {
                assertThat(other.request(Map.of("type", "answer", "linkId", linkId, "sdp", "v=0")).path("code")
                        .asText()).isEqualTo("not-found");
                assertThat(other.request(Map.of("type", "mute", "streamId", streamId, "audioMuted", true))
                        .path("code").asText()).isEqualTo("forbidden");
            }
            assertStillWorks(owner, watcher);
        }
    }

    @Test
    void oversizedMessagesCloseOnlyTheSender() {
        String sessionId = relayedSession();
        try (SignalingClient bystander = join(sessionId, "PUBLISHER", "Bystander");
             SignalingClient sender = join(sessionId, "PUBLISHER", "Sender")) {
            String big = "{\"type\":\"signal\",\"signalType\":\"x\",\"data\":\"" + "x".repeat(70_000) + "\"}";
            sender.sendText(big);
            assertThat(sender.awaitClose()).isEqualTo(1009);
            bystander.next("connectionDestroyed");
            try (SignalingClient another = join(sessionId, "PUBLISHER", "Another")) {
                assertStillWorks(another, bystander);
            }
        }
    }

    @Test
    void oversizedFieldsAndSignalFloodsAreRefused() {
        String sessionId = relayedSession();
        try (SignalingClient bystander = join(sessionId, "PUBLISHER", "Bystander");
             SignalingClient sender = join(sessionId, "PUBLISHER", "Sender")) {
            JsonNode tooLong = sender.request(Map.of("type", "signal", "signalType", "x", "data", "y".repeat(9000)));
            assertThat(tooLong.path("code").asText()).isEqualTo("bad-message");
            assertThat(tooLong.path("reason").asText()).contains("data");

            int limited = 0;
            for (int i = 0; i < 30; i++) {
                sender.send(Map.of("type", "signal", "signalType", "x", "data", "n" + i, "id", i));
            }
            for (int i = 0; i < 30; i++) {
                int id = i;
                JsonNode answer = sender.next("ok", e -> e.path("id").asInt() == id, "error");
                if (answer.path("code").asText().equals("rate-limited")) {
                    limited++;
                }
            }
            assertThat(limited).isGreaterThan(0);
            assertStillWorks(bystander, sender);
        }
    }

    @Test
    void aClientThatKeepsBreakingTheProtocolIsClosed() {
        String sessionId = relayedSession();
        try (SignalingClient bystander = join(sessionId, "PUBLISHER", "Bystander");
             SignalingClient rogue = join(sessionId, "SUBSCRIBER", "Rogue")) {
            for (int i = 0; i < 25 && !rogue.isClosed(); i++) {
                rogue.sendText("{\"type\":\"teleport\"}");
            }
            assertThat(rogue.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
            assertThat(bystander.next("connectionDestroyed").path("reason").asText())
                    .isEqualTo("networkDisconnected");
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void aClientThatVanishesIsRemovedWithinTenSeconds() throws Exception {
        String sessionId = relayedSession();
        try (SignalingClient bystander = join(sessionId, "SUBSCRIBER", "Bystander");
             Socket vanishing = new Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            // a raw WebSocket that connects and then never answers a ping, like a laptop whose network went away
            handshake(vanishing);
            sendFrame(vanishing.getOutputStream(), "{\"type\":\"connect\",\"token\":\""
                    + token(sessionId, "PUBLISHER", "Vanishing") + "\"}");
            bystander.next("connectionCreated");
            long start = System.nanoTime();
            JsonNode destroyed = bystander.next("connectionDestroyed");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(destroyed.path("reason").asText()).isEqualTo("networkDisconnected");
            assertThat(seconds).isLessThan(10);
            // the bystander sent nothing for as long, but answered every ping: still in
            assertThat(bystander.isClosed()).isFalse();
            bystander.send(Map.of("type", "ping"));
            bystander.next("pong");
        }
    }

    private static void assertStillWorks(SignalingClient publisher, SignalingClient watcher) {
        String streamId = publisher.request(Map.of("type", "publish")).path("streamId").asText();
        assertThat(watcher.next("streamCreated", e -> e.path("stream").path("streamId").asText().equals(streamId)))
                .isNotNull();
        publisher.request(Map.of("type", "unpublish", "streamId", streamId));
        given().get("/q/health/live").then().statusCode(200);
    }

    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    }

    private static void handshake(Socket socket) throws IOException {
        String key = Base64.getEncoder().encodeToString("vanishing-client".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(("GET /rtc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Handshake failed: " + response);
            }
            response.append((char) b);
        }
        assertThat(response.toString()).startsWith("HTTP/1.1 101");
    }

    /** One masked text frame, as a client must send. */
    private static void sendFrame(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }
}

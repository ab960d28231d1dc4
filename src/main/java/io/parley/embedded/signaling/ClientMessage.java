package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.video.VideoType;

/** What a client may send, parsed and checked by {@link ClientMessages}. */
sealed interface ClientMessage {

    /** The client's correlation id, echoed in {@code ok} and {@code error}; null when it sent none. */
    JsonNode id();

    record Connect(JsonNode id, String token) implements ClientMessage {
        @Override
        public String toString() {
            return "Connect[token hidden]";
        }
    }

    record Publish(JsonNode id, String name, boolean hasAudio, boolean hasVideo, VideoType videoType)
            implements ClientMessage {
    }

    record Unpublish(JsonNode id, String streamId) implements ClientMessage {
    }

    record Subscribe(JsonNode id, String streamId) implements ClientMessage {
    }

    record Unsubscribe(JsonNode id, String linkId) implements ClientMessage {
    }

    /** How tall the subscriber shows a subscription's video, in device pixels; 0 when it shows none. */
    record View(JsonNode id, String linkId, int height) implements ClientMessage {
    }

    /** {@code offer}, {@code answer} or {@code candidate}: relayed to the other end of the link. */
    record Negotiation(JsonNode id, String type, String linkId, JsonNode payload) implements ClientMessage {
    }

    record Mute(JsonNode id, String streamId, Boolean audioMuted, Boolean videoMuted) implements ClientMessage {
    }

    record Signal(JsonNode id, String type, String data, String to) implements ClientMessage {
    }

    record ForceDisconnect(JsonNode id, String connectionId) implements ClientMessage {
    }

    record ForceMute(JsonNode id, String streamId) implements ClientMessage {
    }

    record Ping(JsonNode id) implements ClientMessage {
    }
}

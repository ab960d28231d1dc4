package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The server's events, shaped as the README's protocol section documents them. */
final class Events {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Events() {
    }

    static ObjectNode event(String type) {
        return JSON.objectNode().put("type", type);
    }

    static ObjectNode connection(Participant participant) {
        return JSON.objectNode()
                .put("connectionId", participant.connectionId())
                .put("data", participant.data())
                .put("createdAt", participant.createdAt().toString());
    }

    static ObjectNode stream(PublishedStream stream) {
        return JSON.objectNode()
                .put("streamId", stream.streamId())
                .put("connectionId", stream.connectionId())
                .put("name", stream.name())
                .put("hasAudio", stream.hasAudio())
                .put("hasVideo", stream.hasVideo())
                .put("videoType", stream.videoType().name().toLowerCase(java.util.Locale.ROOT))
                .put("audioMuted", stream.audioMuted())
                .put("videoMuted", stream.videoMuted())
                .put("createdAt", stream.createdAt().toString());
    }

    static ObjectNode ok(JsonNode id) {
        ObjectNode ok = event("ok");
        if (id != null) {
            ok.set("id", id);
        }
        return ok;
    }

    static ObjectNode error(JsonNode id, Refusal refusal) {
        ObjectNode error = event("error");
        if (id != null) {
            error.set("id", id);
        }
        return error.put("code", refusal.code().wire).put("reason", refusal.getMessage());
    }
}

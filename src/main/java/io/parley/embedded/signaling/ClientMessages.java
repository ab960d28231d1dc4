package io.parley.embedded.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.video.VideoType;

import java.util.Locale;

/**
 * Reads client messages. Every way a message can be wrong ends in a {@link Refusal} that says what was wrong, so
 * the client can fix its code; nothing here trusts a field's presence or type.
 */
final class ClientMessages {

    static final int MAX_SIGNAL_TYPE = 128;
    static final int MAX_SIGNAL_DATA = 8 * 1024;
    static final int MAX_STREAM_NAME = 128;
    static final int MAX_SDP = 32 * 1024;
    private static final int MAX_ID = 64;
    static final int MAX_HEIGHT = 4320;

    private final ObjectMapper mapper;

    ClientMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ClientMessage parse(String text) {
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw Refusal.badMessage("The message is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw Refusal.badMessage("A message is a JSON object with a \"type\"");
        }
        JsonNode id = json.get("id");
        if (id != null && !(id.isTextual() && id.asText().length() <= MAX_ID) && !id.isIntegralNumber()) {
            throw Refusal.badMessage("\"id\" must be a number or a string of at most " + MAX_ID + " characters");
        }
        try {
            return parse(json, id);
        } catch (Refusal refusal) {
            throw refusal.answering(id);
        }
    }

    private ClientMessage parse(JsonNode json, JsonNode id) {
        String type = text(json, "type", 32);
        return switch (type) {
            case "connect" -> new ClientMessage.Connect(id, text(json, "token", 8192));
            case "publish" -> new ClientMessage.Publish(id, optionalText(json, "name", MAX_STREAM_NAME),
                    bool(json, "hasAudio", true), bool(json, "hasVideo", true), videoType(json));
            case "unpublish" -> new ClientMessage.Unpublish(id, identifier(json, "streamId"));
            case "subscribe" -> new ClientMessage.Subscribe(id, identifier(json, "streamId"));
            case "unsubscribe" -> new ClientMessage.Unsubscribe(id, identifier(json, "linkId"));
            case "view" -> new ClientMessage.View(id, identifier(json, "linkId"), height(json));
            case "offer", "answer" -> new ClientMessage.Negotiation(id, type, identifier(json, "linkId"),
                    mapper.getNodeFactory().textNode(text(json, "sdp", MAX_SDP)));
            case "candidate" -> new ClientMessage.Negotiation(id, type, identifier(json, "linkId"), candidate(json));
            case "mute" -> mute(json, id);
            case "signal" -> new ClientMessage.Signal(id, text(json, "signalType", MAX_SIGNAL_TYPE),
                    signalData(json), optionalIdentifier(json, "to"));
            case "forceDisconnect" -> new ClientMessage.ForceDisconnect(id, identifier(json, "connectionId"));
            case "forceMute" -> new ClientMessage.ForceMute(id, identifier(json, "streamId"));
            case "ping" -> new ClientMessage.Ping(id);
            default -> throw Refusal.badMessage("Unknown message type \"" + abbreviate(type) + "\"");
        };
    }

    private static ClientMessage.Mute mute(JsonNode json, JsonNode id) {
        Boolean audio = optionalBool(json, "audioMuted");
        Boolean video = optionalBool(json, "videoMuted");
        if (audio == null && video == null) {
            throw Refusal.badMessage("\"mute\" needs audioMuted or videoMuted");
        }
        return new ClientMessage.Mute(id, identifier(json, "streamId"), audio, video);
    }

    private static String signalData(JsonNode json) {
        JsonNode data = json.get("data");
        if (data == null || data.isNull()) {
            return "";
        }
        if (!data.isTextual()) {
            throw Refusal.badMessage("\"data\" must be a string");
        }
        if (data.asText().length() > MAX_SIGNAL_DATA) {
            throw Refusal.badMessage("\"data\" is longer than " + MAX_SIGNAL_DATA + " characters");
        }
        return data.asText();
    }

    private static JsonNode candidate(JsonNode json) {
        JsonNode candidate = json.get("candidate");
        if (candidate == null || candidate.isNull()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (!candidate.isObject() || !candidate.path("candidate").isTextual()
                || candidate.path("candidate").asText().length() > 1024) {
            throw Refusal.badMessage("\"candidate\" must be {candidate, sdpMid, sdpMLineIndex} or null");
        }
        JsonNode mid = candidate.get("sdpMid");
        JsonNode index = candidate.get("sdpMLineIndex");
        if ((mid != null && !mid.isNull() && !(mid.isTextual() && mid.asText().length() <= 32))
                || (index != null && !index.isNull() && !index.isIntegralNumber())) {
            throw Refusal.badMessage("\"candidate\" has a bad sdpMid or sdpMLineIndex");
        }
        return candidate;
    }

    private static VideoType videoType(JsonNode json) {
        String value = optionalText(json, "videoType", 16);
        if (value == null) {
            return VideoType.CAMERA;
        }
        try {
            return VideoType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.badMessage("\"videoType\" must be camera or screen");
        }
    }

    private static String text(JsonNode json, String field, int max) {
        String value = optionalText(json, field, max);
        if (value == null || value.isEmpty()) {
            throw Refusal.badMessage("\"" + field + "\" is required");
        }
        return value;
    }

    private static String optionalText(JsonNode json, String field, int max) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw Refusal.badMessage("\"" + field + "\" must be a string");
        }
        if (node.asText().length() > max) {
            throw Refusal.badMessage("\"" + field + "\" is longer than " + max + " characters");
        }
        return node.asText();
    }

    /** A tile's height in device pixels: 0 (hidden) to 8K's 4320. */
    private static int height(JsonNode json) {
        JsonNode node = json.get("height");
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0
                || node.asInt() > MAX_HEIGHT) {
            throw Refusal.badMessage("\"height\" must be a whole number of pixels from 0 (hidden) to " + MAX_HEIGHT);
        }
        return node.asInt();
    }

    private static String identifier(JsonNode json, String field) {
        return text(json, field, MAX_ID);
    }

    private static String optionalIdentifier(JsonNode json, String field) {
        return optionalText(json, field, MAX_ID);
    }

    private static boolean bool(JsonNode json, String field, boolean fallback) {
        Boolean value = optionalBool(json, field);
        return value == null ? fallback : value;
    }

    private static Boolean optionalBool(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw Refusal.badMessage("\"" + field + "\" must be true or false");
        }
        return node.asBoolean();
    }

    private static String abbreviate(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "…";
    }
}

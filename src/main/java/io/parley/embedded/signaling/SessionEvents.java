package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Locale;

/** Every event the server sends, shaped as the README's protocol section documents it, in one place. */
final class SessionEvents {

    /** The {@code from} of a signal the back end sent through the REST API: no connection's id. */
    static final String FROM_SERVER = "server";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SessionEvents() {
    }

    static ObjectNode event(String type) {
        return JSON.objectNode().put("type", type);
    }

    static ObjectNode connected(Participant joining, String sessionId, String mediaMode, ArrayNode iceServers,
                                Collection<Participant> others, Collection<PublishedStream> streams,
                                ObjectNode archive) {
        ObjectNode connected = event("connected")
                .put("connectionId", joining.connectionId())
                .put("sessionId", sessionId)
                .put("role", joining.role().name())
                .put("mediaMode", mediaMode);
        connected.set("iceServers", iceServers);
        ArrayNode connections = connected.putArray("connections");
        others.forEach(p -> connections.add(connection(p)));
        ArrayNode published = connected.putArray("streams");
        streams.forEach(s -> published.add(stream(s)));
        connected.set("archive", archive);
        return connected;
    }

    /** Sent before close code 4010: where to reconnect, or with no {@code url} through the page's own address. */
    static ObjectNode redirect(String url) {
        ObjectNode redirect = event("redirect");
        if (url != null) {
            redirect.put("url", url);
        }
        return redirect;
    }

    /** After {@code connected}: the signaling URLs of the live media nodes, to try if this node goes away. */
    static ObjectNode nodes(Collection<String> urls) {
        ObjectNode nodes = event("nodes");
        ArrayNode list = nodes.putArray("urls");
        urls.forEach(list::add);
        return nodes;
    }

    static ObjectNode connectionCreated(Participant participant) {
        ObjectNode created = event("connectionCreated");
        created.set("connection", connection(participant));
        return created;
    }

    static ObjectNode connectionDestroyed(Participant participant, String reason) {
        ObjectNode destroyed = event("connectionDestroyed").put("reason", reason);
        destroyed.set("connection", connection(participant));
        return destroyed;
    }

    static ObjectNode streamCreated(PublishedStream stream) {
        ObjectNode created = event("streamCreated");
        created.set("stream", stream(stream));
        return created;
    }

    static ObjectNode streamDestroyed(PublishedStream stream, String reason) {
        return event("streamDestroyed").put("streamId", stream.streamId())
                .put("connectionId", stream.connectionId()).put("reason", reason);
    }

    static ObjectNode streamPropertyChanged(PublishedStream stream, String property, boolean value, String by) {
        return event("streamPropertyChanged").put("streamId", stream.streamId()).put("property", property)
                .put("value", value).put("by", by);
    }

    static ObjectNode activeSpeaker(PublishedStream stream) {
        return event("activeSpeaker").put("streamId", stream.streamId()).put("connectionId", stream.connectionId());
    }

    /** To a publisher: send stream {@code streamId} in these simulcast layers only (rids); nobody needs the rest. */
    static ObjectNode layers(String streamId, java.util.List<String> rids) {
        ObjectNode event = event("layers").put("streamId", streamId);
        ArrayNode active = event.putArray("rids");
        rids.forEach(active::add);
        return event;
    }

    static ObjectNode forceMuted(String streamId) {
        return event("forceMuted").put("streamId", streamId);
    }

    static ObjectNode linkCreated(Link link, String peer, boolean offerer) {
        return event("linkCreated").put("linkId", link.linkId()).put("streamId", link.streamId())
                .put("peerConnectionId", peer).put("offerer", offerer);
    }

    static ObjectNode linkClosed(Link link, String reason) {
        return event("linkClosed").put("linkId", link.linkId()).put("reason", reason);
    }

    /** An offer or answer, from a browser (relayed) or from the router. */
    static ObjectNode sdp(String type, Link link, String from, String sdp) {
        return event(type).put("linkId", link.linkId()).put("from", from).put("sdp", sdp);
    }

    static ObjectNode candidate(Link link, String from, JsonNode candidate) {
        ObjectNode event = event("candidate").put("linkId", link.linkId()).put("from", from);
        event.set("candidate", candidate);
        return event;
    }

    static ObjectNode signal(String type, String data, String from) {
        return event("signal").put("signalType", type).put("data", data).put("from", from);
    }

    static ObjectNode archive(String type, String archiveId, String name) {
        return event(type).put("archiveId", archiveId).put("name", name);
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
                .put("videoType", stream.videoType().name().toLowerCase(Locale.ROOT))
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

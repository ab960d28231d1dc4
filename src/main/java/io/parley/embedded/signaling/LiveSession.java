package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.embedded.media.router.NegotiationException;
import io.parley.embedded.media.router.RoutedMedia;
import io.parley.video.Connection;
import io.parley.video.MediaMode;
import io.parley.video.Role;
import io.parley.video.Stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live state of one session: who is connected, what they publish, and the peer links between them. Every
 * change happens under the session's lock and sends its events before the lock is released, so each client sees
 * events in one consistent order: a connection before its streams, a stream's creation before its end, nothing of a
 * connection after it has gone.
 */
final class LiveSession {

    static final int MAX_STREAMS_PER_CONNECTION = 4;

    enum Leaving {
        clientDisconnected, forceDisconnected, networkDisconnected
    }

    /** What became of a join. */
    enum Joined { JOINED, ENDED, SESSION_FULL, TOKEN_FULL }

    /** How many connections a session, and one token in it, may have at once. */
    record ConnectionLimits(int perSession, int perToken) {
        ConnectionLimits {
            if (perSession < 1 || perToken < 1) {
                throw new IllegalArgumentException("connection limits must be positive");
            }
        }
    }

    private final String sessionId;
    private final MediaMode mediaMode;
    private final ArrayNode iceServers;
    private final CandidateFilter candidates;
    private final RoutedMedia router;
    private final ConnectionLimits limits;
    private final Clock clock;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, PublishedStream> streams = new LinkedHashMap<>();
    private final Map<String, Link> links = new LinkedHashMap<>();
    /** Router links whose offer the router has taken (publisher) or made (subscriber: its offer SDP, for the answer). */
    private final Map<String, String> negotiated = new HashMap<>();
    private ObjectNode archive;
    private boolean ended;

    LiveSession(String sessionId, MediaMode mediaMode, ArrayNode iceServers, CandidateFilter candidates,
                RoutedMedia router, ConnectionLimits limits, Clock clock) {
        this.sessionId = sessionId;
        this.mediaMode = mediaMode;
        this.iceServers = iceServers;
        this.candidates = candidates;
        this.router = router;
        this.limits = limits;
        this.clock = clock;
    }

    String sessionId() {
        return sessionId;
    }

    /**
     * Adds a participant, unless the session or the participant's token has its maximum of connections (checked
     * before anyone is told, so a refused join costs the others nothing), or this session object has already ended
     * (the hub then makes a new one).
     */
    synchronized Joined join(Participant joining) {
        if (ended) {
            return Joined.ENDED;
        }
        if (participants.size() >= limits.perSession()) {
            return Joined.SESSION_FULL;
        }
        if (joining.tokenId() != null && participants.values().stream()
                .filter(p -> joining.tokenId().equals(p.tokenId())).count() >= limits.perToken()) {
            return Joined.TOKEN_FULL;
        }
        ObjectNode connected = Events.event("connected")
                .put("connectionId", joining.connectionId())
                .put("sessionId", sessionId)
                .put("role", joining.role().name())
                .put("mediaMode", mediaMode.name());
        connected.set("iceServers", iceServers);
        ArrayNode others = connected.putArray("connections");
        participants.values().forEach(p -> others.add(Events.connection(p)));
        ArrayNode published = connected.putArray("streams");
        streams.values().forEach(s -> published.add(Events.stream(s)));
        connected.set("archive", archive);
        joining.send(connected);

        ObjectNode created = Events.event("connectionCreated");
        created.set("connection", Events.connection(joining));
        broadcast(created, null);
        participants.put(joining.connectionId(), joining);
        return Joined.JOINED;
    }

    ConnectionLimits limits() {
        return limits;
    }

    /** Removes a participant, its streams first; true when the session is now empty and has ended. */
    synchronized boolean leave(Participant leaving, Leaving reason) {
        if (participants.get(leaving.connectionId()) != leaving) {
            return ended;
        }
        for (PublishedStream stream : List.copyOf(streams.values())) {
            if (stream.connectionId().equals(leaving.connectionId())) {
                endStream(stream, reason.name());
            }
        }
        for (Link link : List.copyOf(links.values())) {
            if (link.subscriberId().equals(leaving.connectionId())) {
                closeLink(link, "subscriberLeft");
            }
        }
        participants.remove(leaving.connectionId());
        ObjectNode destroyed = Events.event("connectionDestroyed").put("reason", reason.name());
        destroyed.set("connection", Events.connection(leaving));
        broadcast(destroyed, null);
        ended = participants.isEmpty();
        return ended;
    }

    synchronized String publish(Participant owner, ClientMessage.Publish request) {
        owner.require(Role.PUBLISHER, "publish");
        requireMediaPath();
        long own = streams.values().stream().filter(s -> s.connectionId().equals(owner.connectionId())).count();
        if (own >= MAX_STREAMS_PER_CONNECTION) {
            throw new Refusal(Refusal.Code.CONFLICT, "A connection publishes at most " + MAX_STREAMS_PER_CONNECTION
                    + " streams");
        }
        PublishedStream stream = new PublishedStream(UUID.randomUUID().toString(), owner.connectionId(),
                request.name(), request.hasAudio(), request.hasVideo(), request.videoType(), clock.instant());
        streams.put(stream.streamId(), stream);
        ObjectNode created = Events.event("streamCreated");
        created.set("stream", Events.stream(stream));
        broadcast(created, owner.connectionId());
        if (routed()) {
            // the publisher's browser offers its stream to the router over a link of its own
            Link link = new Link(UUID.randomUUID().toString(), stream.streamId(), owner.connectionId(),
                    RoutedMedia.ROUTER);
            links.put(link.linkId(), link);
            owner.send(linkCreated(link, RoutedMedia.ROUTER, true));
        }
        return stream.streamId();
    }

    synchronized void unpublish(Participant owner, String streamId) {
        endStream(ownStream(owner, streamId), "unpublished");
    }

    synchronized String subscribe(Participant subscriber, String streamId) {
        PublishedStream stream = stream(streamId);
        if (stream.connectionId().equals(subscriber.connectionId())) {
            throw new Refusal(Refusal.Code.CONFLICT, "A connection does not subscribe to its own stream");
        }
        boolean already = links.values().stream()
                .anyMatch(l -> l.streamId().equals(streamId) && l.subscriberId().equals(subscriber.connectionId()));
        if (already) {
            throw new Refusal(Refusal.Code.CONFLICT, "Already subscribed to stream " + streamId);
        }
        requireMediaPath();
        if (routed()) {
            Link link = new Link(UUID.randomUUID().toString(), streamId, RoutedMedia.ROUTER,
                    subscriber.connectionId());
            String offer;
            try {
                offer = router.subscribe(sessionId, streamId, link.linkId(), () -> routerLost(link.linkId()));
            } catch (NegotiationException e) {
                throw refusal(e);
            }
            links.put(link.linkId(), link);
            negotiated.put(link.linkId(), offer);
            subscriber.send(linkCreated(link, RoutedMedia.ROUTER, false));
            subscriber.send(Events.event("offer").put("linkId", link.linkId()).put("from", RoutedMedia.ROUTER)
                    .put("sdp", offer));
            return link.linkId();
        }
        Link link = new Link(UUID.randomUUID().toString(), streamId, stream.connectionId(),
                subscriber.connectionId());
        links.put(link.linkId(), link);
        participants.get(link.publisherId()).send(linkCreated(link, link.subscriberId(), true));
        subscriber.send(linkCreated(link, link.publisherId(), false));
        return link.linkId();
    }

    private boolean routed() {
        return mediaMode == MediaMode.ROUTED;
    }

    private void requireMediaPath() {
        if (routed() && !router.available()) {
            throw new Refusal(Refusal.Code.CONFLICT, "This session is routed, and this server runs no media router; "
                    + "use a relayed session");
        }
    }

    /** The router lost a link's peer (no consent): its stream or subscription ends, as if the network had. */
    private synchronized void routerLost(String linkId) {
        Link link = links.get(linkId);
        if (link == null) {
            return;
        }
        if (RoutedMedia.ROUTER.equals(link.subscriberId())) {
            PublishedStream stream = streams.get(link.streamId());
            if (stream != null) {
                endStream(stream, "networkDisconnected");
                Participant owner = participants.get(stream.connectionId());
                if (owner != null) {
                    owner.send(Events.event("streamDestroyed").put("streamId", stream.streamId())
                            .put("connectionId", stream.connectionId()).put("reason", "networkDisconnected"));
                }
            }
        } else {
            closeLink(link, "networkDisconnected");
        }
    }

    synchronized void unsubscribe(Participant subscriber, String linkId) {
        Link link = links.get(linkId);
        if (link == null || !link.subscriberId().equals(subscriber.connectionId())) {
            throw Refusal.notFound("subscription", linkId);
        }
        closeLink(link, "unsubscribed");
    }

    /** Relays an offer, answer or candidate to the other end of its link. */
    synchronized void negotiate(Participant sender, ClientMessage.Negotiation message) {
        Link link = links.get(message.linkId());
        if (link == null || !link.hasEnd(sender.connectionId())) {
            throw Refusal.notFound("link", message.linkId());
        }
        boolean offerer = link.publisherId().equals(sender.connectionId());
        if ("offer".equals(message.type()) && !offerer || "answer".equals(message.type()) && offerer) {
            throw new Refusal(Refusal.Code.CONFLICT, "On this link the publisher offers and the subscriber answers");
        }
        if (link.hasEnd(RoutedMedia.ROUTER)) {
            negotiateWithRouter(sender, link, message);
            return;
        }
        ObjectNode relayed = Events.event(message.type()).put("linkId", link.linkId())
                .put("from", sender.connectionId());
        JsonNode payload = message.payload();
        if ("candidate".equals(message.type())) {
            if (payload.isObject() && !candidates.allows(payload.path("candidate").asText())) {
                return;
            }
            relayed.set("candidate", payload);
        } else {
            relayed.put("sdp", candidates.filterSdp(payload.asText()));
        }
        Participant other = participants.get(link.otherEnd(sender.connectionId()));
        if (other != null) {
            other.send(relayed);
        }
    }

    /**
     * The router is ICE-lite and puts its candidates in its SDP, so the browsers' trickled candidates are not needed.
     * A link negotiates once: a second offer (or answer) would mean a second transport and a second DTLS handshake
     * for one link, which is how one publisher once filled the router's handshake threads.
     */
    private void negotiateWithRouter(Participant sender, Link link, ClientMessage.Negotiation message) {
        try {
            if ("offer".equals(message.type())) {
                if (negotiated.containsKey(link.linkId())) {
                    throw new Refusal(Refusal.Code.CONFLICT, "This link has already been negotiated; unpublish and "
                            + "publish again for a new one");
                }
                String answer = router.publish(sessionId, link.streamId(), link.linkId(), message.payload().asText(),
                        () -> routerLost(link.linkId()));
                negotiated.put(link.linkId(), "");
                sender.send(Events.event("answer").put("linkId", link.linkId()).put("from", RoutedMedia.ROUTER)
                        .put("sdp", answer));
            } else if ("answer".equals(message.type())) {
                String offer = negotiated.get(link.linkId());
                if (offer == null || offer.isEmpty()) {
                    throw new Refusal(Refusal.Code.CONFLICT, "This link is not waiting for an answer");
                }
                router.answer(link.linkId(), offer, message.payload().asText());
                // answered: a second answer is refused like a second offer
                negotiated.put(link.linkId(), "");
            }
        } catch (NegotiationException e) {
            throw refusal(e);
        }
    }

    /** The router's refusal as the client sees it: bad SDP is a bad message, the wrong moment a conflict. */
    private static Refusal refusal(NegotiationException e) {
        return e.code() == NegotiationException.Code.UNUSABLE_SDP ? Refusal.badMessage(e.getMessage())
                : new Refusal(Refusal.Code.CONFLICT, e.getMessage());
    }

    synchronized void mute(Participant owner, ClientMessage.Mute request) {
        PublishedStream stream = ownStream(owner, request.streamId());
        if (request.audioMuted() != null && request.audioMuted() != stream.audioMuted()) {
            stream.audioMuted(request.audioMuted());
            broadcast(propertyChanged(stream, "audioMuted", request.audioMuted(), "owner"), owner.connectionId());
        }
        if (request.videoMuted() != null && request.videoMuted() != stream.videoMuted()) {
            stream.videoMuted(request.videoMuted());
            broadcast(propertyChanged(stream, "videoMuted", request.videoMuted(), "owner"), owner.connectionId());
        }
    }

    synchronized void signal(Participant sender, ClientMessage.Signal signal) {
        if (!sender.allowSignal()) {
            throw new Refusal(Refusal.Code.RATE_LIMITED, "At most " + Participant.SIGNALS_PER_SECOND
                    + " signals per second");
        }
        ObjectNode event = Events.event("signal").put("signalType", signal.type()).put("data", signal.data())
                .put("from", sender.connectionId());
        if (signal.to() == null) {
            broadcast(event, sender.connectionId());
            return;
        }
        Participant target = participants.get(signal.to());
        if (target == null) {
            throw Refusal.notFound("connection", signal.to());
        }
        target.send(event);
    }

    /** Closes a connection for a moderator (a participant's request or the REST API); false if there is none. */
    synchronized boolean forceDisconnect(String connectionId) {
        Participant target = participants.get(connectionId);
        if (target == null) {
            return false;
        }
        leave(target, Leaving.forceDisconnected);
        target.close(CloseCodes.FORCE_DISCONNECTED, "Disconnected by a moderator");
        return true;
    }

    /** Mutes a stream's audio for a moderator; false if there is no such stream. */
    synchronized boolean forceMute(String streamId) {
        PublishedStream stream = streams.get(streamId);
        if (stream == null) {
            return false;
        }
        participants.get(stream.connectionId()).send(Events.event("forceMuted").put("streamId", streamId));
        if (!stream.audioMuted()) {
            stream.audioMuted(true);
            broadcast(propertyChanged(stream, "audioMuted", true, "moderator"), stream.connectionId());
        }
        return true;
    }

    synchronized void archiveStarted(String archiveId, String name) {
        archive = JsonNodeFactory.instance.objectNode().put("archiveId", archiveId).put("name", name);
        broadcast(Events.event("archiveStarted").put("archiveId", archiveId).put("name", name), null);
    }

    synchronized void archiveStopped(String archiveId, String name) {
        archive = null;
        broadcast(Events.event("archiveStopped").put("archiveId", archiveId).put("name", name), null);
    }

    synchronized List<Connection> connections() {
        List<Connection> result = new ArrayList<>();
        participants.values().forEach(p -> result.add(new Connection(p.connectionId(), p.data(), p.role(),
                p.createdAt())));
        return result;
    }

    synchronized List<Stream> streams() {
        return streams.values().stream().map(PublishedStream::toStream).toList();
    }

    synchronized String connectionDataOf(String streamId) {
        PublishedStream stream = streams.get(streamId);
        Participant owner = stream == null ? null : participants.get(stream.connectionId());
        return owner == null ? null : owner.data();
    }

    synchronized List<Participant> participants() {
        return List.copyOf(participants.values());
    }

    private PublishedStream stream(String streamId) {
        PublishedStream stream = streams.get(streamId);
        if (stream == null) {
            throw Refusal.notFound("stream", streamId);
        }
        return stream;
    }

    private PublishedStream ownStream(Participant owner, String streamId) {
        PublishedStream stream = stream(streamId);
        if (!stream.connectionId().equals(owner.connectionId())) {
            throw Refusal.forbidden("Stream " + streamId + " belongs to another connection");
        }
        return stream;
    }

    private void endStream(PublishedStream stream, String reason) {
        for (Link link : List.copyOf(links.values())) {
            if (link.streamId().equals(stream.streamId())) {
                closeLink(link, "streamDestroyed");
            }
        }
        streams.remove(stream.streamId());
        broadcast(Events.event("streamDestroyed").put("streamId", stream.streamId())
                .put("connectionId", stream.connectionId()).put("reason", reason), stream.connectionId());
    }

    private void closeLink(Link link, String reason) {
        links.remove(link.linkId());
        negotiated.remove(link.linkId());
        if (link.hasEnd(RoutedMedia.ROUTER)) {
            router.close(link.linkId());
        }
        ObjectNode closed = Events.event("linkClosed").put("linkId", link.linkId()).put("reason", reason);
        for (String end : List.of(link.publisherId(), link.subscriberId())) {
            Participant participant = participants.get(end);
            if (participant != null) {
                participant.send(closed);
            }
        }
    }

    private static ObjectNode linkCreated(Link link, String peer, boolean offerer) {
        return Events.event("linkCreated").put("linkId", link.linkId()).put("streamId", link.streamId())
                .put("peerConnectionId", peer).put("offerer", offerer);
    }

    private static ObjectNode propertyChanged(PublishedStream stream, String property, boolean value, String by) {
        return Events.event("streamPropertyChanged").put("streamId", stream.streamId()).put("property", property)
                .put("value", value).put("by", by);
    }

    private void broadcast(ObjectNode event, String exceptConnectionId) {
        for (Participant participant : participants.values()) {
            if (!participant.connectionId().equals(exceptConnectionId)) {
                participant.send(event);
            }
        }
    }

    static ArrayNode iceServers(IceConfig config) {
        ArrayNode servers = JsonNodeFactory.instance.arrayNode();
        config.servers().orElse(List.of()).forEach(server -> {
            ObjectNode entry = servers.addObject();
            ArrayNode urls = entry.putArray("urls");
            server.urls().forEach(urls::add);
            server.username().ifPresent(u -> entry.put("username", u));
            server.credential().ifPresent(c -> entry.put("credential", c));
        });
        return servers;
    }
}

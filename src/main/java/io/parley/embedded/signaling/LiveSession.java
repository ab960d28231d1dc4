package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.embedded.media.router.RoutedMedia;
import io.parley.video.Connection;
import io.parley.video.MediaMode;
import io.parley.video.Role;
import io.parley.video.SessionMute;
import io.parley.video.Stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live state of one session: who is connected, what they publish, and the peer links between them. Every
 * change happens under the session's lock and sends its events before the lock is released, so each client sees
 * events in one consistent order: a connection before its streams, a stream's creation before its end, nothing of a
 * connection after it has gone.
 *
 * <p>The session keeps the lock, the roster, the streams and links, and the rules of who may do what; how media
 * travels is its {@link MediaPath} (relayed or routed), what moderators may do to others is {@link Moderation}, and
 * every event's shape is in {@link SessionEvents}.
 */
final class LiveSession implements MediaPath.Session, Moderation.Session {

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
    private final MediaPath path;
    private final ConnectionLimits limits;
    private final Clock clock;
    private final Moderation moderation = new Moderation(this);
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, PublishedStream> streams = new LinkedHashMap<>();
    private final Map<String, Link> links = new LinkedHashMap<>();
    /** The archives recording the session, in the order they started; a joiner is told of the latest. */
    private final java.util.LinkedHashMap<String, ObjectNode> archives = new java.util.LinkedHashMap<>();
    private boolean ended;
    /** Whether publishers send the router their cameras in simulcast layers (told in connected). */
    private final boolean simulcast;

    LiveSession(String sessionId, MediaMode mediaMode, ArrayNode iceServers, CandidateFilter candidates,
                RoutedMedia router, ConnectionLimits limits, Clock clock) {
        this.sessionId = sessionId;
        this.mediaMode = mediaMode;
        this.iceServers = iceServers;
        this.path = mediaMode == MediaMode.ROUTED ? new RoutedPath(router, this) : new RelayedPath(candidates, this);
        this.simulcast = mediaMode == MediaMode.ROUTED && router.simulcast();
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    // MediaPath.Session: the path calls these under this session's lock (lost() takes it itself)

    @Override
    public Participant participant(String connectionId) {
        return participants.get(connectionId);
    }

    @Override
    public void add(Link link) {
        links.put(link.linkId(), link);
    }

    @Override
    public void lost(String linkId) {
        routerLost(linkId);
    }

    // Moderation.Session: moderation calls these under this session's lock

    @Override
    public PublishedStream publishedStream(String streamId) {
        return streams.get(streamId);
    }

    @Override
    public Collection<PublishedStream> publishedStreams() {
        return streams.values();
    }

    @Override
    public void forceOut(Participant target) {
        leave(target, Leaving.forceDisconnected);
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
        joining.send(SessionEvents.connected(joining, sessionId, mediaMode.name(), iceServers, participants.values(),
                streams.values(), latestArchive()).put("simulcast", simulcast));
        broadcast(SessionEvents.connectionCreated(joining), null);
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
        broadcast(SessionEvents.connectionDestroyed(leaving, reason.name()), null);
        ended = participants.isEmpty();
        return ended;
    }

    /** A stream just published: its id, and whether a session mute made it start muted (tell the owner so). */
    record Published(String streamId, boolean forceMuted) {
    }

    synchronized Published publish(Participant owner, ClientMessage.Publish request) {
        owner.require(Role.PUBLISHER, "publish");
        path.requireAvailable();
        long own = streams.values().stream().filter(s -> s.connectionId().equals(owner.connectionId())).count();
        if (own >= MAX_STREAMS_PER_CONNECTION) {
            throw new Refusal(Refusal.Code.CONFLICT, "A connection publishes at most " + MAX_STREAMS_PER_CONNECTION
                    + " streams");
        }
        PublishedStream stream = new PublishedStream(UUID.randomUUID().toString(), owner.connectionId(),
                request.name(), request.hasAudio(), request.hasVideo(), request.videoType(), clock.instant());
        streams.put(stream.streamId(), stream);
        boolean muted = moderation.startsMuted(stream);
        broadcast(SessionEvents.streamCreated(stream), owner.connectionId());
        path.published(stream, owner);
        return new Published(stream.streamId(), muted);
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
        path.requireAvailable();
        return path.subscribe(stream, subscriber).linkId();
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
                    owner.send(SessionEvents.streamDestroyed(stream, "networkDisconnected"));
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

    /** How large the subscriber shows a subscription: the router sends no larger a layer (nothing when 0). */
    synchronized void view(Participant subscriber, String linkId, int height) {
        Link link = links.get(linkId);
        if (link == null || !link.subscriberId().equals(subscriber.connectionId())) {
            throw Refusal.notFound("subscription", linkId);
        }
        path.view(link, height);
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
        path.negotiate(sender, link, message);
    }

    synchronized void mute(Participant owner, ClientMessage.Mute request) {
        PublishedStream stream = ownStream(owner, request.streamId());
        if (request.audioMuted() != null && request.audioMuted() != stream.audioMuted()) {
            stream.audioMuted(request.audioMuted());
            broadcast(SessionEvents.streamPropertyChanged(stream, "audioMuted", request.audioMuted(), "owner"),
                    owner.connectionId());
        }
        if (request.videoMuted() != null && request.videoMuted() != stream.videoMuted()) {
            stream.videoMuted(request.videoMuted());
            broadcast(SessionEvents.streamPropertyChanged(stream, "videoMuted", request.videoMuted(), "owner"),
                    owner.connectionId());
        }
    }

    synchronized void signal(Participant sender, ClientMessage.Signal signal) {
        if (!sender.allowSignal()) {
            throw new Refusal(Refusal.Code.RATE_LIMITED, "At most " + Participant.SIGNALS_PER_SECOND
                    + " signals per second");
        }
        ObjectNode event = SessionEvents.signal(signal.type(), signal.data(), sender.connectionId());
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
        return moderation.disconnect(connectionId);
    }

    /** Mutes a stream's audio for a moderator; false if there is no such stream. */
    synchronized boolean forceMute(String streamId) {
        return moderation.muteAudio(streamId);
    }

    /** Sets streams' layout classes, all or none; the id of a stream that is not published, else null. */
    synchronized String setLayoutClasses(Map<String, List<String>> classesByStream) {
        for (String streamId : classesByStream.keySet()) {
            if (!streams.containsKey(streamId)) {
                return streamId;
            }
        }
        classesByStream.forEach((streamId, classes) -> streams.get(streamId).layoutClasses(classes));
        return null;
    }

    /** A session mute for a moderator (see {@link Moderation#muteSession}). */
    synchronized void muteSession(SessionMute request) {
        moderation.muteSession(request);
    }

    /** A signal from the back end: to everyone, or to one connection ({@code to}); false if that one is not here. */
    synchronized boolean serverSignal(String to, String type, String data) {
        ObjectNode event = SessionEvents.signal(type, data, SessionEvents.FROM_SERVER);
        if (to == null) {
            broadcast(event, null);
            return true;
        }
        Participant target = participants.get(to);
        if (target == null) {
            return false;
        }
        target.send(event);
        return true;
    }

    private ObjectNode latestArchive() {
        ObjectNode latest = null;
        for (ObjectNode archive : archives.values()) {
            latest = archive;
        }
        return latest;
    }

    /** The router's judgement of which layers of a stream anyone receives: told to its publisher only. */
    synchronized void layersWanted(String streamId, List<String> rids) {
        PublishedStream stream = streams.get(streamId);
        Participant owner = stream == null ? null : participants.get(stream.connectionId());
        if (owner != null) {
            owner.send(SessionEvents.layers(streamId, rids));
        }
    }

    /** The router's judgement of who speaks (routed sessions): told to everyone, the speaker included. */
    synchronized void activeSpeaker(String streamId) {
        PublishedStream stream = streams.get(streamId);
        if (stream != null) {
            broadcast(SessionEvents.activeSpeaker(stream), null);
        }
    }

    synchronized void archiveStarted(String archiveId, String name) {
        archives.put(archiveId, JsonNodeFactory.instance.objectNode().put("archiveId", archiveId).put("name", name));
        broadcast(SessionEvents.archive("archiveStarted", archiveId, name), null);
    }

    synchronized void archiveStopped(String archiveId, String name) {
        archives.remove(archiveId);
        broadcast(SessionEvents.archive("archiveStopped", archiveId, name), null);
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
        broadcast(SessionEvents.streamDestroyed(stream, reason), stream.connectionId());
    }

    private void closeLink(Link link, String reason) {
        links.remove(link.linkId());
        path.closed(link);
        ObjectNode closed = SessionEvents.linkClosed(link, reason);
        for (String end : List.of(link.publisherId(), link.subscriberId())) {
            Participant participant = participants.get(end);
            if (participant != null) {
                participant.send(closed);
            }
        }
    }

    @Override
    public void broadcast(ObjectNode event, String exceptConnectionId) {
        for (Participant participant : participants.values()) {
            if (!participant.connectionId().equals(exceptConnectionId)) {
                participant.send(event);
            }
        }
    }

}

package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.parley.embedded.archives.LiveSessions;
import io.parley.embedded.media.router.RoutedMedia;
import io.parley.nodes.NodeLoad;
import io.parley.nodes.Placement;
import io.parley.video.Connection;
import io.parley.video.MediaMode;
import io.parley.video.SessionMute;
import io.parley.video.Stream;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The live sessions of the embedded platform: created when their first client connects, dropped when their last
 * one leaves. Also watches liveness: a client not heard from (no message, no pong) for the liveness timeout is gone.
 */
@ApplicationScoped
public class SessionHub implements LiveSessions, NodeLoad {

    private static final Logger LOG = Logger.getLogger(SessionHub.class);

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final ArrayNode iceServers;
    private final CandidateFilter candidates;
    private final RoutedMedia router;
    private final LiveSession.ConnectionLimits limits;
    private final long livenessNanos;
    private final Vertx vertx;
    private final long sweeper;
    private final Consumer<String> ended;

    @Inject
    public SessionHub(IceConfig ice, SignalingConfig signaling, Vertx vertx, RoutedMedia router, Placement placement) {
        this(ice, signaling, vertx, router, placement::ended);
    }

    public SessionHub(IceConfig ice, SignalingConfig signaling, Vertx vertx, RoutedMedia router) {
        this(ice, signaling, vertx, router, sessionId -> { });
    }

    /** {@code ended} hears of each session whose last participant here left. */
    SessionHub(IceConfig ice, SignalingConfig signaling, Vertx vertx, RoutedMedia router, Consumer<String> ended) {
        this.ended = ended;
        this.router = router;
        this.iceServers = IceServers.of(ice);
        this.candidates = new CandidateFilter(ice.loopbackOnly());
        this.limits = new LiveSession.ConnectionLimits(signaling.maxConnectionsPerSession(),
                signaling.maxConnectionsPerToken());
        this.livenessNanos = signaling.livenessTimeout().toNanos();
        this.vertx = vertx;
        router.onActiveSpeaker(this::activeSpeaker);
        router.onLayersWanted(this::layersWanted);
        long period = Math.max(200, signaling.livenessTimeout().toMillis() / 4);
        this.sweeper = vertx.setPeriodic(period, id -> sweep());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweeper);
    }

    /**
     * Adds a participant to its session, making the live session if it is the first.
     *
     * @throws ConnectionLimitException the session, or the participant's token, has its maximum of connections
     */
    LiveSession join(String sessionId, MediaMode mediaMode, Participant participant) {
        while (true) {
            LiveSession session = sessions.computeIfAbsent(sessionId,
                    id -> new LiveSession(id, mediaMode, iceServers, candidates, router, limits, Clock.systemUTC()));
            switch (session.join(participant)) {
                case JOINED:
                    return session;
                case SESSION_FULL:
                    throw new ConnectionLimitException("This session has its maximum of " + limits.perSession()
                            + " connections");
                case TOKEN_FULL:
                    throw new ConnectionLimitException("This token already has " + limits.perToken()
                            + " connections in the session");
                case ENDED:
                default:
                    // it ended between lookup and join: drop it and make a fresh one
                    sessions.remove(sessionId, session);
            }
        }
    }

    /** A join refused by {@link LiveSession.ConnectionLimits}; its message is the close reason. */
    static final class ConnectionLimitException extends RuntimeException {
        ConnectionLimitException(String message) {
            super(message, null, false, false);
        }
    }

    /** The router judged a new active speaker: everyone in the session hears of it. */
    private void layersWanted(String sessionId, String streamId, List<String> rids) {
        LiveSession session = sessions.get(sessionId);
        if (session != null) {
            session.layersWanted(streamId, rids);
        }
    }

    private void activeSpeaker(String sessionId, String streamId) {
        LiveSession session = sessions.get(sessionId);
        if (session != null) {
            session.activeSpeaker(streamId);
        }
    }

    void leave(LiveSession session, Participant participant, LiveSession.Leaving reason) {
        if (session.leave(participant, reason)) {
            end(session);
        }
    }

    private void end(LiveSession session) {
        if (sessions.remove(session.sessionId(), session)) {
            ended.accept(session.sessionId());
        }
    }

    @Override
    public int load() {
        int load = 0;
        for (LiveSession session : sessions.values()) {
            load += session.participants().size() + session.streams().size();
        }
        return load;
    }

    @Override
    public boolean hasSessions() {
        return !sessions.isEmpty();
    }

    @Override
    public java.util.Set<String> sessionIds() {
        return java.util.Set.copyOf(sessions.keySet());
    }

    /** Another node carries the session now: its participants here reconnect there. */
    @Override
    public void move(String sessionId, String signalingUrl) {
        LiveSession session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        for (Participant participant : session.participants()) {
            participant.send(SessionEvents.redirect(signalingUrl));
            leave(session, participant, LiveSession.Leaving.networkDisconnected);
            participant.close(CloseCodes.MOVED, "Another node carries this session: follow the redirect");
        }
    }

    /** The node is leaving: each participant is told to reconnect, which places its session on another node. */
    @Override
    public void moveEveryone() {
        for (LiveSession session : sessions.values()) {
            for (Participant participant : session.participants()) {
                participant.send(SessionEvents.redirect(null));
                leave(session, participant, LiveSession.Leaving.networkDisconnected);
                participant.close(CloseCodes.MOVED, "This node is shutting down: reconnect");
            }
        }
    }

    @Override
    public List<Connection> connections(String sessionId) {
        LiveSession session = sessions.get(sessionId);
        return session == null ? List.of() : session.connections();
    }

    public List<Stream> streams(String sessionId) {
        LiveSession session = sessions.get(sessionId);
        return session == null ? List.of() : session.streams();
    }

    /** The sessions in which something is published right now (ALWAYS sessions start recording then). */
    @Override
    public List<String> sessionsWithStreams() {
        return sessions.values().stream().filter(s -> !s.streams().isEmpty()).map(LiveSession::sessionId).toList();
    }

    @Override
    public String connectionDataOf(String sessionId, String streamId) {
        LiveSession session = sessions.get(sessionId);
        return session == null ? null : session.connectionDataOf(streamId);
    }

    @Override
    public Stream streamOf(String sessionId, String streamId) {
        LiveSession session = sessions.get(sessionId);
        return session == null ? null : session.streams().stream().filter(s -> s.id().equals(streamId))
                .findFirst().orElse(null);
    }

    /**
     * For the REST API: gives each listed stream exactly its layout classes, or none if one is not published;
     * returns the id of a stream that is not, else null.
     */
    public String setLayoutClasses(String sessionId, Map<String, List<String>> classesByStream) {
        LiveSession session = sessions.get(sessionId);
        if (session == null) {
            return classesByStream.keySet().stream().findFirst().orElse(null);
        }
        return session.setLayoutClasses(classesByStream);
    }

    /** For the REST API's moderation: false when there is no such connection. */
    public boolean forceDisconnect(String sessionId, String connectionId) {
        LiveSession session = sessions.get(sessionId);
        if (session == null || !session.forceDisconnect(connectionId)) {
            return false;
        }
        if (session.participants().isEmpty()) {
            end(session);
        }
        return true;
    }

    /** For the REST API's moderation: false when there is no such stream. */
    public boolean forceMute(String sessionId, String streamId) {
        LiveSession session = sessions.get(sessionId);
        return session != null && session.forceMute(streamId);
    }

    /** For the REST API's session mute; a session nobody is connected to has nothing to mute now. */
    public void muteSession(String sessionId, SessionMute request) {
        withSession(sessionId, s -> s.muteSession(request));
    }

    /**
     * For the REST API's signals: to everyone connected ({@code connectionId} null; nobody connected is fine), or to
     * one connection; false when that connection is not connected.
     */
    public boolean signal(String sessionId, String connectionId, String type, String data) {
        LiveSession session = sessions.get(sessionId);
        if (session == null) {
            return connectionId == null;
        }
        return session.serverSignal(connectionId, type, data);
    }

    @Override
    public void archiveStarted(String sessionId, String archiveId, String name) {
        withSession(sessionId, s -> s.archiveStarted(archiveId, name));
    }

    @Override
    public void archiveStopped(String sessionId, String archiveId, String name) {
        withSession(sessionId, s -> s.archiveStopped(archiveId, name));
    }

    private void withSession(String sessionId, Consumer<LiveSession> action) {
        LiveSession session = sessions.get(sessionId);
        if (session != null) {
            action.accept(session);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (LiveSession session : sessions.values()) {
            for (Participant participant : session.participants()) {
                if (participant.silentFor(livenessNanos, now)) {
                    LOG.debugf("Connection %s in session %s stopped answering; removing it",
                            participant.connectionId(), session.sessionId());
                    leave(session, participant, LiveSession.Leaving.networkDisconnected);
                    participant.close(CloseCodes.POLICY_VIOLATION, "No pong or message within "
                            + Duration.ofNanos(livenessNanos).toSeconds() + " s");
                }
            }
        }
    }
}

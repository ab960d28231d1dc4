package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.ParleyConfig;
import io.parley.PlatformSelection;
import io.parley.nodes.MediaNode;
import io.parley.nodes.Placement;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.Session;
import io.parley.video.TokenClaims;
import io.parley.video.VideoPlatform;
import io.parley.video.VideoPlatformException;
import io.smallrye.common.annotation.NonBlocking;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signaling WebSocket of the embedded platform. This class only moves messages between sockets and
 * {@link LiveSession}s: authentication on {@code connect}, parsing, refusals and close codes; what a message does
 * lives in the session.
 */
@WebSocket(path = "/rtc")
public class SignalingEndpoint {

    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class);
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(5);
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final int TRY_AGAIN_LATER = 1013;

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final SessionHub hub;
    private final VideoPlatform platform;
    private final PlatformSelection selection;
    private final SignalingConfig config;
    private final ClientMessages messages;
    private final Vertx vertx;
    private final Placement placement;

    public SignalingEndpoint(SessionHub hub, VideoPlatform platform, PlatformSelection selection,
                             SignalingConfig config, ObjectMapper mapper, Vertx vertx, Placement placement) {
        this.hub = hub;
        this.placement = placement;
        this.platform = platform;
        this.selection = selection;
        this.config = config;
        this.messages = new ClientMessages(mapper);
        this.vertx = vertx;
    }

    /** A socket, and once it has authenticated, its participant and session. */
    private static final class Client {
        final WebSocketConnection socket;
        volatile Participant participant;
        volatile LiveSession session;

        Client(WebSocketConnection socket) {
            this.socket = socket;
        }
    }

    @OnOpen
    void open(WebSocketConnection socket) {
        if (!selection.is(ParleyConfig.Platform.embedded)) {
            close(socket, CloseCodes.INVALID_TOKEN, "This server runs the Vonage platform: connect with Vonage's SDK");
            return;
        }
        Client client = new Client(socket);
        clients.put(socket.id(), client);
        vertx.setTimer(config.authTimeout().toMillis(), timer -> {
            if (client.participant == null && clients.containsKey(socket.id())) {
                close(socket, CloseCodes.NOT_AUTHENTICATED, "Send connect with a token first");
            }
        });
    }

    @OnTextMessage
    void message(String text, WebSocketConnection socket) {
        Client client = clients.get(socket.id());
        if (client == null) {
            return;
        }
        Participant participant = client.participant;
        ClientMessage message;
        try {
            message = messages.parse(text);
        } catch (Refusal refusal) {
            if (participant == null) {
                close(socket, CloseCodes.NOT_AUTHENTICATED, "Send connect with a token first");
            } else {
                refuse(client, refusal.id(), refusal);
            }
            return;
        }
        if (participant == null) {
            if (message instanceof ClientMessage.Connect connect) {
                connect(client, connect);
            } else {
                close(socket, CloseCodes.NOT_AUTHENTICATED, "Send connect with a token first");
            }
            return;
        }
        participant.heard();
        try {
            ObjectNode ok = handle(client.session, participant, message);
            if (ok != null && message.id() != null) {
                participant.send(ok);
            }
        } catch (Refusal refusal) {
            refuse(client, message.id(), refusal);
        }
    }

    /**
     * On the event loop: a void method is blocking by default, and every client's pong, one per ping interval,
     * then went through the worker pool and a request context just to note the time it came.
     */
    @OnPongMessage
    @NonBlocking
    void pong(Buffer data, WebSocketConnection socket) {
        Client client = clients.get(socket.id());
        if (client != null && client.participant != null) {
            client.participant.heard();
        }
    }

    @OnClose
    void closed(WebSocketConnection socket) {
        Client client = clients.remove(socket.id());
        if (client != null && client.participant != null) {
            hub.leave(client.session, client.participant, LiveSession.Leaving.clientDisconnected);
        }
    }

    @OnError
    void error(WebSocketConnection socket, Throwable failure) {
        // Vert.x reports a fragmented message over the size limit as an error and drops it, keeping the socket;
        // the protocol closes such a client instead, as Netty does for a single frame that is too large
        if (failure instanceof IllegalStateException
                && String.valueOf(failure.getMessage()).contains("max message size")) {
            close(socket, MESSAGE_TOO_BIG, "A message is at most 64 KiB");
            return;
        }
        LOG.debugf("Signaling connection %s failed: %s", socket.id(), failure.toString());
    }

    private void connect(Client client, ClientMessage.Connect connect) {
        TokenClaims claims;
        Session session;
        try {
            claims = platform.verifyToken(connect.token()).await().atMost(VERIFY_TIMEOUT);
            session = platform.getSession(claims.sessionId()).await().atMost(VERIFY_TIMEOUT);
        } catch (ResourceNotFoundException e) {
            close(client.socket, CloseCodes.SESSION_NOT_FOUND, "The token's session does not exist");
            return;
        } catch (VideoPlatformException e) {
            close(client.socket, CloseCodes.INVALID_TOKEN, e.getMessage());
            return;
        }
        if (!carriedHere(client, session.id())) {
            return;
        }
        Participant participant = new Participant(UUID.randomUUID().toString(), claims, Clock.systemUTC().instant(),
                new SocketOutbox(client.socket));
        try {
            client.session = hub.join(session.id(), session.mediaMode(), participant);
        } catch (SessionHub.ConnectionLimitException e) {
            close(client.socket, CloseCodes.CONNECTION_LIMIT, e.getMessage());
            return;
        }
        client.participant = participant;
        if (!clients.containsKey(client.socket.id())) {
            // the socket closed while it was joining
            hub.leave(client.session, participant, LiveSession.Leaving.clientDisconnected);
        } else if (placement.clustered()) {
            participant.send(SessionEvents.nodes(placement.liveSignalingUrls()));
        }
    }

    /**
     * Whether this node carries the session, placing it here if no live node does; if another node carries it, the
     * client is sent there (a {@code redirect} event, then close code 4010) and false is returned.
     */
    private boolean carriedHere(Client client, String sessionId) {
        MediaNode carrier;
        try {
            carrier = placement.claim(sessionId).await().atMost(VERIFY_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("Placing session %s failed: %s", sessionId, e.toString());
            close(client.socket, TRY_AGAIN_LATER, "The session cannot be placed right now: try again");
            return false;
        }
        if (carrier.id().equals(placement.selfId())) {
            return true;
        }
        new SocketOutbox(client.socket).send(SessionEvents.redirect(carrier.signalingUrl()));
        close(client.socket, CloseCodes.MOVED, "The session is carried by another node: follow the redirect");
        return false;
    }

    /** Carries out one request; returns the {@code ok} answer, or null when the answer is another event. */
    private ObjectNode handle(LiveSession session, Participant participant, ClientMessage message) {
        ObjectNode ok = SessionEvents.ok(message.id());
        if (message instanceof ClientMessage.Publish publish) {
            LiveSession.Published published = session.publish(participant, publish);
            ok.put("streamId", published.streamId());
            if (published.forceMuted()) {
                // after the ok, so that the client knows which of its streams the session mute silenced
                participant.send(ok);
                participant.send(SessionEvents.forceMuted(published.streamId()));
                return null;
            }
        } else if (message instanceof ClientMessage.Unpublish unpublish) {
            session.unpublish(participant, unpublish.streamId());
        } else if (message instanceof ClientMessage.Subscribe subscribe) {
            ok.put("linkId", session.subscribe(participant, subscribe.streamId()));
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            session.unsubscribe(participant, unsubscribe.linkId());
        } else if (message instanceof ClientMessage.View view) {
            session.view(participant, view.linkId(), view.height());
        } else if (message instanceof ClientMessage.Negotiation negotiation) {
            session.negotiate(participant, negotiation);
        } else if (message instanceof ClientMessage.Mute mute) {
            session.mute(participant, mute);
        } else if (message instanceof ClientMessage.Signal signal) {
            session.signal(participant, signal);
        } else if (message instanceof ClientMessage.ForceDisconnect force) {
            Moderation.requireModerator(participant, "force a connection out");
            if (!hub.forceDisconnect(session.sessionId(), force.connectionId())) {
                throw Refusal.notFound("connection", force.connectionId());
            }
        } else if (message instanceof ClientMessage.ForceMute force) {
            Moderation.requireModerator(participant, "mute another's stream");
            if (!session.forceMute(force.streamId())) {
                throw Refusal.notFound("stream", force.streamId());
            }
        } else if (message instanceof ClientMessage.Ping) {
            participant.send(SessionEvents.event("pong"));
            return null;
        } else {
            throw new Refusal(Refusal.Code.CONFLICT, "This connection is already connected");
        }
        return ok;
    }

    private void refuse(Client client, JsonNode id, Refusal refusal) {
        Participant participant = client.participant;
        if (!participant.allowRefusal()) {
            hub.leave(client.session, participant, LiveSession.Leaving.networkDisconnected);
            close(client.socket, CloseCodes.POLICY_VIOLATION, "Too many refused messages");
            return;
        }
        participant.send(SessionEvents.error(id, refusal));
    }

    private static void close(WebSocketConnection socket, int code, String reason) {
        socket.close(new CloseReason(code, reason)).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Closing %s failed: %s", socket.id(), failure.toString()));
    }

    /** Sends events over the socket without waiting: the session lock must never wait on a slow client. */
    private static final class SocketOutbox implements Outbox {
        private final WebSocketConnection socket;

        SocketOutbox(WebSocketConnection socket) {
            this.socket = socket;
        }

        @Override
        public void send(ObjectNode event) {
            if (socket.isOpen()) {
                socket.sendText(event.toString()).subscribe().with(ok -> {
                }, failure -> LOG.debugf("Sending to %s failed: %s", socket.id(), failure.toString()));
            }
        }

        @Override
        public void close(int code, String reason) {
            SignalingEndpoint.close(socket, code, reason);
        }
    }
}

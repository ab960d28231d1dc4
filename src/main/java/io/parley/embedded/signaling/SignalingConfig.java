package io.parley.embedded.signaling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Timing and limits of the signaling WebSocket. */
@ConfigMapping(prefix = "parley.signaling")
public interface SignalingConfig {

    /** How long a new WebSocket may take to send its {@code connect} message. */
    @WithDefault("5s")
    Duration authTimeout();

    /**
     * A client not heard from (no message, no pong to the server's pings) for this long is gone, and the others
     * see it leave. Keep it a few ping intervals ({@code quarkus.websockets-next.server.auto-ping-interval}).
     */
    @WithDefault("8s")
    Duration livenessTimeout();

    /**
     * Connections one session may have at once; a connect beyond it is closed with 4005. Every connection is
     * announced to every other, so the cost of a session grows with the square of this.
     */
    @WithDefault("100")
    int maxConnectionsPerSession();

    /**
     * Connections one token may have at once in its session (a person with a few tabs or devices, and a reconnect
     * that overlaps the connection it replaces); a connect beyond it is closed with 4005.
     */
    @WithDefault("4")
    int maxConnectionsPerToken();
}

package io.parley.embedded.signaling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Timing of the signaling WebSocket. */
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
}

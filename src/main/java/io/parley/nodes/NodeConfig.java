package io.parley.nodes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * This node's identity among the media nodes of the embedded platform ({@code parley.node.*}). It matters only when
 * state is shared ({@code parley.store=postgres}): a single node with files is the only node there is.
 */
@ConfigMapping(prefix = "parley.node")
public interface NodeConfig {

    /** Stable across restarts (a StatefulSet pod's name); defaults to the host name and HTTP port. */
    Optional<String> id();

    /**
     * The base URL at which browsers reach this node directly (its signaling lives at {@code /rtc} under it), e.g.
     * {@code https://parley-media-0.example.com}. Defaults to {@code http://<host name>:<port>}.
     */
    Optional<String> url();

    /** How often this node writes its heartbeat. */
    @WithDefault("2s")
    Duration heartbeat();

    /** A node whose heartbeat is older than this is dead: its sessions are placed again on the next connect. */
    @WithDefault("6s")
    Duration lease();

    /** On SIGTERM, how long live sessions may stay before their participants are sent to another node. */
    @WithDefault("30s")
    Duration drainTimeout();
}

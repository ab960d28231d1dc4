package io.parley.embedded.media.router;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** The embedded media router's network settings. */
@ConfigMapping(prefix = "parley.media")
public interface MediaConfig {

    /** The one UDP port every routed peer connection uses; 0 picks a free one (tests). */
    @WithDefault("7882")
    int port();

    /** The interface the media port binds to. */
    @WithDefault("0.0.0.0")
    String host();

    /**
     * The addresses browsers are told to send media to (host candidates). Unset: every non-loopback IPv4 address of
     * this machine, or 127.0.0.1 if it has none. Behind NAT or in a container, set the public address here.
     */
    Optional<List<String>> announcedAddresses();

    /**
     * Test only: drop this percentage of packets arriving from publishers, to prove that retransmission on NACK keeps
     * video flowing. Always 0 in production.
     */
    @WithDefault("0")
    int testReceiveLossPercent();
}

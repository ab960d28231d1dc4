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
     * Whether the web app publishes cameras to the router in simulcast layers, which the router forwards one per
     * subscriber, chosen for each participant's downlink. The router accepts simulcast from any client either way.
     */
    @WithDefault("true")
    boolean simulcast();

    /**
     * Whether publishers estimate their own uplink: the router answers transport-cc and reports every packet's
     * arrival (transport-wide feedback), so the browser's estimator (delay and loss based, with probing) sets its
     * bitrate and follows its uplink down and up. Off, the router tells publishers 2.5 Mbit/s (REMB), as it tells
     * browsers that offer no transport-cc; their bitrate then drops only on loss. Arrival times are taken as the
     * router reads packets, so a router starved of CPU looks like a congested network to the estimators.
     */
    @WithDefault("true")
    boolean transportCc();

    /** ICE over TCP, for browsers whose network lets no UDP through. */
    Tcp tcp();

    /**
     * Test only: drop this percentage of packets arriving from publishers, to prove that retransmission on NACK keeps
     * video flowing. Always 0 in production.
     */
    @WithDefault("0")
    int testReceiveLossPercent();

    /**
     * The router's passive TCP candidate (RFC 6544): browsers that cannot reach the UDP port connect here and send
     * the same media framed over TCP (RFC 4571). TCP adds delay and head-of-line blocking under loss, so browsers
     * are offered it after the UDP candidates and use it only when UDP fails; for networks that allow nothing but
     * HTTPS, run a TURN server with TLS on 443 and list it in parley.ice.servers.
     */
    interface Tcp {

        /** Whether the router offers a TCP candidate. */
        @WithDefault("true")
        boolean enabled();

        /** The TCP port, on the same host and announced addresses as the UDP one; 0 picks a free one (tests). */
        @WithDefault("7881")
        int port();

        /** Open TCP connections in all: each costs a socket and buffers. */
        @WithDefault("4096")
        int maxConnections();

        /** Open TCP connections per remote IP address: a browser opens one per peer connection, a NAT many. */
        @WithDefault("256")
        int maxConnectionsPerAddress();
    }
}

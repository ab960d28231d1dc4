package io.parley.embedded.media.router;

import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.ice.UfragIndex;
import io.parley.embedded.media.stun.StunMessage;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The router's one UDP port. Datagrams are told apart by their first byte (RFC 7983): STUN goes to the ICE agent
 * named by its username (or known by its address), DTLS to the address's handshake, RTP and RTCP to the address's
 * link. Datagrams arrive on the media thread, which owns the link tables (see the package comment), so they need no
 * locks; nothing here blocks or logs per packet. {@link #send} is the one method other threads call.
 */
final class MediaPort implements DatagramSender {

    private static final Logger LOG = Logger.getLogger(MediaPort.class);

    /** What the router does with a datagram once the transport has found its link. */
    interface Receiver {
        void onSrtp(WebRtcTransport link, byte[] packet, int length);

        /** The link's first valid ICE check arrived: its address is proven, DTLS may start. */
        void onConnectivity(WebRtcTransport link);
    }

    private MediaLoop loop;
    private final MediaMetrics metrics;
    private final UfragIndex agents = new UfragIndex();
    private final Map<IceLiteAgent, WebRtcTransport> linksByAgent = new HashMap<>();
    private final Map<InetSocketAddress, WebRtcTransport> linksByAddress = new HashMap<>();
    private final StunMessage stun = new StunMessage();
    private Receiver receiver;
    private int port;

    MediaPort(MediaMetrics metrics) {
        this.metrics = metrics;
    }

    /** Binds the port and starts the media thread; returns the port bound (the configured one, or a free one). */
    int listen(String host, int requestedPort, Receiver onMedia) {
        this.receiver = onMedia;
        try {
            loop = new MediaLoop(host, requestedPort, this::receive);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot bind the media port " + host + ":" + requestedPort
                    + " (parley.media.port): " + e.getMessage(), e);
        }
        port = loop.port();
        LOG.infof("Media router listening on UDP %s:%d", host, port);
        return port;
    }

    int port() {
        return port;
    }

    /** The media thread, to post state changes and timers to. */
    MediaLoop loop() {
        return loop;
    }

    /** Media thread only. */
    void register(WebRtcTransport link) {
        if (linksByAgent.put(link.ice(), link) == null) {
            metrics.activeTransports.incrementAndGet();
        }
        agents.register(link.ice());
    }

    /** The links registered now; media thread only. */
    int registered() {
        return linksByAgent.size();
    }

    /** Media thread only. */
    void unregister(WebRtcTransport link) {
        if (linksByAgent.remove(link.ice()) != null) {
            metrics.activeTransports.decrementAndGet();
        }
        agents.unregister(link.ice());
        linksByAddress.values().removeIf(l -> l == link);
    }

    /** Sends one datagram; safe from any thread (DTLS handshakes send from their own). */
    @Override
    public void send(InetSocketAddress to, byte[] packet, int length) {
        if (to == null) {
            return;
        }
        if (loop.send(to, packet, length)) {
            metrics.packetsOut.increment();
            metrics.bytesOut.increment(length);
        } else {
            metrics.drop(MediaMetrics.Drop.SEND_FAILED);
        }
    }

    /** How a link's DTLS endpoint sends its flights (java.util.function's Consumer, not the router's). */
    java.util.function.Consumer<byte[]> sender(WebRtcTransport link) {
        return datagram -> send(link.remote(), datagram, datagram.length);
    }

    void close() {
        loop.close();
    }

    /** Media thread: {@code packet} is the loop's array, reused for the next datagram, so whatever keeps it copies. */
    private void receive(InetSocketAddress from, byte[] packet, int length) {
        metrics.packetsIn.increment();
        metrics.bytesIn.increment(length);
        if (length == 0) {
            metrics.drop(MediaMetrics.Drop.UNKNOWN_PROTOCOL);
            return;
        }
        int first = packet[0] & 0xFF;
        if (first <= 3) {
            onStun(packet, length, from);
        } else if (first >= 20 && first <= 63) {
            WebRtcTransport link = linksByAddress.get(from);
            if (link == null) {
                metrics.drop(MediaMetrics.Drop.UNKNOWN_ADDRESS);
                return;
            }
            if (link.dtls() == null) {
                if (!link.holdEarlyDtls(Arrays.copyOf(packet, length))) {
                    metrics.drop(MediaMetrics.Drop.NOT_READY);
                }
                return;
            }
            link.dtls().handle(packet, 0, length);
        } else if (first >= 128 && first <= 191) {
            WebRtcTransport link = linksByAddress.get(from);
            if (link == null) {
                metrics.drop(MediaMetrics.Drop.UNKNOWN_ADDRESS);
                return;
            }
            if (!link.secure()) {
                metrics.drop(MediaMetrics.Drop.NOT_READY);
                return;
            }
            receiver.onSrtp(link, packet, length);
        } else {
            metrics.drop(MediaMetrics.Drop.UNKNOWN_PROTOCOL);
        }
    }

    private void onStun(byte[] packet, int length, InetSocketAddress from) {
        if (stun.decode(packet, 0, length) != null || !stun.isBindingRequest()) {
            metrics.drop(MediaMetrics.Drop.MALFORMED_STUN);
            return;
        }
        IceLiteAgent agent = agents.find(stun);
        if (agent == null) {
            metrics.drop(MediaMetrics.Drop.STUN_REJECTED);
            return;
        }
        byte[] response = agent.handle(stun, from, System.nanoTime());
        if (response == null) {
            metrics.drop(MediaMetrics.Drop.STUN_REJECTED);
            return;
        }
        WebRtcTransport owner = linksByAgent.get(agent);
        if (owner == null) {
            return;
        }
        // a valid check proves the address belongs to the link: DTLS and media from it are the link's
        linksByAddress.put(from, owner);
        // the agent may already have selected this address (USE-CANDIDATE): ask the link, not its remote()
        boolean first = !owner.checked();
        if (first) {
            owner.remote(from);
        }
        send(from, response, response.length);
        if (first) {
            receiver.onConnectivity(owner);
        }
    }
}

package io.parley.embedded.media.router;

import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.ice.UfragIndex;
import io.parley.embedded.media.stun.StunMessage;
import io.parley.embedded.media.tcp.FramedConnection;
import io.parley.embedded.media.tcp.TcpMediaListener;
import io.parley.embedded.media.tcp.TcpPeerAddress;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The router's one UDP port, and its TCP port for browsers that UDP does not reach (frames on a TCP connection are
 * datagrams from its {@link TcpPeerAddress}, and sending to one frames the datagram there). Datagrams are told apart by their first byte (RFC 7983): STUN goes to the ICE agent
 * named by its username (or known by its address), DTLS to the address's handshake, RTP and RTCP to the address's
 * link. Datagrams arrive on the media thread, which owns the link tables (see the package comment), so they need no
 * locks; nothing here blocks or logs per packet. {@link #send} is the one method other threads call.
 */
final class MediaPort implements DatagramSender {

    private static final Logger LOG = Logger.getLogger(MediaPort.class);

    /** What the router does with a datagram once the transport has found its link. */
    interface Receiver {
        void onSrtp(WebRtcTransport link, byte[] packet, int length, long arrivalNanos);

        /** The link's first valid ICE check arrived: its address is proven, DTLS may start. */
        void onConnectivity(WebRtcTransport link);
    }

    private MediaLoop loop;
    private final MediaMetrics metrics;
    private final UfragIndex agents = new UfragIndex();
    private final Map<IceLiteAgent, WebRtcTransport> linksByAgent = new HashMap<>();
    private final Map<InetSocketAddress, WebRtcTransport> linksByAddress = new HashMap<>();
    /** TCP paths apart from UDP ones: a TCP peer's address equals a UDP address with the same IP and port. */
    private final Map<FramedConnection, WebRtcTransport> linksByConnection = new IdentityHashMap<>();
    private final StunMessage stun = new StunMessage();
    private Receiver receiver;
    private int port;
    private TcpMediaListener tcp;

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

    /**
     * Opens the passive ICE-TCP candidate's port on the media thread (its selector registers nothing from another
     * thread) and returns the port bound; fails like {@link #listen} when it cannot bind.
     */
    int listenTcp(String host, int requestedPort, int maxConnections, int maxPerAddress) {
        java.util.concurrent.CompletableFuture<Integer> bound = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> {
            try {
                tcp = TcpMediaListener.listen(host, requestedPort, loop::attach, new TcpEvents(),
                        MediaLoop.MAX_DATAGRAM, maxConnections, maxPerAddress);
                bound.complete(tcp.port());
            } catch (IOException | RuntimeException e) {
                bound.completeExceptionally(e);
            }
        });
        try {
            int tcpPort = bound.get(10, java.util.concurrent.TimeUnit.SECONDS);
            LOG.infof("Media router listening on TCP %s:%d (ICE-TCP)", host, tcpPort);
            loop.every(1000, () -> tcp.connections() > 0, () -> tcp.sweep(System.nanoTime()));
            return tcpPort;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Cannot bind the media TCP port " + host + ":" + requestedPort
                    + " (parley.media.tcp.port): " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IllegalStateException("The media thread did not open the TCP port", e);
        }
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
        linksByConnection.values().removeIf(l -> l == link);
    }

    /** Sends one datagram; safe from any thread (DTLS handshakes send from their own). */
    @Override
    public void send(InetSocketAddress to, byte[] packet, int length) {
        if (to == null) {
            return;
        }
        if (to instanceof TcpPeerAddress peer) {
            if (peer.connection().send(packet, length)) {
                metrics.packetsOut.increment();
                metrics.bytesOut.increment(length);
            } else {
                metrics.drop(MediaMetrics.Drop.SEND_QUEUE_FULL);
            }
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

    /** Closes the TCP connections and both ports; media thread or not. */
    void close() {
        if (loop.inLoop()) {
            closeTcp();
        } else {
            loop.execute(this::closeTcp);
        }
        loop.close();
    }

    private void closeTcp() {
        if (tcp != null) {
            tcp.close();
        }
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
            WebRtcTransport link = linkAt(from);
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
            WebRtcTransport link = linkAt(from);
            if (link == null) {
                metrics.drop(MediaMetrics.Drop.UNKNOWN_ADDRESS);
                return;
            }
            long arrival = System.nanoTime();
            if (!link.secure()) {
                if (!link.holdEarlySrtp(Arrays.copyOf(packet, length), arrival)) {
                    metrics.drop(MediaMetrics.Drop.NOT_READY);
                }
                return;
            }
            receiver.onSrtp(link, packet, length, arrival);
        } else {
            metrics.drop(MediaMetrics.Drop.UNKNOWN_PROTOCOL);
        }
    }

    private WebRtcTransport linkAt(InetSocketAddress from) {
        return from instanceof TcpPeerAddress peer ? linksByConnection.get(peer.connection()) : linksByAddress.get(from);
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
        if (from instanceof TcpPeerAddress peer) {
            linksByConnection.put(peer.connection(), owner);
            peer.connection().checked();
        } else {
            linksByAddress.put(from, owner);
        }
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

    /** The TCP listener's frames are datagrams; a closed connection's address reaches nobody any more. */
    private final class TcpEvents implements TcpMediaListener.Events {

        @Override
        public void frame(TcpPeerAddress from, byte[] frame, int length) {
            receive(from, frame, length);
        }

        @Override
        public void closed(TcpPeerAddress peer) {
            linksByConnection.remove(peer.connection());
            metrics.tcpConnections.decrementAndGet();
        }

        @Override
        public void opened(TcpPeerAddress peer) {
            metrics.tcpConnections.incrementAndGet();
        }

        @Override
        public void dropped(TcpMediaListener.TcpDrop reason) {
            metrics.drop(switch (reason) {
                case TOO_MANY_CONNECTIONS -> MediaMetrics.Drop.TOO_MANY_CONNECTIONS;
                case BAD_FRAME -> MediaMetrics.Drop.BAD_FRAME;
                case UNCHECKED_TIMEOUT -> MediaMetrics.Drop.UNCHECKED_TIMEOUT;
                case IDLE_TIMEOUT -> MediaMetrics.Drop.IDLE_TIMEOUT;
            });
        }
    }
}

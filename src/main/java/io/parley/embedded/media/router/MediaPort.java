package io.parley.embedded.media.router;

import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.ice.UfragIndex;
import io.parley.embedded.media.stun.StunMessage;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    private final Context context;
    private final DatagramSocket socket;
    private final MediaMetrics metrics;
    private final UfragIndex agents = new UfragIndex();
    private final Map<IceLiteAgent, WebRtcTransport> linksByAgent = new HashMap<>();
    private final Map<InetSocketAddress, WebRtcTransport> linksByAddress = new HashMap<>();
    private final StunMessage stun = new StunMessage();
    private Receiver receiver;
    private int port;

    MediaPort(Vertx vertx, MediaMetrics metrics) {
        this.context = vertx.getOrCreateContext();
        this.socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(4 * 1024 * 1024)
                .setSendBufferSize(4 * 1024 * 1024));
        this.metrics = metrics;
    }

    /** Binds the port; returns the port actually bound (the configured one, or a free one for 0). */
    int listen(String host, int requestedPort, Receiver onMedia) {
        this.receiver = onMedia;
        java.util.concurrent.CompletableFuture<Integer> bound = new java.util.concurrent.CompletableFuture<>();
        context.runOnContext(v -> socket.handler(this::receive).listen(requestedPort, host).onComplete(result -> {
            if (result.succeeded()) {
                bound.complete(result.result().localAddress().port());
            } else {
                bound.completeExceptionally(result.cause());
            }
        }));
        try {
            port = bound.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot bind the media port " + host + ":" + requestedPort
                    + " (parley.media.port): " + e.getMessage(), e);
        }
        LOG.infof("Media router listening on UDP %s:%d", host, port);
        return port;
    }

    int port() {
        return port;
    }

    Context context() {
        return context;
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
        metrics.packetsOut.increment();
        metrics.bytesOut.increment(length);
        socket.send(Buffer.buffer(length).appendBytes(packet, 0, length), to.getPort(),
                to.getAddress().getHostAddress());
    }

    /** How a link's DTLS endpoint sends its flights (java.util.function's Consumer, not the router's). */
    java.util.function.Consumer<byte[]> sender(WebRtcTransport link) {
        return datagram -> send(link.remote(), datagram, datagram.length);
    }

    void close() {
        socket.close();
    }

    private void receive(DatagramPacket datagram) {
        byte[] packet = datagram.data().getBytes();
        metrics.packetsIn.increment();
        metrics.bytesIn.increment(packet.length);
        if (packet.length == 0) {
            metrics.drop(MediaMetrics.Drop.UNKNOWN_PROTOCOL);
            return;
        }
        InetSocketAddress from = new InetSocketAddress(datagram.sender().host(), datagram.sender().port());
        int first = packet[0] & 0xFF;
        if (first <= 3) {
            onStun(packet, from);
        } else if (first >= 20 && first <= 63) {
            WebRtcTransport link = linksByAddress.get(from);
            if (link == null) {
                metrics.drop(MediaMetrics.Drop.UNKNOWN_ADDRESS);
                return;
            }
            if (link.dtls() == null) {
                if (!link.holdEarlyDtls(packet)) {
                    metrics.drop(MediaMetrics.Drop.NOT_READY);
                }
                return;
            }
            link.dtls().handle(packet);
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
            receiver.onSrtp(link, packet, packet.length);
        } else {
            metrics.drop(MediaMetrics.Drop.UNKNOWN_PROTOCOL);
        }
    }

    private void onStun(byte[] packet, InetSocketAddress from) {
        if (stun.decode(packet, 0, packet.length) != null || !stun.isBindingRequest()) {
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

package io.parley.embedded.media.router;

import io.parley.embedded.media.dtls.DtlsFingerprint;
import io.parley.embedded.media.dtls.DtlsServerEndpoint;
import io.parley.embedded.media.dtls.SrtpKeyMaterial;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.srtp.SrtpContext;
import io.parley.embedded.media.srtp.SrtpKeys;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * One peer connection between a browser and the router (mediasoup's WebRtcTransport): its ICE-lite agent, its DTLS
 * endpoint, and once the handshake is done, its SRTP contexts. A link either receives a published stream or sends a
 * subscription.
 *
 * <p>Owned by the media thread (see the package comment): it is built on the caller's thread and handed over, and
 * from then on only the media thread changes it. The remote address is volatile because DTLS handshake threads read
 * it to send their flights.
 */
final class WebRtcTransport {

    enum Kind { PUBLISHER, SUBSCRIBER }

    /** A ClientHello flight is one to three datagrams; a few more cover a retransmission. */
    static final int EARLY_DTLS_LIMIT = 8;
    /** About 100 ms of a publisher's first packets, its bandwidth probes among them. */
    static final int EARLY_SRTP_LIMIT = 64;

    private final String sessionId;
    private final String linkId;
    private final Kind kind;
    private final IceLiteAgent ice;
    private final Runnable onGone;
    private DtlsFingerprint remoteFingerprint;
    private DtlsServerEndpoint dtls;
    private HandshakeQueue.Request handshake;
    private volatile InetSocketAddress remote;
    private SrtpContext inbound;
    private SrtpContext outbound;
    private boolean gone;
    /** The stream this transport carries: the one it publishes, or the one its consumer subscribes to. */
    private Producer producer;
    /** A subscriber transport's consumer; null on a publisher's. */
    private Consumer consumer;
    /** DTLS datagrams that arrived before the handshake could be made (a subscriber's answer still on its way). */
    private final ArrayDeque<byte[]> earlyDtls = new ArrayDeque<>(EARLY_DTLS_LIMIT);
    /**
     * SRTP that arrived after the browser finished its handshake but before the router installed the keys (the
     * handshake thread hands them to the media thread): a publisher probes its uplink with its very first packets,
     * and a probe with packets missing fails, leaving it at its start bitrate.
     */
    private ArrayDeque<EarlyPacket> earlySrtp;

    /** A datagram held until the link can read it, with when it arrived. */
    record EarlyPacket(byte[] datagram, long arrivalNanos) {
    }

    /** @param onGone tells signaling the peer is lost; the router runs it off the media thread */
    WebRtcTransport(String sessionId, String linkId, Kind kind, IceLiteAgent ice, Runnable onGone) {
        this.sessionId = sessionId;
        this.linkId = linkId;
        this.kind = kind;
        this.ice = ice;
        this.onGone = onGone;
    }

    String sessionId() {
        return sessionId;
    }

    String linkId() {
        return linkId;
    }

    Kind kind() {
        return kind;
    }

    /** Ties a publisher's transport to the stream it publishes. */
    void carries(Producer stream) {
        this.producer = stream;
    }

    /** Ties a subscriber's transport to the stream it receives and the consumer that sends it. */
    void carries(Producer stream, Consumer subscription) {
        this.producer = stream;
        this.consumer = subscription;
    }

    Producer producer() {
        return producer;
    }

    Consumer consumer() {
        return consumer;
    }

    IceLiteAgent ice() {
        return ice;
    }

    DtlsServerEndpoint dtls() {
        return dtls;
    }

    void dtls(DtlsServerEndpoint endpoint, HandshakeQueue.Request request) {
        this.dtls = endpoint;
        this.handshake = request;
    }

    /**
     * Keeps a DTLS datagram from the proven address until the endpoint exists: a subscriber's browser sends its
     * ClientHello as soon as ICE succeeds, often before its SDP answer (with the fingerprint the endpoint needs) has
     * come through signaling; dropping it would cost a DTLS retransmission timeout (1 s, then 2 s).
     *
     * @return false when the link already holds {@link #EARLY_DTLS_LIMIT} (the datagram is dropped)
     */
    boolean holdEarlyDtls(byte[] datagram) {
        if (earlyDtls.size() >= EARLY_DTLS_LIMIT) {
            return false;
        }
        earlyDtls.addLast(datagram);
        return true;
    }

    /** Holds an SRTP datagram while the handshake is under way; false when there is none, or too much is held. */
    boolean holdEarlySrtp(byte[] datagram, long arrivalNanos) {
        if (dtls == null || gone) {
            return false;
        }
        if (earlySrtp == null) {
            earlySrtp = new ArrayDeque<>();
        }
        if (earlySrtp.size() >= EARLY_SRTP_LIMIT) {
            return false;
        }
        earlySrtp.addLast(new EarlyPacket(datagram, arrivalNanos));
        return true;
    }

    /** The held SRTP datagrams, in arrival order, once; the link holds none after. */
    ArrayDeque<EarlyPacket> takeEarlySrtp() {
        ArrayDeque<EarlyPacket> held = earlySrtp == null ? new ArrayDeque<>() : earlySrtp;
        earlySrtp = null;
        return held;
    }

    /** Hands the held datagrams to the endpoint just made, in arrival order. */
    void releaseEarlyDtls(DtlsServerEndpoint endpoint) {
        for (byte[] datagram = earlyDtls.pollFirst(); datagram != null; datagram = earlyDtls.pollFirst()) {
            endpoint.handle(datagram);
        }
    }

    /** The handshake's place in the {@link HandshakeQueue}, once one was asked for. */
    HandshakeQueue.Request handshake() {
        return handshake;
    }

    /** The {@code a=fingerprint} of the browser's SDP: known from the offer (publisher) or the answer (subscriber). */
    DtlsFingerprint remoteFingerprint() {
        return remoteFingerprint;
    }

    void remoteFingerprint(DtlsFingerprint fingerprint) {
        this.remoteFingerprint = fingerprint;
    }

    InetSocketAddress remote() {
        InetSocketAddress selected = ice.selectedAddress();
        return selected != null ? selected : remote;
    }

    /** The source of the first valid ICE check: proof that the peer holds the ICE password and owns the address. */
    void remote(InetSocketAddress address) {
        this.remote = address;
    }

    /** Whether a valid ICE check has come (nominated or not): the address is proven, DTLS may start. */
    boolean checked() {
        return remote != null;
    }

    /**
     * The browser is the DTLS client: it writes with the client keys, the router with the server keys, both under
     * the profile DTLS negotiated.
     */
    void installKeys(SrtpKeyMaterial material) {
        inbound = new SrtpContext(SrtpKeys.derive(material.profile(), material.clientWriteKey(),
                material.clientWriteSalt()));
        outbound = new SrtpContext(SrtpKeys.derive(material.profile(), material.serverWriteKey(),
                material.serverWriteSalt()));
    }

    boolean secure() {
        return inbound != null && remote() != null;
    }

    SrtpContext inbound() {
        return inbound;
    }

    SrtpContext outbound() {
        return outbound;
    }

    boolean isGone() {
        return gone;
    }

    /** Marks the link gone once and returns what tells signaling; null if it already was gone. */
    Runnable gone() {
        if (gone) {
            return null;
        }
        gone = true;
        return onGone;
    }

    /** Ends the link for good: closes DTLS; signaling is not told (it asked for this). */
    void close() {
        gone = true;
        if (dtls != null) {
            dtls.close();
        }
    }
}

package io.parley.load;

import io.parley.embedded.media.dtls.DtlsCertificate;
import io.parley.embedded.media.dtls.DtlsFingerprint;
import io.parley.embedded.media.dtls.SrtpKeyMaterial;
import io.parley.embedded.media.dtls.TestDtlsClient;
import io.parley.embedded.media.srtp.SrtpContext;
import io.parley.embedded.media.srtp.SrtpKeys;
import io.parley.embedded.media.srtp.SrtpProfile;
import io.parley.embedded.media.stun.StunTypes;
import io.parley.embedded.media.stun.StunWriter;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.UDPTransport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser side of one peer connection with the router, built from Parley's own protocol code: an ICE check as a
 * controlling agent, the DTLS client handshake (BouncyCastle, as the router's tests use), and SRTP contexts from the
 * exported keys. No decoding: the load tool only counts and times packets.
 */
final class MediaPeer implements AutoCloseable {

    /** One certificate for every synthetic peer: generating an ECDSA key per peer would dominate a ramp. */
    static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();

    private final DatagramSocket socket;
    private final String localUfrag;
    private final String routerUfrag;
    private final String routerPassword;
    private final DtlsFingerprint routerFingerprint;
    private SrtpContext outbound;
    private SrtpContext inbound;

    /** @param routerSdp the router's answer (to a publisher) or offer (to a subscriber) */
    MediaPeer(String routerSdp, String localUfrag) throws IOException {
        this.localUfrag = localUfrag;
        this.routerUfrag = attribute(routerSdp, "ice-ufrag");
        this.routerPassword = attribute(routerSdp, "ice-pwd");
        this.routerFingerprint = DtlsFingerprint.parse(attribute(routerSdp, "fingerprint"));
        Matcher candidate = Pattern.compile("a=candidate:\\S+ 1 udp \\d+ (\\S+) (\\d+) typ host").matcher(routerSdp);
        if (!candidate.find()) {
            throw new IOException("the router's SDP has no UDP host candidate");
        }
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        // Loopback only: the router's port on 127.0.0.1, whichever address it announces to browsers elsewhere.
        socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(candidate.group(2))));
        socket.setReceiveBufferSize(1 << 20);
    }

    /** ICE until the router answers a nominating check, then the DTLS handshake; SRTP is ready afterwards. */
    void connect() throws IOException {
        byte[] buffer = new byte[1500];
        DatagramPacket response = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(100);
        for (int attempt = 0; ; attempt++) {
            sendConsent();
            try {
                socket.receive(response);
                if ((buffer[0] & 0xFF) <= 3) {
                    break;
                }
            } catch (SocketTimeoutException e) {
                if (attempt == 50) {
                    throw new IOException("the router never answered an ICE check", e);
                }
            }
        }
        socket.setSoTimeout(10_000);
        TestDtlsClient client = new TestDtlsClient(CERTIFICATE, routerFingerprint,
                SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsId());
        new DTLSClientProtocol().connect(client, new UDPTransport(socket, 1500));
        SrtpKeyMaterial keys = client.exportKeys();
        // the router is the DTLS server: this end writes with the client's keys and reads with the server's
        outbound = new SrtpContext(SrtpKeys.derive(keys.profile(), keys.clientWriteKey(), keys.clientWriteSalt()));
        inbound = new SrtpContext(SrtpKeys.derive(keys.profile(), keys.serverWriteKey(), keys.serverWriteSalt()));
        socket.setSoTimeout(500);
    }

    /** A nominating binding request; repeated every few seconds it is also RFC 7675 consent. */
    void sendConsent() throws IOException {
        byte[] transactionId = new byte[12];
        ThreadLocalRandom.current().nextBytes(transactionId);
        byte[] check = new StunWriter().start(StunTypes.BINDING_REQUEST, transactionId)
                .username(routerUfrag + ":" + localUfrag)
                .priority(0x6e7f1eff)
                .iceControlling(ThreadLocalRandom.current().nextLong())
                .useCandidate()
                .messageIntegrity(routerPassword.getBytes(StandardCharsets.US_ASCII))
                .fingerprint()
                .toByteArray();
        socket.send(new DatagramPacket(check, check.length));
    }

    /** Protects and sends one RTP packet built in {@code packet[0, length)}, which needs room for the auth tag. */
    void sendRtp(byte[] packet, int length) throws IOException {
        int protectedLength = outbound.protect(packet, 0, length);
        socket.send(new DatagramPacket(packet, protectedLength));
    }

    void sendRtcp(byte[] packet, int length) throws IOException {
        int protectedLength = outbound.protectRtcp(packet, 0, length);
        socket.send(new DatagramPacket(packet, protectedLength));
    }

    /** Receives one datagram into {@code datagram}; false on a timeout. */
    boolean receive(DatagramPacket datagram) throws IOException {
        try {
            socket.receive(datagram);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Decrypts an SRTP packet in place: its plaintext length, or negative when it does not authenticate. */
    int unprotectRtp(byte[] packet, int length) {
        return inbound.unprotect(packet, 0, length);
    }

    int unprotectRtcp(byte[] packet, int length) {
        return inbound.unprotectRtcp(packet, 0, length);
    }

    int rtpOverhead() {
        return outbound.rtpOverhead();
    }

    @Override
    public void close() {
        socket.close();
    }

    static String attribute(String sdp, String name) throws IOException {
        Matcher m = Pattern.compile("a=" + name + ":([^\r\n]+)").matcher(sdp);
        if (!m.find()) {
            throw new IOException("no a=" + name + " in the router's SDP");
        }
        return m.group(1).strip();
    }
}

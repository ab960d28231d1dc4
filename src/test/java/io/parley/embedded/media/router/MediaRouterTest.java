package io.parley.embedded.media.router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.embedded.media.dtls.DtlsCertificate;
import io.parley.embedded.media.dtls.DtlsFingerprint;
import io.parley.embedded.media.srtp.SrtpProfile;
import io.parley.embedded.media.dtls.TestDtlsClient;
import io.parley.embedded.media.sdp.ChromeSdp;
import io.parley.embedded.media.stun.StunTypes;
import io.parley.embedded.media.stun.StunWriter;
import io.vertx.core.Vertx;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.UDPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router on a real UDP port, with test peers that speak real ICE (STUN checks with the router's credentials) and
 * real DTLS (BouncyCastle's client): handshakes start only after a valid check and within each share of the handshake
 * threads, so a flood from one session and address leaves another session's handshake alone; and whatever a peer
 * does, once every link is closed the router holds no transport.
 */
class MediaRouterTest {

    private static final DtlsCertificate BROWSER = DtlsCertificate.generate();
    private static final String ATTACKER_ADDRESS = "127.0.0.2";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private Vertx vertx;
    private SimpleMeterRegistry registry;
    private MediaRouter router;
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final AtomicInteger gone = new AtomicInteger();

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        registry = new SimpleMeterRegistry();
        router = new MediaRouter(new MediaConfig() {
            @Override
            public int port() {
                return 0;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public Optional<List<String>> announcedAddresses() {
                return Optional.of(List.of("127.0.0.1"));
            }

            @Override
            public Tcp tcp() {
                return new Tcp() {
                    @Override
                    public boolean enabled() {
                        return true;
                    }

                    @Override
                    public int port() {
                        return 0;
                    }

                    @Override
                    public int maxConnections() {
                        return 16;
                    }

                    @Override
                    public int maxConnectionsPerAddress() {
                        return 8;
                    }
                };
            }

            @Override
            public boolean transportCc() {
                return true;
            }

            @Override
            public boolean simulcast() {
                return false;
            }

            @Override
            public int testReceiveLossPercent() {
                return 0;
            }
        }, registry);
        router.open();
    }

    @AfterEach
    void close() throws Exception {
        sockets.forEach(DatagramSocket::close);
        router.stop(null);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFloodOfHandshakesFromOneSessionAndAddressLeavesAnotherSessionsHandshakeAlone() throws Exception {
        // 70 publishers that pass ICE and never say ClientHello: each handshake would hold a thread for 10 s
        List<String> attackLinks = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            String linkId = "attack-" + i;
            Peer attacker = publish("attack-session", linkId, ATTACKER_ADDRESS);
            attacker.check();
            attackLinks.add(linkId);
        }
        MediaRouter.Census flooded = awaitCensus(c -> c.handshakesRunning() + c.handshakesWaiting() >= 70);
        assertThat(flooded.handshakesRunning()).as("the attacker's share").isEqualTo(MediaRouter.HANDSHAKES_PER_SHARE);

        Peer victim = publish("victim-session", "victim", "127.0.0.1");
        victim.check();
        DTLSTransport dtls = victim.handshake();
        assertThat(dtls).as("the victim completed DTLS with the router").isNotNull();
        assertThat(gone.get()).as("no link was lost").isZero();

        attackLinks.forEach(router::close);
        router.close("victim");
        MediaRouter.Census after = awaitCensus(c -> c.links() == 0 && c.handshakesRunning() == 0);
        assertThat(after).isEqualTo(new MediaRouter.Census(0, 0, 0, 0, 0));
        assertThat(registry.get("parley.media.transports.active").gauge().value()).isZero();
    }

    @Test
    void aHandshakeStartsOnlyAfterAValidIceCheck() throws Exception {
        Peer silent = publish("s", "silent", "127.0.0.1");
        Peer forged = publish("s", "forged", "127.0.0.1");
        Peer checked = publish("s", "checked", "127.0.0.1");
        checked.check();
        // the router has taken all three links (it answered a check of the last): the forged check reaches its agent
        forged.send(forged.checkWith("wrong-password-0123456789"));

        MediaRouter.Census census = awaitCensus(c -> c.handshakesRunning() == 1);
        assertThat(census.links()).isEqualTo(3);
        assertThat(census.handshakesWaiting()).isZero();
        assertThat(checked.handshake()).isNotNull();
        assertThat(awaitCensus(c -> c.handshakesRunning() == 0).handshakesWaiting())
                .as("the silent and the forged peer never asked for one").isZero();
        // the ICE agent's own reason is exported beside the transport's
        long deadline = System.nanoTime() + WAIT.toNanos();
        double badIntegrity;
        do {
            badIntegrity = registry.get("parley.media.drops").tags("layer", "ice", "reason", "bad_integrity")
                    .functionCounter().count();
            Thread.sleep(5);
        } while (badIntegrity == 0 && System.nanoTime() < deadline);
        assertThat(badIntegrity).isEqualTo(1.0);
        router.close(silent.linkId());
    }

    /** What an archive's recorder hears of a session's streams, in order. */
    private static final class Observer implements RtpObserver {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void streamStarted(String streamId, boolean hasAudio, boolean hasVideo) {
            events.add("started " + streamId);
        }

        @Override
        public void onRtp(String streamId, boolean video, byte[] packet, int length, long arrivalNanos) {
        }

        @Override
        public void onSenderReport(String streamId, boolean video, long ntpTimestamp, long rtpTimestamp) {
        }

        @Override
        public void streamEnded(String streamId) {
            events.add("ended " + streamId);
        }
    }

    @Test
    void twoArchivesOfOneSessionEachHearOfItsStreamsAndOneLeavingLeavesTheOther() throws Exception {
        publish("s", "cam", "127.0.0.1");
        Observer first = new Observer();
        Observer second = new Observer();
        router.tap("s", first);
        router.tap("s", second);
        awaitEvents(second, List.of("started stream-cam"));
        assertThat(first.events).containsExactly("started stream-cam");

        publish("s", "late", "127.0.0.1");
        awaitEvents(second, List.of("started stream-cam", "started stream-late"));

        router.untap("s", first);
        awaitEvents(first, List.of("started stream-cam", "started stream-late", "ended stream-cam",
                "ended stream-late"));
        router.close("cam");
        awaitEvents(second, List.of("started stream-cam", "started stream-late", "ended stream-cam"));
        assertThat(first.events).as("an observer that left hears nothing more").hasSize(4);
        router.untap("s", second);
        awaitEvents(second, List.of("started stream-cam", "started stream-late", "ended stream-cam",
                "ended stream-late"));
    }

    /** In any order: the router walks its streams in no particular order. */
    private static void awaitEvents(Observer observer, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && !observer.events.stream().sorted().toList().equals(expected.stream().sorted().toList())) {
            Thread.sleep(10);
        }
        assertThat(observer.events).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aSecondOfferOnALinkAddsNoTransportAndClosingLeavesNothing() throws Exception {
        Peer peer = publish("s", "link", "127.0.0.1");
        for (int i = 0; i < 20; i++) {
            router.publish("s", "stream-link", "link", offer(), gone::incrementAndGet);
        }
        peer.check();
        assertThat(peer.handshake()).isNotNull();
        assertThat(awaitCensus(c -> c.handshakesRunning() == 0).links()).isEqualTo(1);

        router.close("link");
        router.close("link");
        assertThat(awaitCensus(c -> c.links() == 0)).isEqualTo(new MediaRouter.Census(0, 0, 0, 0, 0));
    }

    @Test
    void aSubscriptionOfferedBeforeItsPublisherHasOfferedStillCarriesTheAudioLevel() {
        // streamCreated goes out when publishing is asked for, so a quick subscriber's offer can come first
        String routerOffer = router.subscribe("s", "stream-early", "early", "viewer", gone::incrementAndGet);
        assertThat(routerOffer).contains("a=extmap:" + ExtensionIds.AUDIO_LEVEL + " urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        router.close("early");
    }

    @Test
    void aSubscribersClientHelloThatOvertakesItsAnswerIsKeptNotDropped() throws Exception {
        String routerOffer = router.subscribe("s", "stream-x", "sub", "viewer", gone::incrementAndGet);
        Peer subscriber = new Peer("sub", socket("127.0.0.1"), routerOffer);
        subscriber.check();
        double packetsBefore = registry.get("parley.media.packets").tag("direction", "in").functionCounter().count();
        java.util.concurrent.CompletableFuture<DTLSTransport> dtls = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return subscriber.handshake();
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
        // the ClientHello has reached the router before the answer does, as it often does from a browser
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (registry.get("parley.media.packets").tag("direction", "in").functionCounter().count() <= packetsBefore
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        router.answer("sub", routerOffer, subscriberAnswer());

        assertThat(dtls.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        for (String reason : List.of("unknown_address", "not_ready")) {
            assertThat(registry.get("parley.media.drops").tag("reason", reason).functionCounter().count())
                    .as("DTLS datagrams dropped as " + reason).isZero();
        }
        router.close("sub");
    }

    @Test
    void racingNegotiationAndCloseAgainstPacketsLeavesNoTransport() throws Exception {
        InetSocketAddress port = new InetSocketAddress("127.0.0.1", router.port());
        DatagramSocket noise = socket("127.0.0.1");
        List<Thread> threads = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < until) {
                    String link = "race-" + thread + "-" + n++;
                    try {
                        if (n % 2 == 0) {
                            router.publish("race", "stream-" + thread, link, offer(), gone::incrementAndGet);
                        } else {
                            String routerOffer = router.subscribe("race", "stream-" + thread, link, "viewer-" + thread,
                                    gone::incrementAndGet);
                            router.answer(link, routerOffer, subscriberAnswer());
                        }
                        router.close(link);
                    } catch (RuntimeException e) {
                        if (failures.incrementAndGet() == 1) {
                            e.printStackTrace();
                        }
                    }
                }
            }, "race-" + t));
        }
        threads.forEach(Thread::start);
        byte[] garbage = new byte[200];
        while (System.nanoTime() < until) {
            ThreadLocalRandom.current().nextBytes(garbage);
            noise.send(new DatagramPacket(garbage, garbage.length, port));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures.get()).isZero();
        assertThat(awaitCensus(c -> c.links() == 0)).isEqualTo(new MediaRouter.Census(0, 0, 0, 0, 0));
        assertThat(registry.get("parley.media.transports.active").gauge().value()).isZero();
    }

    // --- test peers -------------------------------------------------------------------------------------------

    private MediaRouter.Census awaitCensus(java.util.function.Predicate<MediaRouter.Census> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        MediaRouter.Census census;
        do {
            census = router.census().get(5, TimeUnit.SECONDS);
            if (done.test(census)) {
                return census;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("router never reached the expected state; last " + census);
    }

    /**
     * A browser that reaches only the TCP port (RFC 6544 passive candidate, RFC 4571 frames): its ICE check and its
     * DTLS handshake complete over one connection. A connection that sends a frame no browser sends is closed, and
     * counted; the working one carries on.
     */
    @Test
    void aPeerThatReachesOnlyTheTcpPortConnectsOverIt() throws Exception {
        String answer = router.publish("tcp-session", "stream-tcp", "tcp", offer(), gone::incrementAndGet);
        Matcher candidate = Pattern.compile("a=candidate:\\S+ 1 tcp \\d+ 127\\.0\\.0\\.1 (\\d+) typ host tcptype passive")
                .matcher(answer);
        assertThat(candidate.find()).as("a passive TCP candidate in %s", answer).isTrue();
        assertThat(Integer.parseInt(candidate.group(1))).isEqualTo(router.tcpPort());

        try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", router.tcpPort());
             java.net.Socket hostile = new java.net.Socket("127.0.0.1", router.tcpPort())) {
            FramedTcp framed = new FramedTcp(tcp);
            Peer peer = new Peer("tcp", null, answer);
            framed.send(peer.checkWith(attributeOf(answer, "ice-pwd")), 0, -1);
            byte[] response = new byte[1500];
            assertThat(framed.receive(response, 0, response.length, 5000)).as("a framed STUN response").isPositive();
            assertThat(response[0] & 0xFF).as("a STUN response").isLessThanOrEqualTo(3);

            TestDtlsClient client = new TestDtlsClient(BROWSER, DtlsFingerprint.parse(attributeOf(answer,
                    "fingerprint")), SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsId());
            assertThat(new DTLSClientProtocol().connect(client, framed)).as("DTLS over TCP").isNotNull();

            hostile.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3});
            hostile.setSoTimeout(5000);
            assertThat(hostile.getInputStream().read()).as("the hostile connection is closed").isEqualTo(-1);
            assertThat(registry.get("parley.media.drops").tags("layer", "tcp", "reason", "bad_frame")
                    .functionCounter().count()).isEqualTo(1);

            framed.send(peer.checkWith(attributeOf(answer, "ice-pwd")), 0, -1);
            int n;
            do {
                n = framed.receive(response, 0, response.length, 5000);
            } while (n > 0 && (response[0] & 0xFF) > 3);
            assertThat(n).as("the first connection still answers ICE").isPositive();
            assertThat(gone.get()).isZero();
        }
        router.close("tcp");
        awaitCensus(c -> c.links() == 0);
    }

    private static String attributeOf(String sdp, String name) {
        Matcher m = Pattern.compile("a=" + name + ":([^\r\n]+)").matcher(sdp);
        assertThat(m.find()).as("a=%s", name).isTrue();
        return m.group(1).strip();
    }

    /** A browser's side of RFC 4571 framing, as BouncyCastle's DTLS client takes a transport. */
    private static final class FramedTcp implements org.bouncycastle.tls.DatagramTransport {
        private final java.net.Socket socket;
        private final java.io.DataInputStream in;
        private final java.io.OutputStream out;

        FramedTcp(java.net.Socket socket) throws java.io.IOException {
            this.socket = socket;
            this.in = new java.io.DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1400;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws java.io.IOException {
            socket.setSoTimeout(Math.max(1, waitMillis));
            try {
                int length = in.readUnsignedShort();
                byte[] frame = new byte[length];
                in.readFully(frame);
                System.arraycopy(frame, 0, buf, off, Math.min(len, length));
                return Math.min(len, length);
            } catch (java.net.SocketTimeoutException e) {
                return -1;
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws java.io.IOException {
            int length = len < 0 ? buf.length : len;
            byte[] frame = new byte[2 + length];
            frame[0] = (byte) (length >>> 8);
            frame[1] = (byte) length;
            System.arraycopy(buf, off, frame, 2, length);
            out.write(frame);
            out.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    private Peer publish(String sessionId, String linkId, String address) throws Exception {
        String answer = router.publish(sessionId, "stream-" + linkId, linkId, offer(), gone::incrementAndGet);
        return new Peer(linkId, socket(address), answer);
    }

    private DatagramSocket socket(String address) throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        socket.setSoTimeout(5000);
        sockets.add(socket);
        return socket;
    }

    /** Chrome's publisher offer, with this test's DTLS certificate as the browser's. */
    private static String offer() {
        return ChromeSdp.PUBLISHER_OFFER.replaceAll("a=fingerprint:[^\r\n]+", "a=fingerprint:" + BROWSER.sdpFingerprint());
    }

    /** Chrome's answer to a router offer, less the RTX the router no longer offers, with this test's certificate. */
    private static String subscriberAnswer() {
        return ChromeSdp.SUBSCRIBER_ANSWER
                .replace("m=video 9 UDP/TLS/RTP/SAVPF 96 97", "m=video 9 UDP/TLS/RTP/SAVPF 96")
                .replaceAll("a=(rtpmap|fmtp|rtcp-fb):97[^\r\n]*\r\n", "")
                .replaceAll("a=fingerprint:[^\r\n]+", "a=fingerprint:" + BROWSER.sdpFingerprint());
    }

    /** One browser-side peer connection: its socket and what the router's answer told it. */
    private final class Peer {
        private final String linkId;
        private final DatagramSocket socket;
        private final String ufrag;
        private final String password;
        private final DtlsFingerprint routerFingerprint;

        Peer(String linkId, DatagramSocket socket, String answer) throws Exception {
            this.linkId = linkId;
            this.socket = socket;
            this.ufrag = attribute(answer, "ice-ufrag");
            this.password = attribute(answer, "ice-pwd");
            this.routerFingerprint = DtlsFingerprint.parse(attribute(answer, "fingerprint"));
            if (socket != null) {
                socket.connect(new InetSocketAddress("127.0.0.1", router.port()));
            }
        }

        String linkId() {
            return linkId;
        }

        /**
         * A browser's nominating check (RFC 8445 §7.2.2) until the router answers it, retransmitted as a browser
         * does: the router takes a new link on its media thread, which may read the first check before it.
         */
        void check() throws Exception {
            byte[] buffer = new byte[1500];
            DatagramPacket response = new DatagramPacket(buffer, buffer.length);
            socket.setSoTimeout(100);
            try {
                for (int attempt = 0; ; attempt++) {
                    send(checkWith(password));
                    try {
                        socket.receive(response);
                        break;
                    } catch (java.net.SocketTimeoutException e) {
                        if (attempt == 20) {
                            throw new AssertionError("the router never answered a valid check", e);
                        }
                    }
                }
            } finally {
                socket.setSoTimeout(5000);
            }
            assertThat(buffer[0] & 0xFF).as("a STUN response").isLessThanOrEqualTo(3);
        }

        byte[] checkWith(String key) {
            byte[] transactionId = new byte[12];
            ThreadLocalRandom.current().nextBytes(transactionId);
            return new StunWriter().start(StunTypes.BINDING_REQUEST, transactionId)
                    .username(ufrag + ":Jx3q")
                    .priority(0x6e7f1eff)
                    .iceControlling(ThreadLocalRandom.current().nextLong())
                    .useCandidate()
                    .messageIntegrity(key.getBytes(StandardCharsets.US_ASCII))
                    .fingerprint()
                    .toByteArray();
        }

        void send(byte[] datagram) throws Exception {
            socket.send(new DatagramPacket(datagram, datagram.length));
        }

        /** The browser's DTLS client handshake over this socket; the router must complete it. */
        DTLSTransport handshake() throws Exception {
            TestDtlsClient client = new TestDtlsClient(BROWSER, routerFingerprint,
                    SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsId());
            return new DTLSClientProtocol().connect(client, new UDPTransport(socket, 1500));
        }

        private static String attribute(String sdp, String name) {
            Matcher m = Pattern.compile("a=" + name + ":([^\r\n]+)").matcher(sdp);
            assertThat(m.find()).as("a=%s in %s", name, sdp).isTrue();
            return m.group(1).strip();
        }
    }
}

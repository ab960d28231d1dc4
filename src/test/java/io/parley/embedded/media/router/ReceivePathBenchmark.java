package io.parley.embedded.media.router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.embedded.media.dtls.SrtpKeyMaterial;
import io.parley.embedded.media.ice.IceCredentials;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.srtp.SrtpContext;
import io.parley.embedded.media.srtp.SrtpKeys;
import io.parley.embedded.media.srtp.SrtpProfile;
import io.parley.embedded.media.stun.StunTypes;
import io.parley.embedded.media.stun.StunWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The router's real receive path, socket to socket: a burst of eight 1,200-byte SRTP packets (a video frame) sent
 * over 127.0.0.1 to the router's {@link MediaPort}, read by its media thread, demultiplexed by address, decrypted,
 * and forwarded to N subscribers' sockets; one operation ends when the last subscriber has received the burst. Unlike
 * {@link ForwardingBenchmark} it includes the datagram socket, the media thread waking, and the send system calls.
 * Run through {@code io.parley.bench.Benchmarks}; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReceivePathBenchmark {

    private static final int PAYLOAD_TYPE = 96;
    private static final int BURST = 8;

    @Param({"1", "4", "16"})
    public int subscribers;

    private final byte[] template = new byte[1200];
    private final byte[] packet = new byte[1300];
    private final byte[] received = new byte[1500];
    private final List<DatagramSocket> sinks = new ArrayList<>();
    private MediaPort port;
    private DatagramSocket browser;
    private DatagramSocket lastSink;
    private SrtpContext browserSrtp;
    private int sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Random random = new Random(7);
        MediaMetrics metrics = new MediaMetrics(new SimpleMeterRegistry());
        Producer stream = new Producer("stream");
        port = new MediaPort(metrics);
        Forwarder forwarder = new Forwarder(port, metrics, 0);
        port.listen("127.0.0.1", 0, new MediaPort.Receiver() {
            @Override
            public void onSrtp(WebRtcTransport link, byte[] datagram, int length, long arrivalNanos) {
                forwarder.fromPublisher(stream, link, datagram, length, arrivalNanos);
            }

            @Override
            public void onConnectivity(WebRtcTransport link) {
            }
        });
        SrtpKeyMaterial publisherKeys = keys(random);
        browserSrtp = new SrtpContext(SrtpKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                publisherKeys.clientWriteKey(), publisherKeys.clientWriteSalt()));
        IceCredentials local = IceCredentials.generate();
        IceLiteAgent agent = new IceLiteAgent(local, new IceDropCounts(), System.nanoTime());
        agent.setRemoteUfrag("bench");
        WebRtcTransport publisher = new WebRtcTransport("session", "publisher", WebRtcTransport.Kind.PUBLISHER,
                agent, () -> { });
        publisher.installKeys(publisherKeys);
        stream.publisher("session", publisher, PAYLOAD_TYPE, 111, ExtensionIds.translation(java.util.OptionalInt.of(1)));
        for (int i = 0; i < subscribers; i++) {
            DatagramSocket sink = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            sink.setReceiveBufferSize(1 << 20);
            sinks.add(sink);
            WebRtcTransport subscriber = new WebRtcTransport("session", "subscriber-" + i,
                    WebRtcTransport.Kind.SUBSCRIBER,
                    new IceLiteAgent(IceCredentials.generate(), new IceDropCounts(), System.nanoTime()), () -> { });
            subscriber.remote((InetSocketAddress) sink.getLocalSocketAddress());
            subscriber.installKeys(keys(random));
            stream.add(new Consumer(subscriber, 1000 + i, 2000 + i, PAYLOAD_TYPE, 111));
        }
        lastSink = sinks.get(sinks.size() - 1);
        lastSink.setSoTimeout(1000);
        CountDownLatch registered = new CountDownLatch(1);
        port.loop().execute(() -> {
            port.register(publisher);
            registered.countDown();
        });
        registered.await(5, TimeUnit.SECONDS);
        browser = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        browser.connect(new InetSocketAddress("127.0.0.1", port.port()));
        browser.setSoTimeout(1000);
        // a valid ICE check proves the browser's address, as it would in a call
        byte[] check = new StunWriter().start(StunTypes.BINDING_REQUEST, new byte[12])
                .username(local.ufrag() + ":bench").priority(0x6e7f1eff).iceControlling(1).useCandidate()
                .messageIntegrity(local.password().getBytes(StandardCharsets.US_ASCII)).fingerprint().toByteArray();
        browser.send(new DatagramPacket(check, check.length));
        browser.receive(new DatagramPacket(received, received.length));
        random.nextBytes(template);
        template[0] = (byte) 0x80;
        template[1] = (byte) PAYLOAD_TYPE;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        port.close();
        browser.close();
        sinks.forEach(DatagramSocket::close);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int forwardOneFrame() throws IOException {
        for (int i = 0; i < BURST; i++) {
            System.arraycopy(template, 0, packet, 0, template.length);
            int seq = sequence++ & 0xFFFF;
            packet[2] = (byte) (seq >> 8);
            packet[3] = (byte) seq;
            int length = browserSrtp.protect(packet, 0, template.length);
            browser.send(new DatagramPacket(packet, length));
        }
        int got = 0;
        DatagramPacket datagram = new DatagramPacket(received, received.length);
        try {
            while (got < BURST) {
                lastSink.receive(datagram);
                got++;
            }
        } catch (SocketTimeoutException e) {
            // a packet lost on loopback under load: the operation ends without it, and is slower for it
        }
        return got;
    }

    private static SrtpKeyMaterial keys(Random random) {
        byte[] exported = new byte[60];
        random.nextBytes(exported);
        return SrtpKeyMaterial.fromExporter(SrtpProfile.AES_CM_128_HMAC_SHA1_80, exported);
    }
}

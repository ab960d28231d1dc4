package io.parley.embedded.media.router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.embedded.media.dtls.SrtpKeyMaterial;
import io.parley.embedded.media.ice.IceCredentials;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.srtp.SrtpContext;
import io.parley.embedded.media.srtp.SrtpKeys;
import io.parley.embedded.media.srtp.SrtpProfile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The router's forwarding path on one core: a publisher's 1,200-byte SRTP packet in, decrypted once, kept for
 * retransmission, and re-encrypted for each of N subscribers. Each operation also protects the incoming packet (as
 * the publisher's browser would), so subtract SrtpBenchmark's protect cost to see the router's own share.
 * Run through {@code io.parley.bench.Benchmarks}; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ForwardingBenchmark {

    private static final int PAYLOAD_TYPE = 96;

    @Param({"1", "4", "16"})
    public int subscribers;

    private final byte[] template = new byte[1200];
    private final byte[] packet = new byte[1300];
    private SrtpContext browser;
    private Producer stream;
    private WebRtcTransport publisher;
    private Forwarder forwarder;
    private int sequence;
    private long sent;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(7);
        SrtpKeyMaterial publisherKeys = keys(random);
        browser = new SrtpContext(SrtpKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                publisherKeys.clientWriteKey(), publisherKeys.clientWriteSalt()));
        publisher = link("publisher", WebRtcTransport.Kind.PUBLISHER, publisherKeys);
        stream = new Producer("stream");
        stream.publisher("session", publisher, PAYLOAD_TYPE, 111, ExtensionIds.translation(java.util.OptionalInt.of(1)));
        for (int i = 0; i < subscribers; i++) {
            WebRtcTransport subscriber = link("subscriber-" + i, WebRtcTransport.Kind.SUBSCRIBER, keys(random));
            stream.add(new Consumer(subscriber, 1000 + i, 2000 + i, PAYLOAD_TYPE, 111));
        }
        forwarder = new Forwarder((to, bytes, length) -> sent += length, new MediaMetrics(new SimpleMeterRegistry()),
                0);
        random.nextBytes(template);
        template[0] = (byte) 0x80;
        template[1] = (byte) PAYLOAD_TYPE;
    }

    @Benchmark
    public long forwardOnePacket() {
        System.arraycopy(template, 0, packet, 0, template.length);
        int seq = sequence++ & 0xFFFF;
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        int length = browser.protect(packet, 0, template.length);
        forwarder.fromPublisher(stream, publisher, packet, length);
        return sent;
    }

    private static WebRtcTransport link(String id, WebRtcTransport.Kind kind, SrtpKeyMaterial keys) {
        WebRtcTransport link = new WebRtcTransport("session", id, kind,
                new IceLiteAgent(IceCredentials.generate(), new IceDropCounts(), System.nanoTime()), () -> { });
        link.remote(new InetSocketAddress("127.0.0.1", 50000));
        link.installKeys(keys);
        return link;
    }

    private static SrtpKeyMaterial keys(Random random) {
        byte[] exported = new byte[60];
        random.nextBytes(exported);
        return SrtpKeyMaterial.fromExporter(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                exported);
    }
}

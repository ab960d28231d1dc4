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
    private static final int LAYERS = 3;
    private static final byte[] RIDS = {'q', 'h', 'f'};
    /** The publisher's id of its transport-wide sequence numbers. */
    private static final int TRANSPORT_ID = 3;

    @Param({"1", "4", "16"})
    public int subscribers;

    /**
     * With simulcast the publisher sends three layers (one packet each per operation) and each subscriber takes one
     * of them, renumbered: N packets out per operation either way, for three in instead of one.
     */
    @Param({"false", "true"})
    public boolean simulcast;

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
        stream.publisher("session", publisher, PAYLOAD_TYPE, 111, ExtensionIds.translation(java.util.OptionalInt.of(1),
                java.util.OptionalInt.of(TRANSPORT_ID)));
        if (simulcast) {
            stream.simulcast(java.util.List.of("q", "h", "f"), 10, 11);
        }
        for (int i = 0; i < subscribers; i++) {
            WebRtcTransport subscriber = link("subscriber-" + i, WebRtcTransport.Kind.SUBSCRIBER, keys(random));
            Consumer consumer = new Consumer(subscriber, 1000 + i, 2000 + i, PAYLOAD_TYPE, 111);
            stream.add(consumer);
            // subscribers spread over the layers, each already switched (a key frame came)
            consumer.selection().target(i % LAYERS);
        }
        forwarder = new Forwarder((to, bytes, length) -> sent += length, new MediaMetrics(new SimpleMeterRegistry()),
                0);
        random.nextBytes(template);
        // RTP with two header extension words (the rid, id 10, which names a layer until its SSRC is known, and the
        // transport-wide sequence number, which each subscription numbers anew), then a VP8 descriptor with a 15-bit
        // picture id starting a key frame, so each selection takes its layer at once
        byte[] header = {(byte) 0x90, (byte) PAYLOAD_TYPE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                (byte) 0xBE, (byte) 0xDE, 0, 2, (byte) 0xA0, 'q', (byte) (TRANSPORT_ID << 4 | 1), 0, 0, 0, 0, 0,
                (byte) 0x90, (byte) 0x80, (byte) 0x80, 0, 0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a};
        System.arraycopy(header, 0, template, 0, header.length);
        if (simulcast) {
            for (int layer = 0; layer < LAYERS; layer++) {
                send(layer);
            }
        }
    }

    private void send(int layer) {
        System.arraycopy(template, 0, packet, 0, template.length);
        int seq = sequence++ & 0xFFFF;
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        packet[11] = (byte) (layer + 1);
        packet[17] = RIDS[layer];
        packet[19] = (byte) (seq >> 8);
        packet[20] = (byte) seq;
        packet[27] = (byte) seq;
        int length = browser.protect(packet, 0, template.length);
        forwarder.fromPublisher(stream, publisher, packet, length);
    }

    /** One packet in, to all N; with simulcast one packet of each layer, each to the subscribers on it. */
    @Benchmark
    public long forwardOnePacket() {
        if (simulcast) {
            for (int layer = 0; layer < LAYERS; layer++) {
                send(layer);
            }
        } else {
            send(0);
        }
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

package io.parley.embedded.media.router;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.parley.embedded.media.dtls.DtlsDropCounts;
import io.parley.embedded.media.dtls.DtlsDropReason;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceDropReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The router's counters, exported at /q/metrics. Each is a {@link Count} that Micrometer reads when scraped, so
 * counting a packet is one uncontended add: a registry counter (composite, then Prometheus) cost several times that
 * per packet, a measurable share of the router's CPU at low packet rates.
 */
public final class MediaMetrics {

    static final String DROPS = "parley.media.drops";
    /** Layers a publisher may send, as many as the router's offers take. */
    static final int MAX_LAYERS = 3;

    /** Why a packet was not forwarded, and at which layer of the stack it was stopped. */
    public enum Drop {
        UNKNOWN_PROTOCOL("udp"), MALFORMED_STUN("stun"), STUN_REJECTED("stun"), UNKNOWN_ADDRESS("udp"),
        DTLS_QUEUE_FULL("dtls"), NOT_READY("udp"), DECRYPT_FAILED("srtp"), MALFORMED_RTP("rtp"),
        MALFORMED_RTCP("rtcp"), NO_SUBSCRIBERS("rtp"), TEST_LOSS("rtp"), SEND_FAILED("udp"),
        TOO_MANY_CONNECTIONS("tcp"), BAD_FRAME("tcp"), UNCHECKED_TIMEOUT("tcp"), IDLE_TIMEOUT("tcp"),
        SEND_QUEUE_FULL("tcp"), RTX_UNNEEDED("rtp"), UNKNOWN_LAYER("rtp"),
        /** A NACKed packet of a layer the subscriber was switched away from: its decoder restarts at the key frame. */
        SUPERSEDED_LAYER("rtcp");

        private final String layer;

        Drop(String layer) {
            this.layer = layer;
        }
    }

    /** A monotonic count, added to from any thread. */
    static final class Count {
        private final LongAdder adder = new LongAdder();

        void increment() {
            adder.increment();
        }

        void increment(long amount) {
            adder.add(amount);
        }

        double value() {
            return adder.sum();
        }
    }

    final Count packetsIn = new Count();
    final Count packetsOut = new Count();
    final Count bytesIn = new Count();
    final Count bytesOut = new Count();
    final Count decryptFailures = new Count();
    final Count nacksReceived = new Count();
    final Count nacksSent = new Count();
    final Count retransmissions = new Count();
    final Count keyFrameRequests = new Count();
    final Count senderReportsForwarded = new Count();
    final Count rtxReceived = new Count();
    final Count layerSwitchesUp = new Count();
    final Count layerSwitchesDown = new Count();
    final Count freezes = new Count();
    final Count frozenNanos = new Count();
    final Count transportFeedbackSent = new Count();
    final Count transportFeedbackReceived = new Count();
    final Count standingQueues = new Count();
    final Count paddingBytes = new Count();
    final Count heldPackets = new Count();
    final AtomicInteger activeTransports = new AtomicInteger();
    final AtomicInteger tcpConnections = new AtomicInteger();
    private final Map<Drop, Count> drops = new EnumMap<>(Drop.class);
    /** Video subscriptions on each simulcast layer (index 0 the lowest), without simulcast, and with no video. */
    private final AtomicInteger[] onLayer = new AtomicInteger[MAX_LAYERS];
    private final AtomicInteger withoutSimulcast = new AtomicInteger();
    private final AtomicInteger withoutVideo = new AtomicInteger();
    private final DistributionSummary downlinkBitrate;
    private final DistributionSummary downlinkQueueing;
    /** A queueing older than this is not one to record: the subscriber sends no feedback, or none lately. */
    private static final long QUEUEING_MAX_AGE_NANOS = 1_000_000_000L;


    public MediaMetrics(MeterRegistry registry) {
        export(registry, "parley.media.packets", packetsIn, "direction", "in");
        export(registry, "parley.media.packets", packetsOut, "direction", "out");
        export(registry, "parley.media.bytes", bytesIn, "direction", "in");
        export(registry, "parley.media.bytes", bytesOut, "direction", "out");
        export(registry, "parley.media.decrypt.failures", decryptFailures);
        export(registry, "parley.media.nacks", nacksReceived, "direction", "in");
        export(registry, "parley.media.nacks", nacksSent, "direction", "out");
        export(registry, "parley.media.retransmissions", retransmissions, "direction", "out");
        export(registry, "parley.media.retransmissions", rtxReceived, "direction", "in");
        export(registry, "parley.media.plis", keyFrameRequests);
        export(registry, "parley.media.sender.reports", senderReportsForwarded);
        export(registry, "parley.media.layer.switches", layerSwitchesUp, "direction", "up");
        export(registry, "parley.media.layer.switches", layerSwitchesDown, "direction", "down");
        export(registry, "parley.media.freezes", freezes);
        FunctionCounter.builder("parley.media.freeze.seconds", frozenNanos, count -> count.value() / 1e9)
                .description("How long subscribers' video was frozen, in freezes that ended").register(registry);
        for (int i = 0; i < MAX_LAYERS; i++) {
            onLayer[i] = new AtomicInteger();
            registry.gauge("parley.media.subscriptions", Tags.of("layer", Integer.toString(i)), onLayer[i]);
        }
        registry.gauge("parley.media.subscriptions", Tags.of("layer", "single"), withoutSimulcast);
        registry.gauge("parley.media.subscriptions", Tags.of("layer", "none"), withoutVideo);
        downlinkBitrate = DistributionSummary.builder("parley.media.downlink.bitrate").baseUnit("bits/s")
                .description("Each subscriber's video downlink, every second: the bitrate of the layers it is given")
                .publishPercentiles(0.1, 0.5, 0.9).register(registry);
        export(registry, "parley.media.transport.feedback", transportFeedbackSent);
        export(registry, "parley.media.transport.feedback.received", transportFeedbackReceived);
        export(registry, "parley.media.downlink.standing.queues", standingQueues);
        downlinkQueueing = DistributionSummary.builder("parley.media.downlink.queueing").baseUnit("milliseconds")
                .description("Each subscription's queueing on the way to its subscriber, every second, from the"
                        + " transport-wide feedback its browser sends").publishPercentiles(0.5, 0.9, 0.99)
                .register(registry);
        export(registry, "parley.media.probe.padding.bytes", paddingBytes);
        export(registry, "parley.media.held.packets", heldPackets);
        for (Drop drop : Drop.values()) {
            Count count = new Count();
            drops.put(drop, count);
            export(registry, DROPS, count, "layer", drop.layer, "reason", drop.name().toLowerCase());
        }
        registry.gauge("parley.media.transports.active", activeTransports);
        registry.gauge("parley.media.tcp.connections", tcpConnections);
    }

    private static void export(MeterRegistry registry, String name, Count count, String... tags) {
        FunctionCounter.builder(name, count, Count::value).tags(tags).register(registry);
    }

    /**
     * Also exports the ICE agents' and DTLS endpoints' own drop counts under {@code parley.media.drops}, with
     * {@code layer} ice or dtls: why a STUN check was rejected, why a DTLS record was not used.
     */
    void register(MeterRegistry registry, IceDropCounts ice, DtlsDropCounts dtls) {
        for (IceDropReason reason : IceDropReason.values()) {
            FunctionCounter.builder(DROPS, ice, counts -> counts.get(reason))
                    .tags("layer", "ice", "reason", reason.name().toLowerCase()).register(registry);
        }
        for (DtlsDropReason reason : DtlsDropReason.values()) {
            FunctionCounter.builder(DROPS, dtls, counts -> counts.get(reason))
                    .tags("layer", "dtls", "reason", reason.name().toLowerCase()).register(registry);
        }
    }

    /** Media thread, every report: what each subscriber's downlink carries now. */
    void downlinks(Iterable<Downlink> downlinks) {
        long now = System.nanoTime();
        int[] layers = new int[MAX_LAYERS];
        int single = 0;
        int none = 0;
        for (Downlink downlink : downlinks) {
            downlinkBitrate.record(downlink.videoBitrate());
            for (Consumer subscription : downlink.subscriptions()) {
                long queueing = subscription.queue().queueingNanos(now, QUEUEING_MAX_AGE_NANOS);
                if (queueing > 0) {
                    downlinkQueueing.record(queueing / 1e6);
                }
                int layer = subscription.videoLayer();
                if (layer == Consumer.NO_VIDEO) {
                    none++;
                } else if (layer == Consumer.SINGLE_LAYER) {
                    single++;
                } else if (layer < MAX_LAYERS) {
                    layers[layer]++;
                }
            }
        }
        for (int i = 0; i < MAX_LAYERS; i++) {
            onLayer[i].set(layers[i]);
        }
        withoutSimulcast.set(single);
        withoutVideo.set(none);
    }

    void drop(Drop reason) {
        drops.get(reason).increment();
    }
}

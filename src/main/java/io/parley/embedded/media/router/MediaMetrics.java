package io.parley.embedded.media.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.embedded.media.dtls.DtlsDropCounts;
import io.parley.embedded.media.dtls.DtlsDropReason;
import io.parley.embedded.media.ice.IceDropCounts;
import io.parley.embedded.media.ice.IceDropReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The router's counters, exported at /q/metrics. Counters are looked up once here, so counting a packet is an
 * increment, never a registry lookup on the media path.
 */
public final class MediaMetrics {

    static final String DROPS = "parley.media.drops";

    /** Why a packet was not forwarded, and at which layer of the stack it was stopped. */
    public enum Drop {
        UNKNOWN_PROTOCOL("udp"), MALFORMED_STUN("stun"), STUN_REJECTED("stun"), UNKNOWN_ADDRESS("udp"),
        DTLS_QUEUE_FULL("dtls"), NOT_READY("udp"), DECRYPT_FAILED("srtp"), MALFORMED_RTP("rtp"),
        MALFORMED_RTCP("rtcp"), NO_SUBSCRIBERS("rtp"), TEST_LOSS("rtp"), SEND_FAILED("udp");

        private final String layer;

        Drop(String layer) {
            this.layer = layer;
        }
    }

    final Counter packetsIn;
    final Counter packetsOut;
    final Counter bytesIn;
    final Counter bytesOut;
    final Counter decryptFailures;
    final Counter nacksReceived;
    final Counter nacksSent;
    final Counter retransmissions;
    final Counter keyFrameRequests;
    final AtomicInteger activeTransports = new AtomicInteger();
    private final Map<Drop, Counter> drops = new EnumMap<>(Drop.class);

    public MediaMetrics(MeterRegistry registry) {
        packetsIn = registry.counter("parley.media.packets", "direction", "in");
        packetsOut = registry.counter("parley.media.packets", "direction", "out");
        bytesIn = registry.counter("parley.media.bytes", "direction", "in");
        bytesOut = registry.counter("parley.media.bytes", "direction", "out");
        decryptFailures = registry.counter("parley.media.decrypt.failures");
        nacksReceived = registry.counter("parley.media.nacks", "direction", "in");
        nacksSent = registry.counter("parley.media.nacks", "direction", "out");
        retransmissions = registry.counter("parley.media.retransmissions");
        keyFrameRequests = registry.counter("parley.media.plis");
        for (Drop drop : Drop.values()) {
            drops.put(drop, registry.counter(DROPS, "layer", drop.layer, "reason", drop.name().toLowerCase()));
        }
        registry.gauge("parley.media.transports.active", activeTransports);
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

    void drop(Drop reason) {
        drops.get(reason).increment();
    }
}

package io.parley.embedded.media.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The router's counters, exported at /q/metrics. Counters are looked up once here, so counting a packet is an
 * increment, never a registry lookup on the media path.
 */
public final class MediaMetrics {

    /** Why a packet was not forwarded. */
    public enum Drop {
        UNKNOWN_PROTOCOL, MALFORMED_STUN, STUN_REJECTED, UNKNOWN_ADDRESS, DTLS_QUEUE_FULL, NOT_READY,
        DECRYPT_FAILED, MALFORMED_RTP, MALFORMED_RTCP, NO_SUBSCRIBERS, TEST_LOSS
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
            drops.put(drop, registry.counter("parley.media.drops", "reason", drop.name().toLowerCase()));
        }
        registry.gauge("parley.media.transports.active", activeTransports);
    }

    void drop(Drop reason) {
        drops.get(reason).increment();
    }
}

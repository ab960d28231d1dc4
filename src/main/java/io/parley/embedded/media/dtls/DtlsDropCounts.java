package io.parley.embedded.media.dtls;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters of {@link DtlsDropReason}, shared by the endpoints on one port; lock-free and allocation-free to increment. */
public final class DtlsDropCounts {

    private static final DtlsDropReason[] REASONS = DtlsDropReason.values();

    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    public void increment(DtlsDropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long get(DtlsDropReason reason) {
        return counts.get(reason.ordinal());
    }

    /** A copy for metrics and diagnostics. */
    public Map<DtlsDropReason, Long> snapshot() {
        Map<DtlsDropReason, Long> copy = new EnumMap<>(DtlsDropReason.class);
        for (DtlsDropReason reason : REASONS) {
            copy.put(reason, counts.get(reason.ordinal()));
        }
        return copy;
    }
}

package io.parley.embedded.media.ice;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters of {@link IceDropReason}, shared by the agents on one port; lock-free and allocation-free to increment. */
public final class IceDropCounts {

    private static final IceDropReason[] REASONS = IceDropReason.values();

    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    public void increment(IceDropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long get(IceDropReason reason) {
        return counts.get(reason.ordinal());
    }

    /** A copy for metrics and diagnostics. */
    public Map<IceDropReason, Long> snapshot() {
        Map<IceDropReason, Long> copy = new EnumMap<>(IceDropReason.class);
        for (IceDropReason reason : REASONS) {
            copy.put(reason, counts.get(reason.ordinal()));
        }
        return copy;
    }
}

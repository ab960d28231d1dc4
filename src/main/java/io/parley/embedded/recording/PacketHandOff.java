package io.parley.embedded.recording;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands work from the media thread to a recording's or a broadcast's own thread, at most {@code max} pieces queued:
 * past that the work is dropped and counted, so a slow disk or encoder never holds up forwarding nor grows the
 * queue without bound.
 */
final class PacketHandOff {

    private final Executor executor;
    private final int max;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    PacketHandOff(Executor executor, int max) {
        this.executor = executor;
        this.max = max;
    }

    void submit(Runnable work) {
        if (pending.incrementAndGet() > max) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        executor.execute(() -> {
            pending.decrementAndGet();
            work.run();
        });
    }

    int dropped() {
        return dropped.get();
    }
}

package io.parley.storage.postgres;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Times each store operation ({@code parley.store.latency}, tagged by operation and outcome), per replica. */
final class StoreTimer {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    StoreTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> Uni<T> time(String operation, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return work.get()
                    .onItem().invoke(() -> record(operation, "ok", start))
                    .onFailure().invoke(() -> record(operation, "failed", start));
        });
    }

    private void record(String operation, String outcome, long start) {
        if (registry == null) {
            return;
        }
        timers.computeIfAbsent(operation + "/" + outcome, key -> Timer.builder("parley.store.latency")
                        .description("Time of one operation on the shared store")
                        .tag("operation", operation).tag("outcome", outcome)
                        .publishPercentiles(0.5, 0.99)
                        .register(registry))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}

package io.parley.vonage;

import io.parley.video.ArchiveChanged;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Archive states in this process's memory: one replica, so one lock is enough. Bounded: old archives fall out, and a
 * read then simply reports what Vonage says. Announcements are recorded under the lock, so in order, and off the event
 * loop, because recording one writes a file.
 */
public final class LocalArchiveStateStore implements ArchiveStateStore {

    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, KnownArchive> latest = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KnownArchive> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final Consumer<ArchiveChanged> announce;

    /** {@code announce} records a change for the status callbacks; it must be quick and must not block. */
    public LocalArchiveStateStore(Consumer<ArchiveChanged> announce) {
        this.announce = announce;
    }

    @Override
    public <T> Uni<T> apply(String archiveId, Function<Optional<KnownArchive>, Step<T>> step) {
        return Uni.createFrom().item(() -> {
            synchronized (latest) {
                Step<T> outcome = step.apply(Optional.ofNullable(latest.get(archiveId)));
                if (outcome.keep() != null) {
                    latest.put(archiveId, outcome.keep());
                }
                if (outcome.announce() != null) {
                    announce.accept(outcome.announce());
                }
                return outcome.result();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

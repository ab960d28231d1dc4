package io.parley.callbacks;

import io.parley.storage.JsonStore;
import io.parley.video.ArchiveChanged;
import io.parley.video.BroadcastChanged;
import io.parley.video.StatusChange;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The outbox as one JSON file per pending callback under {@code callbacks/} (abandoned ones move to
 * {@code callbacks/abandoned/}), read back at start-up. One process owns the data directory, so claims live in
 * memory: a restart hands every callback out again. Writes happen in the caller's thread, in call order.
 */
public final class FileCallbackOutbox implements CallbackOutbox {

    /** A pending callback as it is written to its file. */
    /**
     * A pending callback as it is written to its file: an archive's change in {@code change} (the field files held
     * before broadcasts had callbacks), a broadcast's in {@code broadcastChange}.
     */
    record Entry(long sequence, UUID eventId, ArchiveChanged change, BroadcastChanged broadcastChange, int attempts,
                 Instant dueAt, String lastError) {
        static Entry of(long sequence, UUID eventId, StatusChange change, int attempts, Instant dueAt,
                        String lastError) {
            return new Entry(sequence, eventId, change instanceof ArchiveChanged a ? a : null,
                    change instanceof BroadcastChanged b ? b : null, attempts, dueAt, lastError);
        }

        StatusChange statusChange() {
            return change != null ? change : broadcastChange;
        }

        PendingCallback pending() {
            return new PendingCallback(sequence, eventId, statusChange(), attempts);
        }
    }

    private final JsonStore store;
    private final Path folder;
    private final boolean enabled;
    private final Clock clock;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final Set<Long> claimed = new HashSet<>();
    private long lastSequence;

    public FileCallbackOutbox(JsonStore store, boolean enabled, Clock clock) {
        this.store = store;
        this.folder = store.folder("callbacks");
        this.enabled = enabled;
        this.clock = clock;
        for (Entry entry : store.loadAll(folder, Entry.class)) {
            entries.put(entry.sequence(), entry);
            lastSequence = Math.max(lastSequence, entry.sequence());
        }
    }

    @Override
    public Uni<Void> add(StatusChange change) {
        record(change);
        return Uni.createFrom().voidItem();
    }

    /** {@link #add} done at once, for callers that must record inside their own lock. */
    public synchronized void record(StatusChange change) {
        if (!enabled) {
            return;
        }
        Entry entry = Entry.of(++lastSequence, UUID.randomUUID(), change, 0, clock.instant(), null);
        save(entry);
        entries.put(entry.sequence(), entry);
    }

    @Override
    public synchronized Uni<List<PendingCallback>> claim(int max) {
        Instant now = clock.instant();
        Set<String> blocked = new HashSet<>();
        List<PendingCallback> due = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (due.size() >= max) {
                break;
            }
            // only the earliest pending change of an archive may go; the ones behind it wait for it
            if (!blocked.add(entry.statusChange().subjectId())) {
                continue;
            }
            if (!claimed.contains(entry.sequence()) && !entry.dueAt().isAfter(now)) {
                claimed.add(entry.sequence());
                due.add(entry.pending());
            }
        }
        return Uni.createFrom().item(due);
    }

    @Override
    public Uni<Void> delivered(PendingCallback callback) {
        return offLoop(() -> {
            entries.remove(callback.sequence());
            claimed.remove(callback.sequence());
            store.delete(fileOf(folder, callback.sequence()));
        });
    }

    @Override
    public Uni<Void> retryAt(PendingCallback callback, Instant when, String error) {
        return offLoop(() -> {
            Entry entry = entries.get(callback.sequence());
            if (entry != null) {
                Entry next = new Entry(entry.sequence(), entry.eventId(), entry.change(), entry.broadcastChange(),
                        entry.attempts() + 1, when, error);
                save(next);
                entries.put(next.sequence(), next);
            }
            claimed.remove(callback.sequence());
        });
    }

    @Override
    public Uni<Void> abandon(PendingCallback callback, String reason) {
        return offLoop(() -> {
            Entry entry = entries.remove(callback.sequence());
            claimed.remove(callback.sequence());
            if (entry != null) {
                store.save(fileOf(folder.resolve("abandoned"), entry.sequence()), new Entry(entry.sequence(),
                        entry.eventId(), entry.change(), entry.broadcastChange(), entry.attempts() + 1, entry.dueAt(),
                        reason));
                store.delete(fileOf(folder, entry.sequence()));
            }
        });
    }

    /** File writes stay off the event loop; the lock keeps them in order with everything else. */
    private Uni<Void> offLoop(Runnable work) {
        return Uni.createFrom().<Void>item(() -> {
            synchronized (this) {
                work.run();
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public synchronized Uni<Void> releaseClaims() {
        claimed.clear();
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Backlog> backlog() {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Backlog.EMPTY);
        }
        Instant oldest = entries.firstEntry().getValue().change().changedAt();
        return Uni.createFrom().item(new Backlog(entries.size(), Duration.between(oldest, clock.instant())));
    }

    private void save(Entry entry) {
        store.save(fileOf(folder, entry.sequence()), entry);
    }

    private static Path fileOf(Path folder, long sequence) {
        return folder.resolve(String.format("%020d.json", sequence));
    }
}

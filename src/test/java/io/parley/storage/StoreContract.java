package io.parley.storage;

import io.parley.callbacks.CallbackOutbox;
import io.parley.callbacks.CallbackOutbox.PendingCallback;
import io.parley.embedded.sessions.SessionRecord;
import io.parley.embedded.sessions.SessionStore;
import io.parley.rooms.Room;
import io.parley.rooms.RoomStore;
import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;
import io.parley.video.ArchiveMode;
import io.parley.video.ArchiveStatus;
import io.parley.video.StreamMode;
import io.parley.video.RtmpOutput;
import io.parley.video.HlsOutput;
import io.parley.video.BroadcastStatus;
import io.parley.video.BroadcastChanged;
import io.parley.video.Broadcast;
import io.parley.video.MediaMode;
import io.parley.video.OutputMode;
import io.parley.vonage.ArchiveStateStore;
import io.parley.vonage.ArchiveStateStore.KnownArchive;
import io.parley.vonage.ArchiveStateStore.Step;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store implementation promises, run against each of them ({@code files} and {@code postgres}): the same
 * tests, the same answers. A "restart" is a second instance over the same storage.
 */
public abstract class StoreContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The stores of one replica (one process) over this test's storage. */
    protected interface Stores {
        KeyMaterial keys();

        RoomStore rooms();

        SessionStore sessions();

        CallbackOutbox outbox();

        ArchiveStateStore archiveStates();
    }

    /** A fresh instance over the same storage, as after a restart (or, with a shared store, another replica). */
    protected abstract Stores open();

    protected static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    @Test
    void aKeyIsCreatedOnceAndTheSameForEveryone() throws Exception {
        Stores stores = open();
        List<KeyMaterial.Stored> results = concurrently(8, i -> stores.keys().getOrCreate("server-key",
                () -> ("key-" + i).getBytes(StandardCharsets.UTF_8)));
        assertThat(results).filteredOn(KeyMaterial.Stored::created).hasSize(1);
        Set<String> values = new HashSet<>();
        results.forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
        assertThat(values).hasSize(1);
        KeyMaterial.Stored again = open().keys().getOrCreate("server-key", () -> "other".getBytes());
        assertThat(again.created()).isFalse();
        assertThat(new String(again.value(), StandardCharsets.UTF_8)).isEqualTo(values.iterator().next());
    }

    @Test
    void exactlyOneCallerWinsARoomsReservation() throws Exception {
        RoomStore rooms = open().rooms();
        List<Optional<String>> reservations = concurrently(20, i -> await(rooms.reserve("standup",
                Duration.ofSeconds(30))));
        assertThat(reservations).filteredOn(Optional::isPresent).hasSize(1);
        String winner = reservations.stream().flatMap(Optional::stream).findFirst().orElseThrow();
        assertThat(await(rooms.find("standup"))).isEmpty();

        Room room = room("standup");
        assertThat(await(rooms.complete(room, winner))).isTrue();
        assertThat(await(rooms.reserve("standup", Duration.ZERO))).isEmpty();
        Room found = await(open().rooms().find("standup")).orElseThrow();
        assertThat(found.sessionId()).isEqualTo(room.sessionId());
        assertThat(found.moderatorKeyHash()).isEqualTo(room.moderatorKeyHash());
        assertThat(found.createdAt()).isEqualTo(room.createdAt());
    }

    @Test
    void aReleasedOrStaleReservationCanBeTakenAndTheLoserCannotComplete() throws Exception {
        RoomStore rooms = open().rooms();
        String first = await(rooms.reserve("retro", Duration.ofSeconds(30))).orElseThrow();
        await(rooms.release("retro", first));
        String second = await(rooms.reserve("retro", Duration.ofSeconds(30))).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(await(rooms.complete(room("retro"), first))).isFalse();
        assertThat(await(rooms.reserve("retro", Duration.ofSeconds(30)))).isEmpty();     // held, and not stale
        Thread.sleep(20);
        RoomStore other = reservationsAreShared() ? open().rooms() : rooms;
        String third = await(other.reserve("retro", Duration.ofMillis(1))).orElseThrow();  // stale: taken over
        assertThat(await(rooms.complete(room("retro"), second))).isFalse();
        assertThat(await(other.complete(room("retro"), third))).isTrue();
    }

    @Test
    void sessionsAreKeptAndFoundAgain() {
        SessionRecord session = new SessionRecord("s".repeat(32), MediaMode.ROUTED, ArchiveMode.ALWAYS,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        await(open().sessions().save(session));
        assertThat(await(open().sessions().find(session.id()))).contains(session);
        assertThat(await(open().sessions().find("t".repeat(32)))).isEmpty();
    }

    @Test
    void theOutboxHandsOutEachArchivesChangesInOrderAndKeepsThemAcrossARestart() {
        Stores stores = open();
        CallbackOutbox outbox = stores.outbox();
        await(outbox.add(change("A", ArchiveStatus.STARTED)));
        await(outbox.add(change("B", ArchiveStatus.STARTED)));
        await(outbox.add(change("A", ArchiveStatus.STOPPED)));
        await(outbox.add(change("A", ArchiveStatus.AVAILABLE)));

        List<PendingCallback> first = await(outbox.claim(10));
        assertThat(first).extracting(c -> archiveOf(c).id() + " " + archiveOf(c).status())
                .containsExactly("A STARTED", "B STARTED");
        assertThat(await(outbox.claim(10))).isEmpty();                 // claimed, and A's next waits for its first
        assertThat(await(outbox.backlog()).pending()).isEqualTo(4);

        await(outbox.delivered(first.get(0)));
        await(outbox.retryAt(first.get(1), Instant.now().plusSeconds(3600), "HTTP 503"));
        List<PendingCallback> second = await(outbox.claim(10));
        assertThat(second).extracting(c -> archiveOf(c).status()).containsExactly(ArchiveStatus.STOPPED);
        await(outbox.releaseClaims());

        // a restart: nothing lost, the same event ids, the attempt counted, B still not due
        CallbackOutbox restarted = open().outbox();
        List<PendingCallback> again = await(restarted.claim(10));
        assertThat(again).extracting(PendingCallback::eventId).containsExactly(second.get(0).eventId());
        await(restarted.abandon(again.get(0), "refused: HTTP 400"));
        List<PendingCallback> afterAbandon = await(restarted.claim(10));
        assertThat(afterAbandon).extracting(c -> archiveOf(c).status())
                .containsExactly(ArchiveStatus.AVAILABLE);
        assertThat(archiveOf(afterAbandon.get(0)).name()).isEqualTo("standup");
        assertThat(afterAbandon.get(0).change().changedAt()).isEqualTo(change("A", ArchiveStatus.AVAILABLE)
                .changedAt());
        assertThat(await(restarted.backlog()).pending()).isEqualTo(2);   // B (not due) and A AVAILABLE
    }

    @Test
    void archiveStateStepsRunOneAtATimeAndTheirAnnouncementsReachTheOutbox() throws Exception {
        Stores stores = open();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        // each step moves the archive's size up by one: a lost update would show as a smaller size
        concurrently(16, i -> await(stores.archiveStates().apply("arch", known -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            long size = known.map(k -> k.archive().size()).orElse(0L);
            Archive next = archive("arch", size == 0 ? ArchiveStatus.STARTED : ArchiveStatus.STOPPED, size + 1);
            boolean announce = known.isEmpty() || known.get().archive().status() != next.status();
            running.decrementAndGet();
            return new Step<>(new KnownArchive(next, Instant.now()),
                    announce ? new ArchiveChanged(next, Instant.now()) : null, size + 1);
        })));
        assertThat(overlaps).hasValue(0);
        Optional<KnownArchive> last = await(stores.archiveStates().apply("arch",
                known -> new Step<>(null, null, known)));
        assertThat(last.orElseThrow().archive().size()).isEqualTo(16);
        assertThat(await(stores.outbox().claim(10))).extracting(c -> archiveOf(c).status())
                .containsExactly(ArchiveStatus.STARTED);
    }

    private static Archive archiveOf(PendingCallback callback) {
        return ((ArchiveChanged) callback.change()).archive();
    }

    @Test
    void theOutboxKeepsBroadcastChangesBesideArchiveOnes() {
        Stores stores = open();
        Broadcast broadcast = new Broadcast("bc-1", "s-1", BroadcastStatus.STOPPED, Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:05:00Z"), "640x480", StreamMode.AUTO, "tag", 600, null, null,
                new HlsOutput(true, false), "/media/broadcasts/bc-1/1/s/index.m3u8",
                List.of(new RtmpOutput("r", "rtmp://ingest.example/live", null, "offline")));
        await(stores.outbox().add(new BroadcastChanged(broadcast, Instant.parse("2026-01-01T10:05:01Z"))));
        await(stores.outbox().add(change("Z", ArchiveStatus.STARTED)));

        List<PendingCallback> restarted = await(open().outbox().claim(10));
        assertThat(restarted).hasSize(2);
        assertThat(restarted.get(0).change()).isEqualTo(new BroadcastChanged(broadcast,
                Instant.parse("2026-01-01T10:05:01Z")));
        assertThat(restarted.get(1).change()).isInstanceOf(ArchiveChanged.class);
    }

    /** Whether reservations are seen by another instance (a shared store) rather than held in memory. */
    protected abstract boolean reservationsAreShared();

    protected static Room room(String name) {
        return new Room(name, "session-of-" + name, MediaMode.ROUTED, ArchiveMode.MANUAL, "hash-" + name,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    protected static ArchiveChanged change(String archiveId, ArchiveStatus status) {
        return new ArchiveChanged(archive(archiveId, status, 10), Instant.parse("2026-12-01T10:00:00Z")
                .plusSeconds(status.ordinal()));
    }

    protected static Archive archive(String id, ArchiveStatus status, long size) {
        return new Archive(id, "session", "standup", status, OutputMode.COMPOSED, true, true, "1280x720",
                Instant.parse("2026-12-01T09:59:00Z"), 5, size, null, null);
    }

    protected interface Indexed<T> {
        T call(int index) throws Exception;
    }

    protected static <T> List<T> concurrently(int callers, Indexed<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> work.call(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

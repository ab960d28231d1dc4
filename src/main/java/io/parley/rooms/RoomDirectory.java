package io.parley.rooms;

import io.parley.video.ConflictException;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.SessionSpec;
import io.parley.video.UpstreamUnavailableException;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Room name -> session id, kept in the {@link RoomStore}. Creation is atomic per name across every replica: the
 * caller that wins the store's reservation creates the session, everyone else waits for the room to appear. Within
 * one replica, concurrent callers for the same name share one lookup. A room never changes once created, so what
 * this replica has seen is remembered.
 */
@ApplicationScoped
public class RoomDirectory {

    /** A creator that has not finished in this long is presumed dead, and its reservation taken over. */
    static final Duration STALE_RESERVATION = Duration.ofSeconds(30);
    /** How long a joiner waits for a room another replica is creating before it is told to try again. */
    static final Duration CREATION_WAIT = Duration.ofSeconds(20);

    private final VideoPlatform platform;
    private final RoomStore store;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Room> known = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RoomEntry>> inFlight = new ConcurrentHashMap<>();

    public RoomDirectory(VideoPlatform platform, RoomStore store) {
        this.platform = platform;
        this.store = store;
    }

    /** The room of that name, created with {@code spec} if it does not exist yet. */
    public Uni<RoomEntry> getOrCreate(RoomName name, SessionSpec spec) {
        Room seen = known.get(name.value());
        if (seen != null) {
            return Uni.createFrom().item(new RoomEntry(seen, null));
        }
        CompletableFuture<RoomEntry> mine = new CompletableFuture<>();
        CompletableFuture<RoomEntry> shared = inFlight.putIfAbsent(name.value(), mine);
        if (shared != null) {
            // only the caller whose lookup created the room gets its moderator key
            return Uni.createFrom().completionStage(shared).map(entry -> new RoomEntry(entry.room(), null));
        }
        resolve(name, spec, clock.instant().plus(CREATION_WAIT)).subscribe().with(entry -> {
            known.put(name.value(), entry.room());
            inFlight.remove(name.value(), mine);
            mine.complete(entry);
        }, failure -> {
            inFlight.remove(name.value(), mine);
            mine.completeExceptionally(failure);
        });
        return Uni.createFrom().completionStage(mine);
    }

    /** Creates the room; 409 if a room of that name exists, or is being created. */
    public Uni<RoomEntry> create(RoomName name, SessionSpec spec) {
        return store.find(name.value()).chain(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().failure(new ConflictException("A room named " + name + " exists already"));
            }
            return store.reserve(name.value(), STALE_RESERVATION).chain(reservation -> reservation
                    .map(r -> createReserved(name, spec, r)
                            .onItem().ifNull().failWith(() -> exists(name)))
                    .orElseGet(() -> Uni.createFrom().failure(exists(name))));
        });
    }

    public Uni<Room> get(RoomName name) {
        Room seen = known.get(name.value());
        if (seen != null) {
            return Uni.createFrom().item(seen);
        }
        return store.find(name.value()).map(found -> {
            Room room = found.orElseThrow(() -> new ResourceNotFoundException("room", name.value()));
            known.put(room.name(), room);
            return room;
        });
    }

    private Uni<RoomEntry> resolve(RoomName name, SessionSpec spec, Instant deadline) {
        return store.find(name.value()).chain(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().item(new RoomEntry(existing.get(), null));
            }
            return store.reserve(name.value(), STALE_RESERVATION).chain(reservation -> reservation
                    .map(r -> createReserved(name, spec, r))
                    .orElseGet(() -> Uni.createFrom().nullItem()))
                    .chain(created -> created != null ? Uni.createFrom().item(created) : waitFor(name, spec, deadline));
        });
    }

    /** Someone else is creating the room: look again shortly, until the deadline. */
    private Uni<RoomEntry> waitFor(RoomName name, SessionSpec spec, Instant deadline) {
        if (clock.instant().isAfter(deadline)) {
            return Uni.createFrom().failure(new UpstreamUnavailableException(
                    "The room " + name + " is being created and is not ready yet; try again", Duration.ofSeconds(1),
                    null));
        }
        long millis = ThreadLocalRandom.current().nextLong(20, 80);
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(millis))
                .chain(() -> resolve(name, spec, deadline));
    }

    /** Creates the session for a reservation this caller holds; null when the reservation was lost meanwhile. */
    private Uni<RoomEntry> createReserved(RoomName name, SessionSpec spec, String reservation) {
        String moderatorKey = ModeratorKeys.newKey();
        return platform.createSession(spec)
                .map(session -> new Room(name.value(), session.id(), spec.mediaMode(), spec.archiveMode(),
                        ModeratorKeys.hash(moderatorKey), clock.instant()))
                .chain(room -> store.complete(room, reservation)
                        .map(won -> won ? new RoomEntry(room, moderatorKey) : null))
                .onFailure().call(failure -> store.release(name.value(), reservation)
                        // let the next caller try again rather than remember the failure
                        .onFailure().recoverWithNull());
    }

    private static ConflictException exists(RoomName name) {
        return new ConflictException("A room named " + name + " exists already");
    }
}

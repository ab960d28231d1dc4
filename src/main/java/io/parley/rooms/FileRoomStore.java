package io.parley.rooms;

import io.parley.storage.JsonStore;
import io.parley.storage.SecretIds;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSON file per room under {@code rooms/}, all read at start-up. Reservations are in memory only (one process
 * owns the data directory, and a reservation does not outlive the process that made it), under this object's lock.
 */
public final class FileRoomStore implements RoomStore {

    private final JsonStore store;
    private final Path folder;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, Reservation> reservations = new HashMap<>();
    private final Clock clock;

    public FileRoomStore(JsonStore store) {
        this(store, Clock.systemUTC());
    }

    FileRoomStore(JsonStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.folder = store.folder("rooms");
        store.loadAll(folder, Room.class).forEach(r -> rooms.put(r.name(), r));
    }

    @Override
    public Uni<Optional<Room>> find(String name) {
        return Uni.createFrom().item(Optional.ofNullable(rooms.get(name)));
    }

    @Override
    public synchronized Uni<Optional<String>> reserve(String name, Duration staleAfter) {
        Reservation held = reservations.get(name);
        Instant now = clock.instant();
        if (rooms.containsKey(name) || (held != null && !held.madeAt().plus(staleAfter).isBefore(now))) {
            return Uni.createFrom().item(Optional.empty());
        }
        Reservation mine = new Reservation(SecretIds.random(12), now);
        reservations.put(name, mine);
        return Uni.createFrom().item(Optional.of(mine.id()));
    }

    @Override
    public Uni<Boolean> complete(Room room, String reservation) {
        return Uni.createFrom().item(() -> {
            synchronized (this) {
                Reservation held = reservations.get(room.name());
                if (held == null || !held.id().equals(reservation)) {
                    return false;
                }
                store.save(folder.resolve(room.name() + ".json"), room);
                rooms.put(room.name(), room);
                reservations.remove(room.name());
                return true;
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public synchronized Uni<Void> release(String name, String reservation) {
        Reservation held = reservations.get(name);
        if (held != null && held.id().equals(reservation)) {
            reservations.remove(name);
        }
        return Uni.createFrom().voidItem();
    }

    private record Reservation(String id, Instant madeAt) {
    }
}

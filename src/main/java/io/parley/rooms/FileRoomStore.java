package io.parley.rooms;

import io.parley.storage.JsonStore;
import io.parley.storage.SecretIds;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSON file per room under {@code rooms/}, all read at start-up. Reservations are in memory only: one process
 * owns the data directory, and a reservation does not outlive the process that made it.
 */
public final class FileRoomStore implements RoomStore {

    private final JsonStore store;
    private final Path folder;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, String> reservations = new ConcurrentHashMap<>();

    public FileRoomStore(JsonStore store) {
        this.store = store;
        this.folder = store.folder("rooms");
        store.loadAll(folder, Room.class).forEach(r -> rooms.put(r.name(), r));
    }

    @Override
    public Uni<Optional<Room>> find(String name) {
        return Uni.createFrom().item(Optional.ofNullable(rooms.get(name)));
    }

    @Override
    public Uni<Optional<String>> reserve(String name, Duration staleAfter) {
        String reservation = SecretIds.random(12);
        boolean won = !rooms.containsKey(name) && reservations.putIfAbsent(name, reservation) == null
                && !rooms.containsKey(name);
        return Uni.createFrom().item(won ? Optional.of(reservation) : Optional.empty());
    }

    @Override
    public Uni<Boolean> complete(Room room, String reservation) {
        return Uni.createFrom().item(() -> {
            if (!reservation.equals(reservations.get(room.name()))) {
                return false;
            }
            store.save(folder.resolve(room.name() + ".json"), room);
            rooms.put(room.name(), room);
            reservations.remove(room.name(), reservation);
            return true;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Uni<Void> release(String name, String reservation) {
        return Uni.createFrom().item(() -> {
            reservations.remove(name, reservation);
            return null;
        });
    }
}

package io.parley.rooms;

import io.parley.storage.JsonStore;
import io.parley.video.ConflictException;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.SessionSpec;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room name -> session id, one JSON file per room under {@code rooms/}. Creation is atomic per name: the first caller
 * puts a pending future in the map before creating the session, so two people joining a new room at the same moment
 * share one session instead of creating two.
 */
@ApplicationScoped
public class RoomDirectory {

    private final VideoPlatform platform;
    private final JsonStore store;
    private final Path folder;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, CompletableFuture<Room>> rooms = new ConcurrentHashMap<>();

    public RoomDirectory(VideoPlatform platform, JsonStore store) {
        this.platform = platform;
        this.store = store;
        this.folder = store.folder("rooms");
        store.loadAll(folder, Room.class).forEach(r -> rooms.put(r.name(), CompletableFuture.completedFuture(r)));
    }

    /** The room of that name, created with {@code spec} if it does not exist yet. */
    public Uni<RoomEntry> getOrCreate(RoomName name, SessionSpec spec) {
        CompletableFuture<Room> pending = new CompletableFuture<>();
        CompletableFuture<Room> existing = rooms.putIfAbsent(name.value(), pending);
        if (existing != null) {
            return Uni.createFrom().completionStage(existing).map(room -> new RoomEntry(room, null));
        }
        return create(name, spec, pending);
    }

    /** Creates the room; 409 if a room of that name exists. */
    public Uni<RoomEntry> create(RoomName name, SessionSpec spec) {
        CompletableFuture<Room> pending = new CompletableFuture<>();
        if (rooms.putIfAbsent(name.value(), pending) != null) {
            return Uni.createFrom().failure(new ConflictException("A room named " + name + " exists already"));
        }
        return create(name, spec, pending);
    }

    public Uni<Room> get(RoomName name) {
        CompletableFuture<Room> room = rooms.get(name.value());
        if (room == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("room", name.value()));
        }
        return Uni.createFrom().completionStage(room);
    }

    private Uni<RoomEntry> create(RoomName name, SessionSpec spec, CompletableFuture<Room> pending) {
        String moderatorKey = ModeratorKeys.newKey();
        return platform.createSession(spec)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(session -> {
                    Room room = new Room(name.value(), session.id(), spec.mediaMode(), spec.archiveMode(),
                            ModeratorKeys.hash(moderatorKey), clock.instant());
                    store.save(folder.resolve(room.name() + ".json"), room);
                    return room;
                })
                .invoke(pending::complete)
                .onFailure().invoke(failure -> {
                    // let the next caller try again rather than remember the failure forever
                    rooms.remove(name.value(), pending);
                    pending.completeExceptionally(failure);
                })
                .map(room -> new RoomEntry(room, moderatorKey));
    }
}

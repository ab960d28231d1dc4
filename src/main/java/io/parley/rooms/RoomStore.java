package io.parley.rooms;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Optional;

/**
 * Where rooms are kept. Creating a room is two steps, so that however many replicas see the first joins of a new
 * room at once, exactly one creates its session: {@link #reserve} the name (one caller wins), create the session,
 * then {@link #complete} the reservation. The others wait for the room to appear.
 */
public interface RoomStore {

    /** The room, once it is complete. */
    Uni<Optional<Room>> find(String name);

    /**
     * Reserves the name for the caller: a reservation id when the caller won it, empty when the room exists or
     * another caller holds a reservation younger than {@code staleAfter} (an older one is taken over, so that a
     * replica that died while creating a room does not block its name for ever).
     */
    Uni<Optional<String>> reserve(String name, Duration staleAfter);

    /** Completes the caller's reservation; false when it was taken over meanwhile (the room is then someone else's). */
    Uni<Boolean> complete(Room room, String reservation);

    /** Gives a reservation up, so that the next caller may try again at once. */
    Uni<Void> release(String name, String reservation);
}

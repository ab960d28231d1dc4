package io.parley.rooms;

/**
 * A room as returned to whoever asked for it. {@code moderatorKey} is present only for the caller that created the
 * room: it is the one moment the key exists in plain text.
 */
public record RoomEntry(Room room, String moderatorKey) {

    public boolean createdNow() {
        return moderatorKey != null;
    }

    @Override
    public String toString() {
        return "RoomEntry[room=" + room.name() + ", createdNow=" + createdNow() + "]";
    }
}

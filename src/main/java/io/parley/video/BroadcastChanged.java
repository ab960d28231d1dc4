package io.parley.video;

import java.time.Instant;

/**
 * A live broadcast started or stopped. Platforms fire it as a CDI event, as {@link ArchiveChanged} for archives: once
 * per change, in order, and observers never block the caller.
 */
public record BroadcastChanged(Broadcast broadcast, Instant changedAt) implements StatusChange {

    @Override
    public String subjectId() {
        return broadcast.id();
    }
}

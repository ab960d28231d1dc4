package io.parley.rooms;

import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;

import java.time.Instant;

/**
 * A room: a name mapped to one session. Only a hash of the moderator key is kept, so a copy of the data directory
 * does not hand out moderator rights.
 */
public record Room(String name, String sessionId, MediaMode mediaMode, ArchiveMode archiveMode,
                   String moderatorKeyHash, Instant createdAt) {
}

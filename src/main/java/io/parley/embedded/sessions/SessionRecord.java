package io.parley.embedded.sessions;

import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;

import java.time.Instant;

/** A session as the embedded platform stores it. */
public record SessionRecord(String id, MediaMode mediaMode, ArchiveMode archiveMode, Instant createdAt) {
}

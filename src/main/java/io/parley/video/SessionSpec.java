package io.parley.video;

import java.util.Objects;

/** What a new session should be. */
public record SessionSpec(MediaMode mediaMode, ArchiveMode archiveMode) {
    public SessionSpec {
        Objects.requireNonNull(mediaMode, "mediaMode");
        Objects.requireNonNull(archiveMode, "archiveMode");
    }

    public static SessionSpec routedManual() {
        return new SessionSpec(MediaMode.ROUTED, ArchiveMode.MANUAL);
    }
}

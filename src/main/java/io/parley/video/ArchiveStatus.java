package io.parley.video;

/** Lifecycle of an archive, with Vonage's names. */
public enum ArchiveStatus {
    STARTED,
    PAUSED,
    STOPPED,
    UPLOADED,
    AVAILABLE,
    EXPIRED,
    FAILED,
    DELETED;

    /** True while the archive is still recording (a stop is meaningful). */
    public boolean isRecording() {
        return this == STARTED || this == PAUSED;
    }
}

package io.parley.vonage;

import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the latest known state of each Vonage archive is kept, so that a callback posted to one replica is what a read
 * through another reports. A status change and its announcement to Parley's own status callbacks are recorded
 * together (one transaction with a database), so that no change is announced without being kept, or kept without
 * being announced.
 */
public interface ArchiveStateStore {

    /**
     * Runs {@code step} on what is known of the archive, one caller at a time per archive across every replica: keeps
     * {@link Step#keep()} when it is set and records {@link Step#announce()} for the status callbacks when it is set.
     */
    <T> Uni<T> apply(String archiveId, Function<Optional<KnownArchive>, Step<T>> step);

    /** A state and when it was seen. */
    record KnownArchive(Archive archive, Instant seenAt) {
    }

    /** What to keep (null: unchanged), what to announce (null: nothing), and the answer to the caller. */
    record Step<T>(KnownArchive keep, ArchiveChanged announce, T result) {
    }
}

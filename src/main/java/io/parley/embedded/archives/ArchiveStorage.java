package io.parley.embedded.archives;

import io.parley.video.Archive;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a finished archive's output is kept. Locally (the default) it stays in the archive's folder and plays
 * through Parley's signed media URL; an object store takes it after composition and plays it from there.
 */
public interface ArchiveStorage {

    /** Keeps the output where it is. */
    ArchiveStorage LOCAL = new ArchiveStorage() {
        @Override
        public void keep(Archive archive, Path folder, Path output) {
        }

        @Override
        public Optional<String> playbackUrl(Archive archive, Path folder) {
            return Optional.empty();
        }

        @Override
        public void delete(Archive archive, Path folder) {
        }
    };

    /**
     * Takes the finished {@code output} (a file in {@code folder}); blocking, so called off the event loops. On
     * failure the output stays in the folder and plays from this node.
     */
    void keep(Archive archive, Path folder, Path output) throws StorageFailedException;

    /** Where the archive plays from, if it is kept elsewhere than its folder; empty: Parley serves it. */
    Optional<String> playbackUrl(Archive archive, Path folder);

    /**
     * Whether the output in {@code folder} still waits to be stored, because {@link #keep} failed before; such
     * archives are tried again ({@link ArchiveLifecycle#retryPendingUploads()}). Never for local storage.
     */
    default boolean pending(Path folder) {
        return false;
    }

    /** Removes what {@link #keep} stored; blocking. */
    void delete(Archive archive, Path folder) throws StorageFailedException;

    /** Storing failed; the message says why, without credentials. */
    final class StorageFailedException extends Exception {
        public StorageFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

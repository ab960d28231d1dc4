package io.parley.embedded.archives;

import io.parley.video.Archive;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the embedded platform needs from its recorder: record a session's routed media into an archive's folder,
 * then turn what was written into the archive's output. The platform owns the archive's record and status.
 */
public interface ArchiveRecorder {

    /** False when there is nothing to record with (no media router). */
    boolean available();

    /**
     * Starts recording every stream of the archive's session, current and future, into {@code folder}.
     * {@code onFailure} gets a reason if recording fails while it runs (a full disk, say).
     */
    void start(Archive archive, Path folder, Consumer<String> onFailure);

    /** A recording archive's layout changed: its output follows from this moment. Ignored if it is not recording. */
    void changeLayout(String archiveId, ArchiveLayout layout);

    /**
     * Streams' layout classes (by stream id) changed in the session a recording archive records: its output places
     * them by the new classes from this moment. Ignored if it is not recording.
     */
    void changeLayoutClasses(String archiveId, Map<String, List<String>> classesByStream);

    /**
     * A manual-mode archive records {@code streamId} from now on, with its audio and/or video. Ignored if the archive
     * is not recording.
     */
    void addStream(String archiveId, String streamId, boolean audio, boolean video);

    /** A manual-mode archive stops recording {@code streamId}. Ignored if it is not recording. */
    void removeStream(String archiveId, String streamId);

    /** Stops recording and makes the output (composed or individual); never completes exceptionally. */
    CompletableFuture<Outcome> stop(Archive archive, Path folder);

    /** Makes the output from whatever an archive interrupted by a crash left in its folder. */
    CompletableFuture<Outcome> recover(Archive archive, Path folder);

    /** The end of a recording: AVAILABLE with its duration (s) and size (bytes), or FAILED with a reason. */
    record Outcome(ArchiveStatus status, long duration, long size, String reason) {
        public static Outcome failed(String reason) {
            return new Outcome(ArchiveStatus.FAILED, 0, 0, reason);
        }
    }
}

package io.parley.embedded.broadcasts;

import io.parley.video.ArchiveLayout;
import io.parley.video.Broadcast;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the embedded platform needs to broadcast live: compose a routed session's media as it arrives and stream it
 * as HLS into a folder and to RTMP destinations. The platform owns the broadcast's record and status.
 */
public interface BroadcastStreamer {

    /** False when there is nothing to broadcast with (no media router). */
    boolean available();

    /** Starts streaming every stream of the broadcast's session, current and future; its HLS goes under {@code folder}. */
    void start(Broadcast broadcast, Path folder);

    /** The broadcast's layout changed: its output follows from this moment. Ignored if it is not streaming. */
    void changeLayout(String broadcastId, ArchiveLayout layout);

    /** Streams' layout classes changed in a session: its broadcasts place them by the new classes from now on. */
    void layoutClassesChanged(String sessionId);

    /**
     * How the broadcast's {@code destination}th RTMP output is doing, in Vonage's words: {@code connecting},
     * {@code live} or {@code error}; {@code offline} when the broadcast is not streaming.
     */
    String rtmpStatus(String broadcastId, int destination);

    /** The folder of the broadcast's HLS playlist and segments, while it streams. */
    Optional<Path> hlsFolder(String broadcastId);

    /** Stops streaming; completes once the encoder has finished. Never completes exceptionally. */
    CompletableFuture<Void> stop(String broadcastId);
}

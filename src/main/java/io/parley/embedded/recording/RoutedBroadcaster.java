package io.parley.embedded.recording;

import io.parley.embedded.archives.LiveSessions;
import io.parley.embedded.broadcasts.BroadcastStreamer;
import io.parley.embedded.media.router.MediaRouter;
import io.parley.video.ArchiveLayout;
import io.parley.video.Broadcast;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Broadcasts routed sessions live for the embedded platform: taps the router for the broadcast's session and runs a
 * {@link LiveBroadcast} on it.
 */
@ApplicationScoped
public class RoutedBroadcaster implements BroadcastStreamer {

    private final MediaRouter router;
    private final LiveSessions live;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(String sessionId, LiveBroadcast broadcast) {
    }

    public RoutedBroadcaster(MediaRouter router, LiveSessions live) {
        this.router = router;
        this.live = live;
    }

    @PreDestroy
    void close() {
        running.keySet().forEach(id -> {
            try {
                stop(id).get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public boolean available() {
        return router.available();
    }

    @Override
    public void start(Broadcast broadcast, Path folder) {
        int[] size = RoutedArchiveRecorder.resolution(broadcast.resolution());
        LiveBroadcast streaming;
        try {
            streaming = new LiveBroadcast(broadcast.id(), folder, FfmpegBinary.locate(), size[0], size[1],
                    broadcast.layout() == null ? ArchiveLayout.BEST_FIT : broadcast.layout(), broadcast.hls(),
                    broadcast.rtmp(), broadcast.maxBitrate(),
                    streamId -> live.streamOf(broadcast.sessionId(), streamId), router::requestKeyFrame);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broadcast's folder: " + e.getMessage(), e);
        }
        running.put(broadcast.id(), new Running(broadcast.sessionId(), streaming));
        router.tap(broadcast.sessionId(), streaming);
    }

    @Override
    public void changeLayout(String broadcastId, ArchiveLayout layout) {
        Running r = running.get(broadcastId);
        if (r != null) {
            r.broadcast().layoutChanged(layout);
        }
    }

    @Override
    public void layoutClassesChanged(String sessionId) {
        running.values().stream().filter(r -> r.sessionId().equals(sessionId))
                .forEach(r -> r.broadcast().layoutClassesChanged());
    }

    @Override
    public String rtmpStatus(String broadcastId, int destination) {
        Running r = running.get(broadcastId);
        return r == null ? "offline" : r.broadcast().rtmpStatus(destination);
    }

    @Override
    public Optional<Path> hlsFolder(String broadcastId) {
        return Optional.ofNullable(running.get(broadcastId)).map(r -> r.broadcast().hlsFolder());
    }

    @Override
    public CompletableFuture<Void> stop(String broadcastId) {
        Running r = running.remove(broadcastId);
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        router.untap(r.sessionId(), r.broadcast());
        return r.broadcast().stop().exceptionally(e -> null);
    }
}

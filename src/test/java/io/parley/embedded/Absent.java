package io.parley.embedded;

import io.parley.embedded.broadcasts.BroadcastStreamer;
import io.parley.embedded.archives.ArchiveRecorder;
import io.parley.embedded.media.router.RoutedMedia;
import io.parley.video.Archive;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A router and a recorder for tests of a server that has neither: they refuse, as a real absence would. */
final class Absent {

    static final RoutedMedia ROUTER = new RoutedMedia() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String publish(String sessionId, String streamId, String linkId, String offerSdp, Runnable onGone) {
            throw new IllegalStateException("no media router");
        }

        @Override
        public String subscribe(String sessionId, String streamId, String linkId, String subscriberId,
                                Runnable onGone) {
            throw new IllegalStateException("no media router");
        }

        @Override
        public void answer(String linkId, String offerSdp, String answerSdp) {
            throw new IllegalStateException("no media router");
        }

        @Override
        public void close(String linkId) {
        }
    };

    static final ArchiveRecorder RECORDER = new ArchiveRecorder() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void start(Archive archive, Path folder, Consumer<String> onFailure) {
            onFailure.accept("this server cannot record");
        }

        @Override
        public void changeLayout(String archiveId, io.parley.video.ArchiveLayout layout) {
        }

        @Override
        public void changeLayoutClasses(String archiveId, java.util.Map<String, java.util.List<String>> classes) {
        }

        @Override
        public void addStream(String archiveId, String streamId, boolean audio, boolean video) {
        }

        @Override
        public void removeStream(String archiveId, String streamId) {
        }

        @Override
        public CompletableFuture<ArchiveRecorder.Outcome> stop(Archive archive, Path folder) {
            return CompletableFuture.completedFuture(ArchiveRecorder.Outcome.failed("this server cannot record"));
        }

        @Override
        public CompletableFuture<ArchiveRecorder.Outcome> recover(Archive archive, Path folder) {
            return CompletableFuture.completedFuture(ArchiveRecorder.Outcome.failed("this server cannot record"));
        }
    };

    static final BroadcastStreamer BROADCASTER = new BroadcastStreamer() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void start(io.parley.video.Broadcast broadcast, Path folder) {
            throw new IllegalStateException("no media router");
        }

        @Override
        public void changeLayout(String broadcastId, io.parley.video.ArchiveLayout layout) {
        }

        @Override
        public void layoutClassesChanged(String sessionId) {
        }

        @Override
        public String rtmpStatus(String broadcastId, int destination) {
            return "offline";
        }

        @Override
        public java.util.Optional<Path> hlsFolder(String broadcastId) {
            return java.util.Optional.empty();
        }

        @Override
        public CompletableFuture<Void> stop(String broadcastId) {
            return CompletableFuture.completedFuture(null);
        }
    };

    private Absent() {
    }
}

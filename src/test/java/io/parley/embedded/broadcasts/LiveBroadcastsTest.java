package io.parley.embedded.broadcasts;

import io.parley.embedded.archives.LiveSessions;
import io.parley.embedded.sessions.SessionRecord;
import io.parley.testing.MutableClock;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveMode;
import io.parley.video.Broadcast;
import io.parley.video.BroadcastSpec;
import io.parley.video.BroadcastStatus;
import io.parley.video.Connection;
import io.parley.video.HlsOutput;
import io.parley.video.MediaMode;
import io.parley.video.Role;
import io.parley.video.Stream;
import io.parley.video.StreamMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded broadcasts' lifecycle over time: each start and stop is announced once, in order (status callbacks);
 * a broadcast ends at its maximum duration; its HLS files are served a while after it stopped, then removed.
 * The streamer here only records what it was asked: what is streamed is LiveBroadcastBrowserTest's.
 */
class LiveBroadcastsTest {

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<String> asked = new ArrayList<>();
    private final List<Broadcast> announced = new ArrayList<>();

    private final BroadcastStreamer streamer = new BroadcastStreamer() {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void start(Broadcast broadcast, Path into) {
            asked.add("start " + broadcast.id());
            try {
                Files.createDirectories(into.resolve("hls"));
                Files.writeString(into.resolve("hls").resolve("index.m3u8"), "#EXTM3U\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void changeLayout(String broadcastId, ArchiveLayout layout) {
            asked.add("layout " + broadcastId + " " + layout.type());
        }

        @Override
        public void layoutClassesChanged(String sessionId) {
            asked.add("classes " + sessionId);
        }

        @Override
        public String rtmpStatus(String broadcastId, int destination) {
            return "live";
        }

        @Override
        public Optional<Path> hlsFolder(String broadcastId) {
            return Optional.empty();
        }

        @Override
        public CompletableFuture<Void> stop(String broadcastId) {
            asked.add("stop " + broadcastId);
            return CompletableFuture.completedFuture(null);
        }
    };

    private final LiveSessions live = new LiveSessions() {
        @Override
        public List<Connection> connections(String sessionId) {
            return List.of(new Connection("c1", null, Role.MODERATOR, Instant.EPOCH));
        }

        @Override
        public List<String> sessionsWithStreams() {
            return List.of();
        }

        @Override
        public void archiveStarted(String sessionId, String archiveId, String name) {
        }

        @Override
        public void archiveStopped(String sessionId, String archiveId, String name) {
        }

        @Override
        public String connectionDataOf(String sessionId, String streamId) {
            return null;
        }

        @Override
        public Stream streamOf(String sessionId, String streamId) {
            return null;
        }
    };

    private final SessionRecord session = new SessionRecord("s-1", MediaMode.ROUTED, ArchiveMode.MANUAL,
            Instant.EPOCH);

    private LiveBroadcasts broadcasts() {
        return new LiveBroadcasts(streamer, live, folder.resolve("broadcasts"),
                (id, until) -> "/media/broadcasts/" + id + "/" + until.getEpochSecond() + "/sig/index.m3u8", clock,
                announced::add);
    }

    private static BroadcastSpec hls(Integer maxDuration) {
        return new BroadcastSpec(new HlsOutput(false, false), List.of(), null, null, StreamMode.AUTO, null,
                maxDuration, null);
    }

    @Test
    void aBroadcastEndsAtItsMaximumDurationAndItsFilesGoAMinuteLater() {
        LiveBroadcasts broadcasts = broadcasts();
        Broadcast started = broadcasts.start(session, hls(120));
        assertThat(started.hlsUrl())
                .contains("/" + clock.instant().plusSeconds(120 + 60 + 3600).getEpochSecond() + "/");
        assertThat(broadcasts.hlsFolder(started.id())).isPresent();

        clock.advance(Duration.ofSeconds(119));
        broadcasts.enforceLimits();
        assertThat(broadcasts.get(started.id()).orElseThrow().status()).isEqualTo(BroadcastStatus.STARTED);
        clock.advance(Duration.ofSeconds(1));
        broadcasts.enforceLimits();
        assertThat(broadcasts.get(started.id()).orElseThrow().status()).isEqualTo(BroadcastStatus.STOPPED);
        assertThat(asked).containsExactly("start " + started.id(), "stop " + started.id());
        assertThat(announced).extracting(Broadcast::status)
                .containsExactly(BroadcastStatus.STARTED, BroadcastStatus.STOPPED);

        // players may still fetch the end of the playlist, then the files go
        Path files = folder.resolve("broadcasts").resolve(started.id());
        clock.advance(LiveBroadcasts.KEEP_FILES.minusSeconds(1));
        broadcasts.enforceLimits();
        assertThat(broadcasts.hlsFolder(started.id())).isPresent();
        assertThat(files).exists();
        clock.advance(Duration.ofSeconds(1));
        broadcasts.enforceLimits();
        assertThat(broadcasts.hlsFolder(started.id())).isEmpty();
        assertThat(files).doesNotExist();
    }

    @Test
    void theDefaultMaximumIsVonagesFourHoursAndARestartLeavesNoFiles() {
        Broadcast started = broadcasts().start(session, hls(null));
        assertThat(started.maxDuration()).isEqualTo(LiveBroadcasts.DEFAULT_MAX_DURATION);
        assertThat(folder.resolve("broadcasts").resolve(started.id())).exists();
        // a new process: broadcasts lived in the old one's memory
        LiveBroadcasts restarted = broadcasts();
        assertThat(restarted.get(started.id())).isEmpty();
        assertThat(folder.resolve("broadcasts").resolve(started.id())).doesNotExist();
    }
}

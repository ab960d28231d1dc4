package io.parley.embedded.archives;

import io.parley.embedded.archives.playback.SignedMediaUrls;
import io.parley.embedded.sessions.FileSessionStore;
import io.parley.embedded.sessions.SessionRecord;
import io.parley.embedded.sessions.SessionRegistry;
import io.parley.storage.FileKeyMaterial;
import io.parley.storage.JsonStore;
import io.parley.testing.MutableClock;
import io.parley.testing.TestConfigs;
import io.parley.video.Archive;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveOptions;
import io.parley.video.ConflictException;
import io.parley.video.InvalidRequestException;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.LayoutType;
import io.parley.video.StreamMode;
import io.parley.video.ArchiveMode;
import io.parley.video.ArchiveSpec;
import io.parley.video.ArchiveStatus;
import io.parley.video.Connection;
import io.parley.video.MediaMode;
import io.parley.video.OutputMode;
import io.parley.video.Role;
import io.parley.video.SessionSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive lifecycle's rules, with the clock, the live sessions and the recorder played by the test. */
class ArchiveLifecycleRulesTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final FakeActivity activity = new FakeActivity();
    private final FakeRecorder recorder = new FakeRecorder();
    private final List<Archive> changes = new ArrayList<>();
    private JsonStore store;
    private SessionRegistry sessions;
    private ArchiveCatalog catalog;

    @BeforeEach
    void setUp() {
        store = TestConfigs.store(dataDir);
        sessions = new SessionRegistry(new FileSessionStore(store), clock);
        catalog = new ArchiveCatalog(store);
    }

    private ArchiveLifecycle archives() {
        return new ArchiveLifecycle(catalog, sessions, activity, recorder, TestConfigs.archives(), new SignedMediaUrls(new FileKeyMaterial(dataDir), clock), clock, changes::add);
    }

    private SessionRecord session(String sessionId) {
        return sessions.find(sessionId).orElseThrow();
    }

    private String routedSessionWithAClient(ArchiveMode mode) {
        String id = sessions.create(new SessionSpec(MediaMode.ROUTED, mode)).await().indefinitely().id();
        activity.connections.add(new Connection("c1", null, Role.PUBLISHER, clock.instant()));
        return id;
    }

    @Test
    void reportsEveryStatusInOrderAndBroadcastsStartAndStop() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive started = archives.start(session(sessionId), new ArchiveSpec("standup", OutputMode.COMPOSED, true, true, null));
        assertThat(started.resolution()).isEqualTo("640x480");
        archives.stop(started.id(), "stopped on request");

        assertThat(changes).extracting(Archive::status)
                .containsExactly(ArchiveStatus.STARTED, ArchiveStatus.STOPPED, ArchiveStatus.AVAILABLE);
        assertThat(activity.events).containsExactly("started " + started.id(), "stopped " + started.id());
        Archive available = archives.find(started.id()).orElseThrow();
        assertThat(available.url()).startsWith("/media/archives/" + started.id() + "?expires=");
        assertThat(available.duration()).isEqualTo(15);
    }

    @Test
    void stopsItselfAMinuteAfterTheLastClientLeft() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive archive = archives.start(session(sessionId), new ArchiveSpec(null, OutputMode.COMPOSED, true, true, null));

        activity.connections.clear();
        archives.enforceLimits();
        clock.advance(Duration.ofSeconds(30));
        archives.enforceLimits();
        assertThat(catalog.find(archive.id()).orElseThrow().status()).isEqualTo(ArchiveStatus.STARTED);

        clock.advance(Duration.ofSeconds(31));
        archives.enforceLimits();
        Archive stopped = catalog.find(archive.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(ArchiveStatus.AVAILABLE);
        assertThat(stopped.reason()).contains("60 s after the last client left");
    }

    @Test
    void aClientComingBackKeepsTheRecordingGoing() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive archive = archives.start(session(sessionId), new ArchiveSpec(null, OutputMode.COMPOSED, true, true, null));
        List<Connection> present = List.copyOf(activity.connections);

        activity.connections.clear();
        archives.enforceLimits();
        clock.advance(Duration.ofSeconds(50));
        activity.connections.addAll(present);
        archives.enforceLimits();
        activity.connections.clear();
        clock.advance(Duration.ofSeconds(50));
        archives.enforceLimits();
        assertThat(catalog.find(archive.id()).orElseThrow().status()).isEqualTo(ArchiveStatus.STARTED);
    }

    @Test
    void stopsItselfAtTheMaximumDuration() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive archive = archives.start(session(sessionId), new ArchiveSpec(null, OutputMode.COMPOSED, true, true, null));
        clock.advance(Duration.ofHours(4));
        archives.enforceLimits();
        assertThat(catalog.find(archive.id()).orElseThrow().reason()).contains("maximum duration");
    }

    @Test
    void alwaysSessionsStartRecordingWhenSomethingIsPublished() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.ALWAYS);
        archives.enforceLimits();
        assertThat(catalog.recordingIn(sessionId)).isEmpty();

        activity.withStreams.add(sessionId);
        archives.enforceLimits();
        archives.enforceLimits();
        assertThat(catalog.recordingIn(sessionId)).isPresent();
        assertThat(catalog.list(sessionId, 0, 10).items()).hasSize(1);
    }

    @Test
    void aRecordingThatFailsWhileRunningFailsTheArchiveAndTellsTheSession() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive archive = archives.start(session(sessionId), new ArchiveSpec(null, OutputMode.COMPOSED, true, true, null));

        recorder.failure.accept("recording failed: No space left on device");

        Archive failed = catalog.find(archive.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ArchiveStatus.FAILED);
        assertThat(failed.reason()).contains("No space left on device");
        assertThat(activity.events).contains("stopped " + archive.id());
        // the session can be recorded again
        assertThat(catalog.recordingIn(sessionId)).isEmpty();
    }

    @Test
    void archivesACrashInterruptedAreRecoveredAtStartUp() {
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        catalog.save(new Archive("a0000000-0000-4000-8000-000000000001", sessionId, "crashed", ArchiveStatus.STARTED,
                OutputMode.COMPOSED, true, true, "640x480", clock.instant(), 0, 0, null, null));

        archives().recoverInterrupted();

        Archive recovered = catalog.find("a0000000-0000-4000-8000-000000000001").orElseThrow();
        assertThat(recovered.status()).isEqualTo(ArchiveStatus.AVAILABLE);
        assertThat(recovered.reason()).contains("recovered");
        assertThat(recorder.recovered).containsExactly("a0000000-0000-4000-8000-000000000001");
        assertThat(changes).extracting(Archive::status).containsExactly(ArchiveStatus.STOPPED, ArchiveStatus.AVAILABLE);
    }


    static final class FakeActivity implements LiveSessions {
        final List<Connection> connections = new ArrayList<>();
        final List<String> withStreams = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<String> streams = new ArrayList<>();

        @Override
        public io.parley.video.Stream streamOf(String sessionId, String streamId) {
            return streams.contains(streamId) ? new io.parley.video.Stream(streamId, "c1", "cam",
                    io.parley.video.VideoType.CAMERA, true, true, List.of()) : null;
        }

        @Override
        public String connectionDataOf(String sessionId, String streamId) {
            return null;
        }

        @Override
        public List<Connection> connections(String sessionId) {
            return List.copyOf(connections);
        }

        @Override
        public List<String> sessionsWithStreams() {
            return List.copyOf(withStreams);
        }

        @Override
        public void archiveStarted(String sessionId, String archiveId, String name) {
            events.add("started " + archiveId);
        }

        @Override
        public void archiveStopped(String sessionId, String archiveId, String name) {
            events.add("stopped " + archiveId);
        }
    }

    /** Records like a real recorder would report it: 15 s and 1,000 bytes of output after each stop. */
    static class FakeRecorder implements ArchiveRecorder {
        Consumer<String> failure;
        final List<String> recovered = new ArrayList<>();
        final List<String> layoutChanges = new ArrayList<>();
        final List<String> streamChanges = new ArrayList<>();

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void start(Archive archive, Path folder, Consumer<String> onFailure) {
            this.failure = onFailure;
        }

        @Override
        public void changeLayout(String archiveId, io.parley.video.ArchiveLayout layout) {
            layoutChanges.add(archiveId + " " + layout.type());
        }

        @Override
        public void changeLayoutClasses(String archiveId, java.util.Map<String, List<String>> classesByStream) {
            layoutChanges.add(archiveId + " " + classesByStream);
        }

        @Override
        public void addStream(String archiveId, String streamId, boolean audio, boolean video) {
            streamChanges.add("add " + streamId + (audio ? " audio" : "") + (video ? " video" : ""));
        }

        @Override
        public void removeStream(String archiveId, String streamId) {
            streamChanges.add("remove " + streamId);
        }

        @Override
        public CompletableFuture<Outcome> stop(Archive archive, Path folder) {
            return CompletableFuture.completedFuture(new Outcome(ArchiveStatus.AVAILABLE, 15, 1000, null));
        }

        @Override
        public CompletableFuture<Outcome> recover(Archive archive, Path folder) {
            recovered.add(archive.id());
            return CompletableFuture.completedFuture(new Outcome(ArchiveStatus.AVAILABLE, 12, 900, null));
        }
    }

    private static ArchiveSpec tagged(String tag) {
        return new ArchiveSpec(null, OutputMode.COMPOSED, true, true, null,
                new ArchiveOptions(null, null, tag, null));
    }

    @Test
    void aRecordingComposedArchiveTakesLayoutChangesAndShowsTheCurrentLayout() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive archive = archives.start(session(sessionId), tagged(null));
        io.parley.video.ArchiveLayout pip = io.parley.video.ArchiveLayout.of(io.parley.video.LayoutType.PIP);

        archives.changeLayout(archive.id(), pip);
        archives.layoutClassesChanged(sessionId, java.util.Map.of("s1", List.of("focus")));
        archives.layoutClassesChanged("another-session", java.util.Map.of("s2", List.of("focus")));

        assertThat(recorder.layoutChanges).containsExactly(archive.id() + " PIP", archive.id() + " {s1=[focus]}");
        assertThat(archives.find(archive.id()).orElseThrow().options().layout()).isEqualTo(pip);
        assertThatThrownBy(() -> archives.changeLayout(archive.id(), new io.parley.video.ArchiveLayout(
                io.parley.video.LayoutType.CUSTOM, "stream { float: left; }", null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("float");
        assertThat(recorder.layoutChanges).as("a refused stylesheet changes nothing").hasSize(2);

        archives.stop(archive.id(), "stopped on request");
        assertThatThrownBy(() -> archives.changeLayout(archive.id(), pip)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not recording");
        assertThat(recorder.layoutChanges).hasSize(2);
    }

    @Test
    void anArchiveTakesABoundedNumberOfLayoutChanges() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive archive = archives.start(session(sessionId), tagged(null));
        io.parley.video.ArchiveLayout pip = io.parley.video.ArchiveLayout.of(io.parley.video.LayoutType.PIP);
        for (int i = 0; i < ArchiveLifecycle.MAX_LAYOUT_CHANGES - 1; i++) {
            archives.changeLayout(archive.id(), pip);
        }
        archives.layoutClassesChanged(sessionId, java.util.Map.of("s1", List.of("focus")));

        assertThatThrownBy(() -> archives.changeLayout(archive.id(), pip)).isInstanceOf(ConflictException.class)
                .hasMessageContaining(String.valueOf(ArchiveLifecycle.MAX_LAYOUT_CHANGES));
        assertThatThrownBy(() -> archives.requireLayoutChangesLeft(sessionId)).isInstanceOf(ConflictException.class);
        assertThat(recorder.layoutChanges).hasSize(ArchiveLifecycle.MAX_LAYOUT_CHANGES);

        archives.stop(archive.id(), "stopped on request");
        Archive next = archives.start(session(sessionId), tagged(null));
        archives.changeLayout(next.id(), pip);
    }

    @Test
    void anIndividualArchiveHasNoLayoutToChange() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive archive = archives.start(session(sessionId), new ArchiveSpec(null, OutputMode.INDIVIDUAL, true, true,
                null, ArchiveOptions.DEFAULT));
        assertThatThrownBy(() -> archives.changeLayout(archive.id(),
                io.parley.video.ArchiveLayout.of(io.parley.video.LayoutType.PIP)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("INDIVIDUAL");
        archives.layoutClassesChanged(sessionId, java.util.Map.of("s1", List.of("focus")));
        assertThat(recorder.layoutChanges).isEmpty();
    }

    @Test
    void aManualArchiveTakesStreamsOfItsSessionWhileItRecords() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive manual = archives.start(session(sessionId), new ArchiveSpec(null, OutputMode.COMPOSED, true, false,
                null, new ArchiveOptions(null, StreamMode.MANUAL, null, null)));
        activity.streams.add("s1");

        archives.addStream(manual.id(), "s1", null, null);
        archives.addStream(manual.id(), "s1", true, true);
        assertThatThrownBy(() -> archives.addStream(manual.id(), "s1", false, true))
                .as("video the archive does not record, and no audio").isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> archives.addStream(manual.id(), "gone", null, null))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("gone");
        archives.removeStream(manual.id(), "s1");
        assertThat(recorder.streamChanges).containsExactly("add s1 audio", "add s1 audio", "remove s1");

        archives.stop(manual.id(), "stopped on request");
        assertThatThrownBy(() -> archives.addStream(manual.id(), "s1", null, null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("not recording");
        Archive auto = archives.start(session(sessionId), tagged(null));
        assertThatThrownBy(() -> archives.addStream(auto.id(), "s1", null, null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("streamMode manual");
    }

    @Test
    void aSecondArchiveNeedsItsOwnTagAndTheSameTagIsAConflict() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        Archive first = archives.start(session(sessionId), tagged("main"));
        assertThat(first.options().multiArchiveTag()).isEqualTo("main");

        assertThatThrownBy(() -> archives.start(session(sessionId), tagged("main")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("main");
        assertThatThrownBy(() -> archives.start(session(sessionId), tagged(null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("multiArchiveTag");
        Archive copy = archives.start(session(sessionId), tagged("copy"));
        assertThat(copy.status()).as("another tag records alongside").isEqualTo(ArchiveStatus.STARTED);
        assertThatThrownBy(() -> archives.start(session(sessionId), tagged("copy")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("copy");

        archives.layoutClassesChanged(sessionId, java.util.Map.of("s1", List.of("focus")));
        assertThat(recorder.layoutChanges).as("both composed archives follow")
                .containsExactlyInAnyOrder(first.id() + " {s1=[focus]}", copy.id() + " {s1=[focus]}");

        archives.stop(first.id(), "stopped on request");
        assertThat(archives.find(copy.id()).orElseThrow().status()).isEqualTo(ArchiveStatus.STARTED);
        assertThat(archives.start(session(sessionId), tagged("main")).status()).isEqualTo(ArchiveStatus.STARTED);
    }

    @Test
    void aStylesheetTheComposerCannotFollowIsRefusedAndTheRestIsKept() {
        ArchiveLifecycle archives = archives();
        String sessionId = routedSessionWithAClient(ArchiveMode.MANUAL);
        assertThatThrownBy(() -> archives.start(session(sessionId), new ArchiveSpec(null, OutputMode.COMPOSED, true, true,
                null, new ArchiveOptions(new ArchiveLayout(LayoutType.CUSTOM, "stream { float: left; }", null),
                null, null, null))))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("float"));
        assertThat(catalog.recordingIn(sessionId)).isEmpty();

        ArchiveOptions options = new ArchiveOptions(ArchiveLayout.of(LayoutType.PIP), null, null, 500_000);
        Archive started = archives.start(session(sessionId), new ArchiveSpec(null, OutputMode.COMPOSED, true, true,
                "720x1280", options));
        archives.stop(started.id(), "stopped on request");
        Archive available = archives.find(started.id()).orElseThrow();
        assertThat(available.resolution()).isEqualTo("720x1280");
        assertThat(available.options()).isEqualTo(options);
    }

}

package io.parley.embedded.archives;

import io.parley.embedded.archives.playback.SignedMediaUrls;
import io.parley.embedded.layout.CustomStylesheet;
import io.parley.embedded.sessions.SessionRecord;
import io.parley.embedded.sessions.SessionRegistry;
import io.parley.video.Archive;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveMode;
import io.parley.video.ArchiveOptions;
import io.parley.video.ArchivePage;
import io.parley.video.ArchiveSpec;
import io.parley.video.ArchiveStatus;
import io.parley.video.ConflictException;
import io.parley.video.InvalidRequestException;
import io.parley.video.LayoutType;
import io.parley.video.MediaMode;
import io.parley.video.OutputMode;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.StreamMode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded platform's archives: Vonage's rules (routed sessions only, one archive at a time, a session needs
 * connected clients), the recording's lifecycle (STARTED, STOPPED while the output is made, AVAILABLE or FAILED),
 * the automatic stops (60 s after everyone left, the maximum duration), ALWAYS sessions, and recovery of archives a
 * crash interrupted. The archive files under the data directory are the truth.
 */
public final class ArchiveLifecycle {

    private static final Logger LOG = Logger.getLogger(ArchiveLifecycle.class);
    /** How an archive's reason says its output stays on this node because storing it failed. */
    private static final String KEPT_HERE = "kept on this node: ";
    /** What the recorder leaves as an archive's output: the composed MP4, or the individual streams' zip. */
    public static final List<String> MEDIA_FILES = List.of("archive.mp4", "archive.zip");
    public static final int MAX_LAYOUT_CHANGES = 500;

    private final ArchiveCatalog catalog;
    private final SessionRegistry sessions;
    private final LiveSessions live;
    private final ArchiveRecorder recorder;
    private final ArchiveStorage storage;
    private final ArchivesConfig config;
    private final SignedMediaUrls urls;
    private final Clock clock;
    private final Consumer<Archive> changed;
    private final Map<String, Instant> emptySince = new ConcurrentHashMap<>();
    /** Layout changes per recording archive, against {@link #MAX_LAYOUT_CHANGES}. */
    private final Map<String, Integer> layoutChanges = new ConcurrentHashMap<>();

    public ArchiveLifecycle(ArchiveCatalog catalog, SessionRegistry sessions, LiveSessions live, ArchiveRecorder recorder,
                     ArchivesConfig config, SignedMediaUrls urls, Clock clock, Consumer<Archive> changed) {
        this(catalog, sessions, live, recorder, ArchiveStorage.LOCAL, config, urls, clock, changed);
    }

    public ArchiveLifecycle(ArchiveCatalog catalog, SessionRegistry sessions, LiveSessions live, ArchiveRecorder recorder,
                     ArchiveStorage storage, ArchivesConfig config, SignedMediaUrls urls, Clock clock,
                     Consumer<Archive> changed) {
        this.storage = storage;
        this.catalog = catalog;
        this.sessions = sessions;
        this.live = live;
        this.recorder = recorder;
        this.config = config;
        this.urls = urls;
        this.clock = clock;
        this.changed = changed;
    }

    public synchronized Archive start(SessionRecord session, ArchiveSpec spec) {
        if (session.mediaMode() == MediaMode.RELAYED) {
            throw new ConflictException("The session is relayed (peer to peer); only routed sessions can be archived");
        }
        requireOptionsSupported(spec.options());
        catalog.recordingsIn(session.id()).forEach(running -> refuseSecondArchive(running, spec.options()));
        if (live.connections(session.id()).isEmpty()) {
            // the same answer Vonage gives: an archive records the clients that are connected, and there are none
            throw new ConflictException("The session has no connected clients to record");
        }
        if (!recorder.available()) {
            throw new ConflictException("This server runs no media router, so it cannot record");
        }
        String resolution = spec.resolution() == null ? config.defaultResolution() : spec.resolution();
        Archive archive = new Archive(UUID.randomUUID().toString(), session.id(), spec.name(), ArchiveStatus.STARTED,
                spec.outputMode(), spec.hasAudio(), spec.hasVideo(), resolution, clock.instant(), 0, 0, null, null,
                spec.options());
        save(archive);
        recorder.start(archive, catalog.folderOf(archive.id()), reason -> fail(archive.id(), reason));
        live.archiveStarted(session.id(), archive.id(), archive.name());
        return archive;
    }

    /** A custom layout's stylesheet must be one the embedded composer follows (the subset of CustomStylesheet). */
    private static void requireOptionsSupported(ArchiveOptions options) {
        if (options.layoutOrDefault().type() == LayoutType.CUSTOM) {
            // refused now (400, saying what) rather than failing the composition when the archive stops
            CustomStylesheet.parse(options.layoutOrDefault().stylesheet());
        }
    }

    /**
     * Vonage's rule: a session is recorded by one archive at a time unless each has its own multiArchiveTag, and two
     * archives with the same tag never run at once.
     */
    private static void refuseSecondArchive(Archive running, ArchiveOptions requested) {
        String runningTag = running.options().multiArchiveTag();
        String tag = requested.multiArchiveTag();
        if (runningTag == null || tag == null) {
            throw new ConflictException("The session is already being recorded by archive " + running.id()
                    + "; several archives of one session at once need a distinct multiArchiveTag each");
        }
        if (runningTag.equals(tag)) {
            throw new ConflictException("Archive " + running.id() + " with multiArchiveTag \"" + tag
                    + "\" is already recording this session");
        }
    }

    /**
     * Lays a recording composed archive out anew from this moment. Its record shows the current layout; the
     * recorder keeps each change with its time, and the composer follows them.
     */
    public synchronized void changeLayout(String archiveId, ArchiveLayout layout) {
        Archive archive = require(archiveId);
        requireLayoutChangesLeft(archive);
        if (archive.outputMode() != OutputMode.COMPOSED) {
            throw new ConflictException("Only a composed archive has a layout; this one is " + archive.outputMode());
        }
        if (!archive.status().isRecording()) {
            throw new ConflictException("The archive is not recording (status " + archive.status() + ")");
        }
        ArchiveOptions options = archive.options();
        requireOptionsSupported(new ArchiveOptions(layout, options.streamMode(), options.multiArchiveTag(),
                options.maxBitrate()));
        save(new Archive(archive.id(), archive.sessionId(), archive.name(), archive.status(), archive.outputMode(),
                archive.hasAudio(), archive.hasVideo(), archive.resolution(), archive.createdAt(), archive.duration(),
                archive.size(), archive.reason(), archive.url(), new ArchiveOptions(layout, options.streamMode(),
                options.multiArchiveTag(), options.maxBitrate())));
        layoutChanges.merge(archiveId, 1, Integer::sum);
        recorder.changeLayout(archiveId, layout);
    }

    /**
     * Refuses a layout change to an archive that has had {@value #MAX_LAYOUT_CHANGES}: each one is a segment per
     * stream in the composition, so a client changing layouts in a loop would make it as large as it liked.
     */
    public void requireLayoutChangesLeft(String sessionId) {
        catalog.recordingsIn(sessionId).forEach(this::requireLayoutChangesLeft);
    }

    private void requireLayoutChangesLeft(Archive archive) {
        if (layoutChanges.getOrDefault(archive.id(), 0) >= MAX_LAYOUT_CHANGES) {
            throw new ConflictException("Archive " + archive.id() + " has had " + MAX_LAYOUT_CHANGES
                    + " layout changes, the most one archive takes");
        }
    }

    /**
     * Adds a stream of the session to a recording manual-mode archive; null {@code hasAudio}/{@code hasVideo} take
     * the archive's own. The stream must be published in the session now.
     */
    public synchronized void addStream(String archiveId, String streamId, Boolean hasAudio, Boolean hasVideo) {
        Archive archive = requireManualRecording(archiveId);
        requireLiveStream(archive, streamId);
        boolean audio = hasAudio == null ? archive.hasAudio() : hasAudio && archive.hasAudio();
        boolean video = hasVideo == null ? archive.hasVideo() : hasVideo && archive.hasVideo();
        if (!audio && !video) {
            throw new InvalidRequestException("hasAudio",
                    "the stream would add neither audio nor video to the archive");
        }
        recorder.addStream(archiveId, streamId, audio, video);
    }

    public synchronized void removeStream(String archiveId, String streamId) {
        Archive archive = requireManualRecording(archiveId);
        requireLiveStream(archive, streamId);
        recorder.removeStream(archiveId, streamId);
    }

    private Archive requireManualRecording(String archiveId) {
        Archive archive = require(archiveId);
        if (!archive.status().isRecording()) {
            throw new ConflictException("The archive is not recording (status " + archive.status() + ")");
        }
        if (archive.options().streamMode() != StreamMode.MANUAL) {
            throw new ConflictException("Only an archive started with streamMode manual takes added streams; this "
                    + "one records every stream");
        }
        return archive;
    }

    private void requireLiveStream(Archive archive, String streamId) {
        if (live.streamOf(archive.sessionId(), streamId) == null) {
            throw new ResourceNotFoundException("stream", streamId);
        }
    }

    /** Streams' layout classes changed (the live session has them): an archive recording the session follows. */
    public synchronized void layoutClassesChanged(String sessionId, Map<String, List<String>> classesByStream) {
        catalog.recordingsIn(sessionId).stream().filter(a -> a.outputMode() == OutputMode.COMPOSED)
                .forEach(archive -> {
                    layoutChanges.merge(archive.id(), 1, Integer::sum);
                    recorder.changeLayoutClasses(archive.id(), classesByStream);
                });
    }

    public synchronized Archive stop(String archiveId, String reason) {
        Archive archive = require(archiveId);
        if (!archive.status().isRecording()) {
            throw new ConflictException("The archive is not recording (status " + archive.status() + ")");
        }
        long duration = Duration.between(archive.createdAt(), clock.instant()).toSeconds();
        Archive stopped = new Archive(archive.id(), archive.sessionId(), archive.name(), ArchiveStatus.STOPPED,
                archive.outputMode(), archive.hasAudio(), archive.hasVideo(), archive.resolution(),
                archive.createdAt(), duration, 0, reason, null, archive.options());
        save(stopped);
        emptySince.remove(archiveId);
        layoutChanges.remove(archiveId);
        live.archiveStopped(archive.sessionId(), archive.id(), archive.name());
        recorder.stop(stopped, catalog.folderOf(archiveId)).thenApply(outcome -> kept(stopped, outcome))
                .thenAccept(outcome -> finish(stopped, outcome, reason));
        return stopped;
    }

    /** The archive recording the session now, if one is. */
    public Optional<Archive> recordingIn(String sessionId) {
        return catalog.recordingIn(sessionId);
    }

    public Optional<Archive> find(String archiveId) {
        return catalog.find(archiveId).map(this::withPlaybackUrl);
    }

    public ArchivePage list(String sessionId, int offset, int count) {
        ArchivePage page = catalog.list(sessionId, offset, count);
        return new ArchivePage(page.count(), page.items().stream().map(this::withPlaybackUrl).toList());
    }

    /** Blocking: a stored copy is deleted too, outside this object's lock (it may take a network round trip). */
    public void delete(String archiveId) {
        Archive archive = requireDeletable(archiveId);
        deleteStored(archive, catalog.folderOf(archiveId));
        synchronized (this) {
            deleteMedia(archiveId);
            save(archive.withStatus(ArchiveStatus.DELETED, archive.reason()));
        }
    }

    private synchronized Archive requireDeletable(String archiveId) {
        Archive archive = require(archiveId);
        if (archive.status() == ArchiveStatus.DELETED) {
            // its media is gone: there is nothing left to delete
            throw new ResourceNotFoundException("archive", archiveId);
        }
        if (archive.status().isRecording()) {
            throw new ConflictException("The archive is still recording; stop it before deleting it");
        }
        return archive;
    }

    /** The archive's playable file, once it is AVAILABLE. */
    public Optional<Path> media(String archiveId) {
        return catalog.find(archiveId).filter(a -> a.status() == ArchiveStatus.AVAILABLE)
                .flatMap(a -> MEDIA_FILES.stream().map(catalog.folderOf(archiveId)::resolve)
                        .filter(Files::isRegularFile).findFirst());
    }

    /**
     * Once a second: archives stop 60 s after their session emptied or at their maximum duration, and ALWAYS
     * sessions start an archive as soon as something is published.
     */
    public void enforceLimits() {
        Instant now = clock.instant();
        for (Archive archive : catalog.recording()) {
            if (Duration.between(archive.createdAt(), now).compareTo(config.maxDuration()) >= 0) {
                stopQuietly(archive.id(), "stopped at the maximum duration of " + config.maxDuration());
                continue;
            }
            if (live.connections(archive.sessionId()).isEmpty()) {
                Instant since = emptySince.computeIfAbsent(archive.id(), id -> now);
                if (Duration.between(since, now).compareTo(config.emptySessionTimeout()) >= 0) {
                    stopQuietly(archive.id(), "stopped " + config.emptySessionTimeout().toSeconds()
                            + " s after the last client left");
                }
            } else {
                emptySince.remove(archive.id());
            }
        }
        for (String sessionId : live.sessionsWithStreams()) {
            sessions.find(sessionId).filter(s -> s.archiveMode() == ArchiveMode.ALWAYS)
                    .filter(s -> catalog.recordingIn(sessionId).isEmpty())
                    .ifPresent(this::startQuietly);
        }
    }

    /** At start-up: archives a crash left STARTED or STOPPED are finished from what was written. */
    public void recoverInterrupted() {
        for (Archive archive : catalog.all()) {
            if (archive.status() != ArchiveStatus.STARTED && archive.status() != ArchiveStatus.PAUSED
                    && archive.status() != ArchiveStatus.STOPPED) {
                continue;
            }
            LOG.infof("Archive %s was %s when Parley stopped; recovering it from what was written", archive.id(),
                    archive.status());
            Archive stopped = archive.withStatus(ArchiveStatus.STOPPED, "interrupted by a restart");
            save(stopped);
            String recovered = "recovered after Parley stopped while recording";
            recorder.recover(stopped, catalog.folderOf(archive.id())).thenApply(outcome -> kept(stopped, outcome))
                    .thenAccept(outcome -> finish(stopped, outcome.status() == ArchiveStatus.AVAILABLE
                            ? new ArchiveRecorder.Outcome(outcome.status(), outcome.duration(), outcome.size(),
                            outcome.reason() == null ? recovered : recovered + "; " + outcome.reason())
                            : outcome, recovered));
        }
    }

    /**
     * Stores again the outputs an earlier {@link ArchiveStorage#keep} could not (the bucket was down longer than the
     * SDK's retries): each AVAILABLE archive whose output is still only here. Blocking; on a timer of the facade.
     *
     * @return how many were stored now
     */
    public int retryPendingUploads() {
        int stored = 0;
        for (Archive archive : catalog.all()) {
            if (archive.status() != ArchiveStatus.AVAILABLE) {
                continue;
            }
            Path folder = catalog.folderOf(archive.id());
            Optional<Path> output = MEDIA_FILES.stream().map(folder::resolve).filter(Files::isRegularFile)
                    .findFirst();
            if (output.isEmpty() || !storage.pending(folder)) {
                continue;
            }
            try {
                storage.keep(archive, folder, output.get());
            } catch (ArchiveStorage.StorageFailedException e) {
                LOG.debugf("Archive %s still stays on this node: %s", archive.id(), e.getMessage());
                continue;
            }
            stored++;
            LOG.infof("Archive %s, kept on this node until now, is stored", archive.id());
            uploaded(archive.id());
        }
        return stored;
    }

    /** The archive's reason no longer says it is kept on this node (if it was not deleted meanwhile). */
    private synchronized void uploaded(String archiveId) {
        catalog.find(archiveId).filter(a -> a.status() == ArchiveStatus.AVAILABLE).ifPresent(current -> {
            String reason = current.reason() == null ? null : java.util.Arrays.stream(current.reason().split("; "))
                    .filter(part -> !part.startsWith(KEPT_HERE)).collect(java.util.stream.Collectors.joining("; "));
            save(new Archive(current.id(), current.sessionId(), current.name(), current.status(),
                    current.outputMode(), current.hasAudio(), current.hasVideo(), current.resolution(),
                    current.createdAt(), current.duration(), current.size(),
                    reason == null || reason.isEmpty() ? null : reason, null, current.options()));
        });
    }

    /**
     * Hands a made output to the storage before the archive is AVAILABLE (on the composer's thread, outside this
     * object's lock: an upload takes a while). If storing fails the output plays from this node, and says so.
     */
    private ArchiveRecorder.Outcome kept(Archive stopped, ArchiveRecorder.Outcome outcome) {
        if (outcome.status() != ArchiveStatus.AVAILABLE) {
            return outcome;
        }
        Path folder = catalog.folderOf(stopped.id());
        Optional<Path> output = MEDIA_FILES.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst();
        if (output.isEmpty()) {
            return outcome;
        }
        try {
            storage.keep(stopped, folder, output.get());
            return outcome;
        } catch (ArchiveStorage.StorageFailedException e) {
            LOG.warnf("Archive %s stays on this node: %s", stopped.id(), e.getMessage());
            String kept = KEPT_HERE + e.getMessage();
            return new ArchiveRecorder.Outcome(outcome.status(), outcome.duration(), outcome.size(),
                    outcome.reason() == null ? kept : outcome.reason() + "; " + kept);
        }
    }

    private synchronized void finish(Archive stopped, ArchiveRecorder.Outcome outcome, String stopReason) {
        Archive current = catalog.find(stopped.id()).orElse(stopped);
        if (current.status() == ArchiveStatus.DELETED) {
            return;
        }
        String reason = outcome.status() == ArchiveStatus.FAILED ? outcome.reason()
                : outcome.reason() != null ? outcome.reason() : stopReason;
        long duration = outcome.duration() > 0 ? outcome.duration() : stopped.duration();
        save(new Archive(stopped.id(), stopped.sessionId(), stopped.name(), outcome.status(), stopped.outputMode(),
                stopped.hasAudio(), stopped.hasVideo(), stopped.resolution(), stopped.createdAt(), duration,
                outcome.size(), reason, null, stopped.options()));
    }

    /** Recording failed while it ran (a full disk): the archive stops as FAILED; the session carries on. */
    private synchronized void fail(String archiveId, String reason) {
        Archive archive = catalog.find(archiveId).orElse(null);
        if (archive == null || !archive.status().isRecording()) {
            return;
        }
        LOG.warnf("Archive %s failed while recording: %s", archiveId, reason);
        save(archive.withStatus(ArchiveStatus.FAILED, reason));
        live.archiveStopped(archive.sessionId(), archive.id(), archive.name());
        recorder.stop(archive, catalog.folderOf(archiveId));
    }

    private void stopQuietly(String archiveId, String reason) {
        try {
            stop(archiveId, reason);
        } catch (ConflictException e) {
            // stopped meanwhile by someone else
        }
    }

    private void startQuietly(SessionRecord session) {
        try {
            start(session, new ArchiveSpec(null, OutputMode.COMPOSED, true, true, null));
        } catch (ConflictException e) {
            LOG.debugf("ALWAYS archive of session %s did not start: %s", session.id(), e.getMessage());
        }
    }

    private Archive withPlaybackUrl(Archive archive) {
        if (archive.status() != ArchiveStatus.AVAILABLE) {
            return archive;
        }
        return new Archive(archive.id(), archive.sessionId(), archive.name(), archive.status(), archive.outputMode(),
                archive.hasAudio(), archive.hasVideo(), archive.resolution(), archive.createdAt(), archive.duration(),
                archive.size(), archive.reason(), storage.playbackUrl(archive, catalog.folderOf(archive.id()))
                .orElseGet(() -> urls.sign(archive.id())), archive.options());
    }

    private Archive require(String archiveId) {
        return catalog.find(archiveId).orElseThrow(() -> new ResourceNotFoundException("archive", archiveId));
    }

    private void save(Archive archive) {
        catalog.save(archive);
        changed.accept(archive);
    }

    private void deleteStored(Archive archive, Path folder) {
        try {
            storage.delete(archive, folder);
        } catch (ArchiveStorage.StorageFailedException e) {
            LOG.warnf("Archive %s is deleted here, but its stored copy stays: %s", archive.id(), e.getMessage());
        }
    }

    private void deleteMedia(String archiveId) {
        Path folder = catalog.folderOf(archiveId);
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(f -> !f.getFileName().toString().equals("archive.json"))
                    .sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(f -> {
                        try {
                            if (!f.equals(folder)) {
                                Files.deleteIfExists(f);
                            }
                        } catch (IOException e) {
                            LOG.warnf("Could not delete %s: %s", f, e.getMessage());
                        }
                    });
        } catch (IOException e) {
            LOG.warnf("Could not delete the media of archive %s: %s", archiveId, e.getMessage());
        }
    }
}

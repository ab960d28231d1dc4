package io.parley.embedded.broadcasts;

import io.parley.embedded.archives.LiveSessions;
import io.parley.embedded.layout.CustomStylesheet;
import io.parley.embedded.sessions.SessionRecord;
import io.parley.video.ArchiveLayout;
import io.parley.video.Broadcast;
import io.parley.video.BroadcastPage;
import io.parley.video.BroadcastSpec;
import io.parley.video.BroadcastStatus;
import io.parley.video.ConflictException;
import io.parley.video.InvalidRequestException;
import io.parley.video.LayoutType;
import io.parley.video.MediaMode;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.RtmpOutput;
import io.parley.video.StreamMode;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The embedded platform's live broadcasts: Vonage's rules for starting, stopping and changing them, and their
 * records. A broadcast is live state: it lives in this node's memory and its HLS files in {@code broadcasts/{id}/}
 * under the data directory; a restart ends every broadcast (as a Vonage broadcast ends when its session's media
 * server goes), and the folders it leaves are removed at start-up.
 *
 * <p>The rules: only a routed session with connected clients can be broadcast; one running broadcast per session
 * and {@code multiBroadcastTag} (no tag counts as one tag); {@code maxDuration} (Vonage's default, 4 h) ends it;
 * {@code streamMode manual} is refused (Parley has no route to add streams to a broadcast). A stopped broadcast stays
 * listed (the last {@link #KEEP_STOPPED}); its HLS files go {@link #KEEP_FILES} after it stopped, so that players
 * can fetch the last segments of a playlist that has ended.
 */
public final class LiveBroadcasts {

    private static final Logger LOG = Logger.getLogger(LiveBroadcasts.class);
    public static final int DEFAULT_MAX_DURATION = 14_400;
    static final int KEEP_STOPPED = 100;
    static final Duration KEEP_FILES = Duration.ofSeconds(60);

    private final BroadcastStreamer streamer;
    private final LiveSessions live;
    private final Path folder;
    private final BiFunction<String, Instant, String> hlsUrl;
    private final Clock clock;
    private final java.util.function.Consumer<Broadcast> changed;
    private final Map<String, Broadcast> broadcasts = new LinkedHashMap<>();
    /** Stopped broadcasts whose HLS files are still there, with when they stopped. */
    private final Map<String, Instant> filesToRemove = new HashMap<>();

    /**
     * @param hlsUrl  the signed playlist URL of a broadcast, valid until the given instant
     * @param changed told of each start and stop, in order (status callbacks)
     */
    public LiveBroadcasts(BroadcastStreamer streamer, LiveSessions live, Path folder,
                          BiFunction<String, Instant, String> hlsUrl, Clock clock,
                          java.util.function.Consumer<Broadcast> changed) {
        this.streamer = streamer;
        this.live = live;
        this.folder = folder;
        this.hlsUrl = hlsUrl;
        this.clock = clock;
        this.changed = changed;
        removeFolder(folder);
    }

    public synchronized Broadcast start(SessionRecord session, BroadcastSpec spec) {
        if (session.mediaMode() == MediaMode.RELAYED) {
            throw new ConflictException("The session is relayed (peer to peer); only routed sessions can be broadcast");
        }
        if (spec.streamMode() == StreamMode.MANUAL) {
            throw new InvalidRequestException("streamMode", "the embedded platform broadcasts every stream (auto)");
        }
        ArchiveLayout layout = spec.layout() == null ? ArchiveLayout.BEST_FIT : spec.layout();
        requireSupported(layout);
        for (Broadcast running : running(session.id())) {
            if (Objects.equals(running.multiBroadcastTag(), spec.multiBroadcastTag())) {
                throw new ConflictException(spec.multiBroadcastTag() == null
                        ? "The session is already broadcast by " + running.id()
                        + "; give each broadcast of a session its own multiBroadcastTag"
                        : "Broadcast " + running.id() + " with multiBroadcastTag \"" + spec.multiBroadcastTag()
                        + "\" is running in this session");
            }
        }
        if (live.connections(session.id()).isEmpty()) {
            throw new ConflictException("The session has no connected clients to broadcast");
        }
        if (!streamer.available()) {
            throw new ConflictException("This server runs no media router, so it cannot broadcast");
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        int maxDuration = spec.maxDuration() == null ? DEFAULT_MAX_DURATION : spec.maxDuration();
        List<RtmpOutput> rtmp = new ArrayList<>();
        for (int i = 0; i < spec.rtmp().size(); i++) {
            RtmpOutput given = spec.rtmp().get(i);
            rtmp.add(new RtmpOutput(given.id() == null ? "rtmp-" + (i + 1) : given.id(), given.serverUrl(),
                    given.streamName(), "connecting"));
        }
        String url = spec.hls() == null ? null
                : hlsUrl.apply(id, now.plusSeconds(maxDuration).plus(KEEP_FILES).plus(Duration.ofHours(1)));
        Broadcast broadcast = new Broadcast(id, session.id(), BroadcastStatus.STARTED, now, now,
                spec.resolution() == null ? "640x480" : spec.resolution(), StreamMode.AUTO, spec.multiBroadcastTag(),
                maxDuration, spec.maxBitrate(), layout, spec.hls(), url, rtmp);
        streamer.start(broadcast, folder.resolve(id));
        broadcasts.put(id, broadcast);
        LOG.infof("Broadcast %s of session %s started (%s%d RTMP)", id, session.id(),
                spec.hls() == null ? "" : "HLS, ", rtmp.size());
        Broadcast reported = reported(broadcast);
        changed.accept(reported);
        return reported;
    }

    public Broadcast stop(String broadcastId) {
        return stop(broadcastId, "stopped on request");
    }

    private Broadcast stop(String broadcastId, String why) {
        Broadcast stopped;
        synchronized (this) {
            Broadcast broadcast = find(broadcastId);
            if (broadcast.status() != BroadcastStatus.STARTED) {
                throw new ConflictException("The broadcast is not running (status " + broadcast.status() + ")");
            }
            stopped = new Broadcast(broadcast.id(), broadcast.sessionId(), BroadcastStatus.STOPPED,
                    broadcast.createdAt(), clock.instant(), broadcast.resolution(), broadcast.streamMode(),
                    broadcast.multiBroadcastTag(), broadcast.maxDuration(), broadcast.maxBitrate(), broadcast.layout(),
                    broadcast.hls(), broadcast.hlsUrl(), broadcast.rtmp());
            broadcasts.put(broadcastId, stopped);
            forgetOldest();
            // in the lock: a receiver hears of a broadcast's start and stop in that order
            changed.accept(reported(stopped));
        }
        LOG.infof("Broadcast %s %s", broadcastId, why);
        streamer.stop(broadcastId).whenComplete((done, failure) -> {
            synchronized (this) {
                filesToRemove.put(broadcastId, clock.instant());
            }
        });
        return reported(stopped);
    }

    public synchronized Optional<Broadcast> get(String broadcastId) {
        return Optional.ofNullable(broadcasts.get(broadcastId)).map(this::reported);
    }

    /** Newest first; {@code sessionId} null for every session. */
    public synchronized BroadcastPage list(String sessionId, int offset, int count) {
        List<Broadcast> matching = broadcasts.values().stream()
                .filter(b -> sessionId == null || b.sessionId().equals(sessionId))
                .sorted(Comparator.comparing(Broadcast::createdAt).reversed())
                .toList();
        return new BroadcastPage(matching.size(), matching.stream().skip(offset).limit(count)
                .map(this::reported).toList());
    }

    public synchronized void changeLayout(String broadcastId, ArchiveLayout layout) {
        Broadcast broadcast = find(broadcastId);
        if (broadcast.status() != BroadcastStatus.STARTED) {
            throw new ConflictException("The broadcast is not running (status " + broadcast.status() + ")");
        }
        requireSupported(layout);
        broadcasts.put(broadcastId, broadcast.withLayout(layout));
        streamer.changeLayout(broadcastId, layout);
    }

    /** Broadcasts of the session lay its streams out by their new classes from now on. */
    public void layoutClassesChanged(String sessionId) {
        streamer.layoutClassesChanged(sessionId);
    }

    /** The HLS folder of a broadcast whose files are still served (running, or stopped a moment ago). */
    public synchronized Optional<Path> hlsFolder(String broadcastId) {
        Broadcast broadcast = broadcasts.get(broadcastId);
        if (broadcast == null || broadcast.hls() == null) {
            return Optional.empty();
        }
        if (broadcast.status() == BroadcastStatus.STARTED || filesToRemove.containsKey(broadcastId)) {
            return Optional.of(folder.resolve(broadcastId).resolve("hls"));
        }
        return Optional.empty();
    }

    /** Ends broadcasts at their maximum duration, and removes the files of those stopped a while ago. */
    public void enforceLimits() {
        Instant now = clock.instant();
        List<String> due;
        synchronized (this) {
            due = broadcasts.values().stream().filter(b -> b.status() == BroadcastStatus.STARTED)
                    .filter(b -> !now.isBefore(b.createdAt().plusSeconds(b.maxDuration())))
                    .map(Broadcast::id).toList();
        }
        for (String id : due) {
            try {
                stop(id, "stopped at its maximum duration");
            } catch (ConflictException e) {
                LOG.debugf("Broadcast %s stopped meanwhile", id);
            }
        }
        List<String> expired;
        synchronized (this) {
            expired = filesToRemove.entrySet().stream()
                    .filter(e -> !now.isBefore(e.getValue().plus(KEEP_FILES))).map(Map.Entry::getKey).toList();
            expired.forEach(filesToRemove::remove);
        }
        expired.forEach(id -> removeFolder(folder.resolve(id)));
    }

    /** Stops every running broadcast (the node is shutting down). */
    public void stopAll() {
        List<String> running;
        synchronized (this) {
            running = broadcasts.values().stream().filter(b -> b.status() == BroadcastStatus.STARTED)
                    .map(Broadcast::id).toList();
        }
        running.forEach(id -> stop(id, "stopped: the server is shutting down"));
    }

    private Broadcast find(String broadcastId) {
        Broadcast broadcast = broadcasts.get(broadcastId);
        if (broadcast == null) {
            throw new ResourceNotFoundException("broadcast", broadcastId);
        }
        return broadcast;
    }

    private List<Broadcast> running(String sessionId) {
        return broadcasts.values().stream().filter(b -> b.sessionId().equals(sessionId))
                .filter(b -> b.status() == BroadcastStatus.STARTED).toList();
    }

    /** What a caller sees: each RTMP destination's state now, and never its stream name (the service's key). */
    private Broadcast reported(Broadcast broadcast) {
        boolean stopped = broadcast.status() == BroadcastStatus.STOPPED;
        List<RtmpOutput> rtmp = new ArrayList<>();
        for (int i = 0; i < broadcast.rtmp().size(); i++) {
            RtmpOutput r = broadcast.rtmp().get(i);
            rtmp.add(new RtmpOutput(r.id(), r.serverUrl(), null,
                    stopped ? "offline" : streamer.rtmpStatus(broadcast.id(), i)));
        }
        return new Broadcast(broadcast.id(), broadcast.sessionId(), broadcast.status(), broadcast.createdAt(),
                broadcast.updatedAt(), broadcast.resolution(), broadcast.streamMode(), broadcast.multiBroadcastTag(),
                broadcast.maxDuration(), broadcast.maxBitrate(), broadcast.layout(), broadcast.hls(),
                broadcast.hlsUrl(), rtmp);
    }

    private void forgetOldest() {
        List<String> stopped = broadcasts.values().stream().filter(b -> b.status() == BroadcastStatus.STOPPED)
                .sorted(Comparator.comparing(Broadcast::updatedAt)).map(Broadcast::id).toList();
        for (int i = 0; i < stopped.size() - KEEP_STOPPED; i++) {
            broadcasts.remove(stopped.get(i));
        }
    }

    private static void requireSupported(ArchiveLayout layout) {
        if (layout.type() == LayoutType.CUSTOM) {
            CustomStylesheet.parse(layout.stylesheet());
        }
    }

    private static void removeFolder(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("Cannot remove %s: %s", path, e.getMessage());
        }
    }
}

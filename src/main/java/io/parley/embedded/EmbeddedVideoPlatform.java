package io.parley.embedded;

import io.parley.embedded.archives.ArchiveCatalog;
import io.parley.embedded.archives.ArchiveLifecycle;
import io.parley.embedded.archives.ArchiveStorage;
import io.parley.embedded.archives.s3.S3ArchiveStorage;
import io.parley.embedded.archives.ArchiveRecorder;
import io.parley.embedded.archives.ArchivesConfig;
import io.parley.embedded.archives.playback.ArchiveMediaSource;
import io.parley.embedded.archives.playback.BroadcastMediaSource;
import io.parley.embedded.broadcasts.BroadcastStreamer;
import io.parley.embedded.broadcasts.LiveBroadcasts;
import io.parley.embedded.archives.playback.SignedMediaUrls;
import io.parley.embedded.sessions.SessionRecord;
import io.parley.embedded.sessions.SessionRegistry;
import io.parley.embedded.sessions.SessionStore;
import io.parley.storage.KeyMaterial;
import io.parley.embedded.signaling.SessionHub;
import io.parley.nodes.Placement;
import io.parley.storage.JsonStore;
import io.parley.tokens.SigningKeys;
import io.parley.tokens.TokenIssuer;
import io.parley.tokens.VideoTokenVerifier;
import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchivePage;
import io.parley.video.ArchiveSpec;
import io.parley.video.Broadcast;
import io.parley.video.BroadcastChanged;
import io.parley.video.BroadcastPage;
import io.parley.video.BroadcastSpec;
import io.parley.video.Capability;
import io.parley.video.Connection;
import io.parley.video.InvalidTokenException;
import io.parley.video.IssuedToken;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.Session;
import io.parley.video.SessionMute;
import io.parley.video.SessionSpec;
import io.parley.video.Signal;
import io.parley.video.Stream;
import io.parley.video.TokenClaims;
import io.parley.video.TokenSpec;
import io.parley.video.VideoPlatform;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The platform that carries media inside Parley. This class is its control plane: sessions, tokens and the archive
 * catalog, all kept under the data directory. Media (signaling, the router, the recorder) plugs in behind it.
 */
@ApplicationScoped
@Typed({EmbeddedVideoPlatform.class, ArchiveMediaSource.class, BroadcastMediaSource.class})
public class EmbeddedVideoPlatform implements VideoPlatform, ArchiveMediaSource, BroadcastMediaSource {

    public static final String APPLICATION_ID = "parley";
    private static final Logger LOG = Logger.getLogger(EmbeddedVideoPlatform.class);
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.ARCHIVE_COMPOSED, Capability.ARCHIVE_INDIVIDUAL, Capability.FORCE_DISCONNECT,
            Capability.FORCE_MUTE, Capability.MUTE_SESSION, Capability.LIST_STREAMS,
            Capability.SIGNAL, Capability.ARCHIVE_LAYOUTS, Capability.ARCHIVE_MAX_BITRATE,
            Capability.STREAM_LAYOUT_CLASSES, Capability.LIST_CONNECTIONS, Capability.ARCHIVE_LAYOUT_CHANGE,
            Capability.MULTI_ARCHIVE, Capability.ARCHIVE_MANUAL_STREAMS, Capability.ARCHIVE_CUSTOM_LAYOUT,
            Capability.BROADCAST));

    private final SessionRegistry sessions;
    private final ArchiveCatalog archives;
    private final TokenIssuer issuer;
    private final VideoTokenVerifier verifier;
    private final SessionHub live;
    private final SignedMediaUrls mediaUrls;
    private final ArchiveLifecycle recordings;
    private final ArchiveStorage storage;
    private final LiveBroadcasts broadcasts;
    private final ScheduledExecutorService limits;
    /** Upload retries, on a thread of their own: a bucket that is down must not hold up the archive limits. */
    private final ScheduledExecutorService uploads;
    private final Placement placement;

    @Inject
    public EmbeddedVideoPlatform(JsonStore store, SessionStore sessionStore, KeyMaterial keyMaterial, SessionHub live,
                                 ArchiveRecorder recorder, BroadcastStreamer streamer, ArchivesConfig config,
                                 Placement placement, Event<ArchiveChanged> changes,
                                 Event<BroadcastChanged> broadcastChanges) {
        this(store, sessionStore, keyMaterial, live, recorder, streamer, config, placement,
                archive -> changes.fire(new ArchiveChanged(archive, Instant.now())),
                broadcast -> broadcastChanges.fire(new BroadcastChanged(broadcast, Instant.now())));
    }

    public EmbeddedVideoPlatform(JsonStore store, SessionStore sessionStore, KeyMaterial keyMaterial, SessionHub live,
                                 ArchiveRecorder recorder, BroadcastStreamer streamer, ArchivesConfig config,
                                 Placement placement, Consumer<Archive> changed, Consumer<Broadcast> broadcastChanged) {
        Clock clock = Clock.systemUTC();
        this.placement = placement;
        this.live = live;
        SigningKeys keys = SigningKeys.from(keyMaterial);
        this.sessions = new SessionRegistry(sessionStore, clock);
        // archives stay beside their media, on the node that recorded them (see ArchiveCatalog)
        this.archives = new ArchiveCatalog(store);
        this.issuer = new TokenIssuer(keys, APPLICATION_ID, clock);
        this.verifier = new VideoTokenVerifier(keys.publicKey(), SignatureAlgorithm.ES256, APPLICATION_ID);
        this.mediaUrls = new SignedMediaUrls(keyMaterial, clock);
        this.storage = config.storage() == ArchivesConfig.Storage.S3 ? new S3ArchiveStorage(config.s3())
                : ArchiveStorage.LOCAL;
        this.recordings = new ArchiveLifecycle(archives, sessions, live, recorder, storage, config, mediaUrls, clock,
                changed);
        this.broadcasts = new LiveBroadcasts(streamer, live, store.folder("broadcasts"), mediaUrls::signBroadcast,
                clock, broadcastChanged);
        this.limits = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-archive-limits");
            thread.setDaemon(true);
            return thread;
        });
        this.limits.scheduleWithFixedDelay(this::enforceLimits, 1, 1, TimeUnit.SECONDS);
        this.uploads = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-archive-uploads");
            thread.setDaemon(true);
            return thread;
        });
        if (storage != ArchiveStorage.LOCAL) {
            long retry = Math.max(1, config.s3().retryInterval().toSeconds());
            this.uploads.scheduleWithFixedDelay(this::retryPendingUploads, retry, retry, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void close() {
        limits.shutdownNow();
        uploads.shutdownNow();
        broadcasts.stopAll();
        if (storage instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("Closing the archive storage: %s", e.getMessage());
            }
        }
    }

    private void retryPendingUploads() {
        try {
            recordings.retryPendingUploads();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Retrying archive uploads failed");
        }
    }

    private void enforceLimits() {
        try {
            recordings.enforceLimits();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Checking archive limits failed");
        }
        try {
            broadcasts.enforceLimits();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Checking broadcast limits failed");
        }
    }

    /**
     * Finishes archives a crash interrupted. Not done in the constructor: the status changes it announces reach
     * observers that ask the platform for its application id, which must not re-enter its creation.
     */
    public void recoverInterruptedArchives() {
        recordings.recoverInterrupted();
    }

    @Override
    public boolean verify(String archiveId, String expires, String signature) {
        return mediaUrls.verify(archiveId, expires, signature);
    }

    @Override
    public Optional<Path> media(String archiveId) {
        return recordings.media(archiveId);
    }

    @Override
    public boolean verifyBroadcast(String broadcastId, String expires, String signature) {
        return mediaUrls.verifyBroadcast(broadcastId, expires, signature);
    }

    @Override
    public Optional<Path> hlsFolder(String broadcastId) {
        return broadcasts.hlsFolder(broadcastId);
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String applicationId() {
        return APPLICATION_ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Uni<Session> createSession(SessionSpec spec) {
        return sessions.create(spec).map(this::toSession);
    }

    @Override
    public Uni<Session> getSession(String sessionId) {
        return session(sessionId).map(this::toSession);
    }

    @Override
    public Uni<IssuedToken> issueToken(String sessionId, TokenSpec spec) {
        return session(sessionId).chain(session -> {
            IssuedToken token = issuer.issue(session.id(), spec);
            return placement.place(session.id())
                    .map(carrier -> carrier.map(node -> token.at(node.signalingUrl())).orElse(token));
        });
    }

    @Override
    public Uni<TokenClaims> verifyToken(String token) {
        return Uni.createFrom().item(() -> verifier.verify(token))
                .chain(claims -> sessions.lookup(claims.sessionId()).map(session -> {
                    // a token for a session this platform does not hold is as good as forged
                    if (session.isEmpty()) {
                        throw new InvalidTokenException("The token's session does not exist");
                    }
                    return claims;
                }));
    }

    @Override
    public Uni<Archive> startArchive(String sessionId, ArchiveSpec spec) {
        return session(sessionId).chain(session -> onWorker(() -> recordings.start(session, spec)));
    }

    @Override
    public Uni<Archive> stopArchive(String archiveId) {
        return onWorker(() -> recordings.stop(archiveId, "stopped on request"));
    }

    @Override
    public Uni<Archive> getArchive(String archiveId) {
        return Uni.createFrom().item(() -> recordings.find(archiveId)
                .orElseThrow(() -> new ResourceNotFoundException("archive", archiveId)));
    }

    @Override
    public Uni<ArchivePage> listArchives(String sessionId, int offset, int count) {
        return Uni.createFrom().item(() -> recordings.list(sessionId, offset, count));
    }

    @Override
    public Uni<Void> deleteArchive(String archiveId) {
        return onWorker(() -> {
            recordings.delete(archiveId);
            return null;
        });
    }

    @Override
    public Uni<Void> disconnect(String sessionId, String connectionId) {
        return session(sessionId).map(session -> {
            if (!live.forceDisconnect(session.id(), connectionId)) {
                throw new ResourceNotFoundException("connection", connectionId);
            }
            return null;
        });
    }

    @Override
    public Uni<Void> muteStream(String sessionId, String streamId) {
        return session(sessionId).map(session -> {
            if (!live.forceMute(session.id(), streamId)) {
                throw new ResourceNotFoundException("stream", streamId);
            }
            return null;
        });
    }

    @Override
    public Uni<Void> muteSession(String sessionId, SessionMute mute) {
        return session(sessionId).map(session -> {
            live.muteSession(session.id(), mute);
            return null;
        });
    }

    @Override
    public Uni<List<Stream>> listStreams(String sessionId) {
        return session(sessionId).map(session -> live.streams(session.id()));
    }

    @Override
    public Uni<Stream> getStream(String sessionId, String streamId) {
        return listStreams(sessionId).map(streams -> streams.stream().filter(s -> s.id().equals(streamId))
                .findFirst().orElseThrow(() -> new ResourceNotFoundException("stream", streamId)));
    }

    @Override
    public Uni<List<Connection>> listConnections(String sessionId) {
        return session(sessionId).map(session -> live.connections(session.id()));
    }

    /** Delivered as the signaling protocol's {@code signal} event, {@code from} "server". */
    @Override
    public Uni<Void> signal(String sessionId, String connectionId, Signal signal) {
        return session(sessionId).map(session -> {
            if (!live.signal(session.id(), connectionId, signal.type(), signal.data())) {
                throw new ResourceNotFoundException("connection", connectionId);
            }
            return null;
        });
    }

    @Override
    public Uni<Void> setArchiveLayout(String archiveId, ArchiveLayout layout) {
        return onWorker(() -> {
            recordings.changeLayout(archiveId, layout);
            return null;
        });
    }

    /**
     * Classes are kept on the live streams (the session's streams report them, and archives started later lay
     * streams out by them); an archive recording the session follows the change from this moment.
     */
    @Override
    public Uni<Void> setStreamLayoutClasses(String sessionId, Map<String, List<String>> classesByStream) {
        return session(sessionId).map(session -> {
            recordings.requireLayoutChangesLeft(session.id());
            String unknown = live.setLayoutClasses(session.id(), classesByStream);
            if (unknown != null) {
                throw new ResourceNotFoundException("stream", unknown);
            }
            recordings.layoutClassesChanged(session.id(), classesByStream);
            broadcasts.layoutClassesChanged(session.id());
            return null;
        });
    }

    @Override
    public Uni<Void> addArchiveStream(String archiveId, String streamId, Boolean hasAudio, Boolean hasVideo) {
        return onWorker(() -> {
            recordings.addStream(archiveId, streamId, hasAudio, hasVideo);
            return null;
        });
    }

    @Override
    public Uni<Void> removeArchiveStream(String archiveId, String streamId) {
        return onWorker(() -> {
            recordings.removeStream(archiveId, streamId);
            return null;
        });
    }

    @Override
    public Uni<Broadcast> startBroadcast(String sessionId, BroadcastSpec spec) {
        return session(sessionId).chain(session -> onWorker(() -> broadcasts.start(session, spec)));
    }

    @Override
    public Uni<Broadcast> stopBroadcast(String broadcastId) {
        return onWorker(() -> broadcasts.stop(broadcastId));
    }

    @Override
    public Uni<Broadcast> getBroadcast(String broadcastId) {
        return Uni.createFrom().item(() -> broadcasts.get(broadcastId)
                .orElseThrow(() -> new ResourceNotFoundException("broadcast", broadcastId)));
    }

    @Override
    public Uni<BroadcastPage> listBroadcasts(String sessionId, int offset, int count) {
        return Uni.createFrom().item(() -> broadcasts.list(sessionId, offset, count));
    }

    @Override
    public Uni<Void> setBroadcastLayout(String broadcastId, ArchiveLayout layout) {
        return Uni.createFrom().item(() -> {
            broadcasts.changeLayout(broadcastId, layout);
            return null;
        });
    }

    private Uni<SessionRecord> session(String sessionId) {
        return sessions.lookup(sessionId)
                .map(found -> found.orElseThrow(() -> new ResourceNotFoundException("session", sessionId)));
    }


    private Session toSession(SessionRecord record) {
        return new Session(record.id(), record.mediaMode(), record.archiveMode(), record.createdAt(),
                live.connections(record.id()), live.streams(record.id()));
    }

    /** File writes stay off the event loop. */
    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

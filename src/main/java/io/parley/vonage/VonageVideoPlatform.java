package io.parley.vonage;

import com.vonage.client.video.ListStreamCompositionsRequest;
import com.vonage.client.video.SessionStream;
import com.vonage.client.video.SignalRequest;
import com.vonage.client.video.VideoClient;
import io.parley.tokens.VideoTokenVerifier;
import io.parley.video.Archive;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveOptions;
import io.parley.video.ArchivePage;
import io.parley.video.ArchiveSpec;
import io.parley.video.Broadcast;
import io.parley.video.BroadcastPage;
import io.parley.video.BroadcastSpec;
import io.parley.video.Capability;
import io.parley.video.Connection;
import io.parley.video.IssuedToken;
import io.parley.video.Session;
import io.parley.video.SessionMute;
import io.parley.video.SessionSpec;
import io.parley.video.Signal;
import io.parley.video.Stream;
import io.parley.video.TokenClaims;
import io.parley.video.TokenSpec;
import io.parley.video.UnsupportedCapabilityException;
import io.parley.video.UpstreamUnavailableException;
import io.parley.video.VideoPlatform;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.apache.http.impl.client.CloseableHttpClient;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Vonage Video API behind Parley's port, through the official SDK. Only {@link io.parley.PlatformSelection}
 * exposes it (it is typed to its own class), so it is never built unless {@code parley.platform=vonage}.
 *
 * <p>Idempotent reads retry on outages with backoff; writes do not, because a start or stop that reached Vonage
 * before the connection broke must not be repeated.
 */
@ApplicationScoped
@Typed(VonageVideoPlatform.class)
public class VonageVideoPlatform implements VideoPlatform {

    private static final Logger LOG = Logger.getLogger(VonageVideoPlatform.class);
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.ARCHIVE_COMPOSED, Capability.ARCHIVE_INDIVIDUAL, Capability.FORCE_DISCONNECT,
            Capability.FORCE_MUTE, Capability.MUTE_SESSION, Capability.LIST_STREAMS,
            Capability.SIGNAL, Capability.ARCHIVE_LAYOUTS, Capability.ARCHIVE_CUSTOM_LAYOUT,
            Capability.ARCHIVE_MANUAL_STREAMS, Capability.ARCHIVE_MAX_BITRATE, Capability.MULTI_ARCHIVE,
            Capability.ARCHIVE_LAYOUT_CHANGE, Capability.STREAM_LAYOUT_CLASSES, Capability.BROADCAST));

    private final VonageCredentials credentials;
    private final CloseableHttpClient http;
    private final VideoClient video;
    private final BlockingCalls calls;
    private final VideoTokenVerifier verifier;
    private final ArchiveStateCache pushed;

    public VonageVideoPlatform(VonageConfig config, ArchiveStateCache pushed) {
        this.credentials = VonageCredentials.load(config);
        this.http = VideoClientFactory.httpClient(config.timeout(), BlockingCalls.THREADS);
        this.video = VideoClientFactory.videoClient(credentials, config, http);
        this.calls = new BlockingCalls(config.timeout());
        this.verifier = new VideoTokenVerifier(credentials.publicKey(), SignatureAlgorithm.RS256,
                credentials.applicationId());
        this.pushed = pushed;
        LOG.infof("Vonage video platform ready for application %s (timeout %s)", credentials.applicationId(),
                config.timeout());
    }

    @PreDestroy
    void close() {
        calls.close();
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("Closing the Vonage HTTP client failed", e);
        }
    }

    @Override
    public String name() {
        return "vonage";
    }

    @Override
    public String applicationId() {
        return credentials.applicationId();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Uni<Session> createSession(SessionSpec spec) {
        VonageCall call = VonageCall.of("create a session", "session", null).field("archiveMode");
        return calls.call(call, () -> video.createSession(VonageMapper.sessionRequest(spec)))
                .map(created -> new Session(created.getSessionId(), spec.mediaMode(), spec.archiveMode(),
                        Instant.now(), List.of(), List.of()));
    }

    /**
     * Vonage reports a session's streams, not its connections, media mode or archive mode: those stay empty or
     * null rather than invented.
     */
    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 50, retryOn = UpstreamUnavailableException.class)
    @ExponentialBackoff
    public Uni<Session> getSession(String sessionId) {
        VonageCall call = VonageCall.of("list the session's streams", "session", sessionId).field("sessionId");
        return calls.call(call, () -> video.listStreams(sessionId))
                .map(streams -> {
                    List<Stream> mapped = streams.stream().map(VonageMapper::stream).toList();
                    return new Session(sessionId, null, null, null, List.of(), mapped);
                });
    }

    @Override
    public Uni<IssuedToken> issueToken(String sessionId, TokenSpec spec) {
        VonageCall call = VonageCall.of("sign a token", "session", sessionId).field("data");
        return calls.call(call, () -> video.generateToken(sessionId, VonageMapper.tokenOptions(spec)))
                .map(token -> {
                    // the expiry as signed, rather than recomputed from the requested TTL
                    TokenClaims claims = verifier.verify(token);
                    return new IssuedToken(token, sessionId, credentials.applicationId(), spec.role(),
                            claims.expiresAt());
                });
    }

    @Override
    public Uni<TokenClaims> verifyToken(String token) {
        return Uni.createFrom().item(() -> verifier.verify(token));
    }

    @Override
    public Uni<Archive> startArchive(String sessionId, ArchiveSpec spec) {
        VonageCall call = VonageCall.of("start an archive", "session", sessionId).field("outputMode");
        return calls.call(call, () -> video.createArchive(VonageMapper.archiveRequest(sessionId, spec)))
                .map(VonageMapper::archive)
                // Vonage's answer carries no layout the SDK reads: report the one it accepted
                .map(a -> a.withOptions(new ArchiveOptions(spec.options().layout(), a.options().streamMode(),
                        a.options().multiArchiveTag(), a.options().maxBitrate())))
                .call(pushed::update);
    }

    @Override
    public Uni<Archive> stopArchive(String archiveId) {
        VonageCall call = VonageCall.of("stop the archive", "archive", archiveId);
        return calls.call(call, () -> video.stopArchive(archiveId))
                .map(VonageMapper::archive)
                .call(pushed::update);
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 50, retryOn = UpstreamUnavailableException.class)
    @ExponentialBackoff
    public Uni<Archive> getArchive(String archiveId) {
        VonageCall call = VonageCall.of("get the archive", "archive", archiveId);
        return calls.call(call, () -> video.getArchive(archiveId))
                .map(VonageMapper::archive)
                .chain(pushed::merge);
    }

    /**
     * The SDK returns one page without Vonage's total, so {@code count} is exact when the page is not full and a
     * lower bound (what has been seen so far) when it is.
     */
    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 50, retryOn = UpstreamUnavailableException.class)
    @ExponentialBackoff
    public Uni<ArchivePage> listArchives(String sessionId, int offset, int count) {
        VonageCall call = VonageCall.of("list archives", "session", sessionId).field("sessionId");
        ListStreamCompositionsRequest request = page(sessionId, offset, count);
        return calls.call(call, () -> video.listArchives(request))
                .chain(archives -> {
                    if (archives.isEmpty()) {
                        return Uni.createFrom().item(new ArchivePage(offset, List.of()));
                    }
                    List<Uni<Archive>> merged = archives.stream().map(VonageMapper::archive).map(pushed::merge)
                            .toList();
                    return Uni.join().all(merged).andFailFast()
                            .map(items -> new ArchivePage((long) offset + items.size(), items));
                });
    }

    @Override
    public Uni<Void> deleteArchive(String archiveId) {
        VonageCall call = VonageCall.of("delete the archive", "archive", archiveId);
        return calls.run(call, () -> video.deleteArchive(archiveId));
    }

    @Override
    public Uni<Void> disconnect(String sessionId, String connectionId) {
        VonageCall call = VonageCall.of("force the connection out", "connection", connectionId);
        return calls.run(call, () -> video.forceDisconnect(sessionId, connectionId));
    }

    @Override
    public Uni<Void> muteStream(String sessionId, String streamId) {
        VonageCall call = VonageCall.of("mute the stream", "stream", streamId);
        return calls.run(call, () -> video.muteStream(sessionId, streamId));
    }

    @Override
    public Uni<Void> muteSession(String sessionId, SessionMute mute) {
        VonageCall call = VonageCall.of("mute the session", "session", sessionId).field("excludedStreamIds");
        return calls.run(call, () -> video.muteSession(sessionId, mute.active(), mute.excludedStreamIds()));
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 50, retryOn = UpstreamUnavailableException.class)
    @ExponentialBackoff
    public Uni<List<Stream>> listStreams(String sessionId) {
        VonageCall call = VonageCall.of("list the session's streams", "session", sessionId);
        return calls.call(call, () -> video.listStreams(sessionId))
                .map(streams -> streams.stream().map(VonageMapper::stream).toList());
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 50, retryOn = UpstreamUnavailableException.class)
    @ExponentialBackoff
    public Uni<Stream> getStream(String sessionId, String streamId) {
        VonageCall call = VonageCall.of("get the stream", "stream", streamId);
        return calls.call(call, () -> video.getStream(sessionId, streamId)).map(VonageMapper::stream);
    }

    @Override
    public Uni<Void> signal(String sessionId, String connectionId, Signal signal) {
        SignalRequest request = SignalRequest.builder().type(signal.type()).data(signal.data()).build();
        if (connectionId == null) {
            VonageCall call = VonageCall.of("signal the session", "session", sessionId);
            return calls.run(call, () -> video.signalAll(sessionId, request));
        }
        VonageCall call = VonageCall.of("signal the connection", "connection", connectionId);
        return calls.run(call, () -> video.signal(sessionId, connectionId, request));
    }

    @Override
    public Uni<Void> setArchiveLayout(String archiveId, ArchiveLayout layout) {
        VonageCall call = VonageCall.of("change the archive's layout", "archive", archiveId).field("type");
        return calls.run(call, () -> video.updateArchiveLayout(archiveId, VonageMapper.layout(layout)));
    }

    @Override
    public Uni<Void> setStreamLayoutClasses(String sessionId, Map<String, List<String>> classesByStream) {
        VonageCall call = VonageCall.of("set the streams' layout classes", "stream",
                String.join(", ", classesByStream.keySet())).field("items");
        return calls.run(call, () -> video.setStreamLayout(sessionId, classesByStream.entrySet().stream()
                .map(e -> SessionStream.builder(e.getKey()).layoutClassList(e.getValue()).build()).toList()));
    }

    @Override
    public Uni<Void> addArchiveStream(String archiveId, String streamId, Boolean hasAudio, Boolean hasVideo) {
        VonageCall call = VonageCall.of("add the stream to the archive", "archive or stream",
                archiveId + " / " + streamId);
        return calls.run(call, () -> video.addArchiveStream(archiveId, streamId, hasAudio, hasVideo));
    }

    @Override
    public Uni<Void> removeArchiveStream(String archiveId, String streamId) {
        VonageCall call = VonageCall.of("remove the stream from the archive", "archive or stream",
                archiveId + " / " + streamId);
        return calls.run(call, () -> video.removeArchiveStream(archiveId, streamId));
    }

    /** SDK 9.3.1, which Parley builds with, has no call that lists a session's connections. */
    @Override
    public Uni<List<Connection>> listConnections(String sessionId) {
        return Uni.createFrom().failure(new UnsupportedCapabilityException(name(), Capability.LIST_CONNECTIONS,
                "the Vonage Server SDK version Parley uses offers no call that lists connections; Vonage reports "
                        + "them to clients as connectionCreated events"));
    }

    @Override
    public Uni<Broadcast> startBroadcast(String sessionId, BroadcastSpec spec) {
        VonageCall call = VonageCall.of("start a broadcast", "session", sessionId).field("outputs");
        return calls.call(call, () -> video.createBroadcast(VonageMapper.broadcastRequest(sessionId, spec)))
                // as for archives, the SDK reads no layout back: report the one Vonage accepted
                .map(b -> VonageMapper.broadcast(b).withLayout(spec.layout()));
    }

    @Override
    public Uni<Broadcast> stopBroadcast(String broadcastId) {
        VonageCall call = VonageCall.of("stop the broadcast", "broadcast", broadcastId);
        return calls.call(call, () -> video.stopBroadcast(broadcastId)).map(VonageMapper::broadcast);
    }

    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 50, retryOn = UpstreamUnavailableException.class)
    @ExponentialBackoff
    public Uni<Broadcast> getBroadcast(String broadcastId) {
        VonageCall call = VonageCall.of("get the broadcast", "broadcast", broadcastId);
        return calls.call(call, () -> video.getBroadcast(broadcastId)).map(VonageMapper::broadcast);
    }

    /** One page, without Vonage's total: {@code count} is exact when the page is not full, as for archives. */
    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 50, retryOn = UpstreamUnavailableException.class)
    @ExponentialBackoff
    public Uni<BroadcastPage> listBroadcasts(String sessionId, int offset, int count) {
        VonageCall call = VonageCall.of("list broadcasts", "session", sessionId).field("sessionId");
        ListStreamCompositionsRequest request = page(sessionId, offset, count);
        return calls.call(call, () -> video.listBroadcasts(request))
                .map(found -> new BroadcastPage((long) offset + found.size(),
                        found.stream().map(VonageMapper::broadcast).toList()));
    }

    @Override
    public Uni<Void> setBroadcastLayout(String broadcastId, ArchiveLayout layout) {
        VonageCall call = VonageCall.of("change the broadcast's layout", "broadcast", broadcastId).field("type");
        return calls.run(call, () -> video.updateBroadcastLayout(broadcastId, VonageMapper.layout(layout)));
    }

    /** One page of archives or broadcasts, of one session or (null) all. */
    private static ListStreamCompositionsRequest page(String sessionId, int offset, int count) {
        ListStreamCompositionsRequest.Builder request = ListStreamCompositionsRequest.builder()
                .offset(offset).count(count);
        if (sessionId != null) {
            request.sessionId(sessionId);
        }
        return request.build();
    }
}

package io.parley.video;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The port to a video platform: everything Parley asks of the system that carries the media. Every method is
 * non-blocking; failures arrive as {@link VideoPlatformException} subclasses, never as raw SDK or I/O errors.
 */
public interface VideoPlatform {

    /** The platform's name as clients see it: "embedded" or "vonage". */
    String name();

    /** The application id clients pass to their SDK along with the session id and token. */
    String applicationId();

    /** What this platform can do; an operation needing a capability it lacks fails with {@link UnsupportedCapabilityException}. */
    Set<Capability> capabilities();

    Uni<Session> createSession(SessionSpec spec);

    /** The session with its connections and streams, as far as the platform knows them. */
    Uni<Session> getSession(String sessionId);

    Uni<IssuedToken> issueToken(String sessionId, TokenSpec spec);

    /** Verifies signature, expiry and application; fails with {@link InvalidTokenException}. */
    Uni<TokenClaims> verifyToken(String token);

    Uni<Archive> startArchive(String sessionId, ArchiveSpec spec);

    Uni<Archive> stopArchive(String archiveId);

    Uni<Archive> getArchive(String archiveId);

    /** Archives newest first; {@code sessionId} may be null for all sessions. */
    Uni<ArchivePage> listArchives(String sessionId, int offset, int count);

    Uni<Void> deleteArchive(String archiveId);

    Uni<Void> disconnect(String sessionId, String connectionId);

    Uni<Void> muteStream(String sessionId, String streamId);

    /** Mutes everyone's audio but the excluded streams' (see {@link SessionMute}); capability {@link Capability#MUTE_SESSION}. */
    Uni<Void> muteSession(String sessionId, SessionMute mute);

    /** The streams published in the session now; capability {@link Capability#LIST_STREAMS}. */
    Uni<List<Stream>> listStreams(String sessionId);

    /** One stream of the session; fails with {@link ResourceNotFoundException} when there is none. */
    Uni<Stream> getStream(String sessionId, String streamId);

    /** The clients connected to the session now; capability {@link Capability#LIST_CONNECTIONS}. */
    Uni<List<Connection>> listConnections(String sessionId);

    /**
     * Sends a signal from the back end to every client of the session ({@code connectionId} null) or to one;
     * capability {@link Capability#SIGNAL}. A connection that is not connected is {@link ResourceNotFoundException}.
     */
    Uni<Void> signal(String sessionId, String connectionId, Signal signal);

    /** Changes a recording composed archive's layout from now on; capability {@link Capability#ARCHIVE_LAYOUT_CHANGE}. */
    Uni<Void> setArchiveLayout(String archiveId, ArchiveLayout layout);

    /**
     * Sets the layout classes of streams of the session (each listed stream gets exactly its list); capability
     * {@link Capability#STREAM_LAYOUT_CLASSES}. An unknown stream is {@link ResourceNotFoundException}.
     */
    Uni<Void> setStreamLayoutClasses(String sessionId, Map<String, List<String>> classesByStream);

    /** Adds a stream to a manual-mode archive; null {@code hasAudio}/{@code hasVideo} take the archive's own. */
    Uni<Void> addArchiveStream(String archiveId, String streamId, Boolean hasAudio, Boolean hasVideo);

    /** Removes a stream from a manual-mode archive. */
    Uni<Void> removeArchiveStream(String archiveId, String streamId);

    /** Starts a live broadcast of a routed session; capability {@link Capability#BROADCAST}. */
    Uni<Broadcast> startBroadcast(String sessionId, BroadcastSpec spec);

    Uni<Broadcast> stopBroadcast(String broadcastId);

    Uni<Broadcast> getBroadcast(String broadcastId);

    /** Broadcasts newest first; {@code sessionId} may be null for all sessions. */
    Uni<BroadcastPage> listBroadcasts(String sessionId, int offset, int count);

    /** Changes a running broadcast's layout from now on. */
    Uni<Void> setBroadcastLayout(String broadcastId, ArchiveLayout layout);
}

package io.parley.api.auth;

import io.parley.video.AccessDeniedException;
import io.parley.video.Archive;
import io.parley.video.Broadcast;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.Role;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Decides who may call what, from the {@code Authorization: Bearer} header: the server key may do anything; a video
 * token may act only on its own session, and only as far as its role allows.
 */
@ApplicationScoped
public class Access {

    private static final String BEARER = "bearer ";

    private final ServerKey serverKey;
    private final VideoPlatform platform;

    public Access(ServerKey serverKey, VideoPlatform platform) {
        this.serverKey = serverKey;
        this.platform = platform;
    }

    public Uni<Caller> caller(String authorization) {
        String credential = credential(authorization);
        if (serverKey.matches(credential)) {
            return Uni.createFrom().item(new Caller.Server());
        }
        return platform.verifyToken(credential).map(Caller.Participant::new);
    }

    public Uni<Caller> requireServerKey(String authorization) {
        return caller(authorization).invoke(caller -> {
            if (!(caller instanceof Caller.Server)) {
                throw new AccessDeniedException("This operation needs the server key, not a session token");
            }
        });
    }

    /** The server key, or a token of {@code sessionId} whose role is at least {@code minimum}. */
    public Uni<Caller> requireSession(String authorization, String sessionId, Role minimum) {
        return caller(authorization).invoke(caller -> {
            if (caller instanceof Caller.Participant participant) {
                if (!participant.claims().sessionId().equals(sessionId)) {
                    throw new AccessDeniedException("The token is for another session");
                }
                requireRole(participant, minimum);
            }
        });
    }

    /**
     * The archive, if the caller may see it: the server key, or a token of the archive's session with at least
     * {@code minimum}. An archive of another session answers 404, so tokens cannot probe for archive ids.
     */
    public Uni<Archive> requireArchive(String authorization, String archiveId, Role minimum) {
        return caller(authorization).chain(caller -> platform.getArchive(archiveId).invoke(archive -> {
            if (caller instanceof Caller.Participant participant) {
                if (!participant.claims().sessionId().equals(archive.sessionId())) {
                    throw new ResourceNotFoundException("archive", archiveId);
                }
                requireRole(participant, minimum);
            }
        }));
    }

    /** The broadcast, if the caller may see it: as {@link #requireArchive}. */
    public Uni<Broadcast> requireBroadcast(String authorization, String broadcastId, Role minimum) {
        return caller(authorization).chain(caller -> platform.getBroadcast(broadcastId).invoke(broadcast -> {
            if (caller instanceof Caller.Participant participant) {
                if (!participant.claims().sessionId().equals(broadcast.sessionId())) {
                    throw new ResourceNotFoundException("broadcast", broadcastId);
                }
                requireRole(participant, minimum);
            }
        }));
    }

    /**
     * Which session's records a listing may show: a token sees its own session's only (naming another is 403),
     * the server key any session's, or all ({@code requested} null).
     */
    public static String sessionFilter(Caller caller, String requested) {
        if (caller instanceof Caller.Participant participant) {
            String own = participant.claims().sessionId();
            if (requested != null && !requested.equals(own)) {
                throw new AccessDeniedException("The token is for another session");
            }
            return own;
        }
        return requested;
    }

    private static void requireRole(Caller.Participant participant, Role minimum) {
        if (!participant.claims().role().allows(minimum)) {
            throw new AccessDeniedException("This operation needs the " + minimum + " role; the token has "
                    + participant.claims().role());
        }
    }

    private static String credential(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new MissingCredentialsException("Send the server key or a session token as Authorization: Bearer");
        }
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new MissingCredentialsException("Only the Bearer scheme is accepted");
        }
        String credential = authorization.substring(BEARER.length()).strip();
        if (credential.isEmpty()) {
            throw new MissingCredentialsException("The Bearer credential is empty");
        }
        return credential;
    }
}

package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.video.Role;
import io.parley.video.SessionMute;

import java.util.Collection;
import java.util.List;

/**
 * What a moderator may do to other people's connections and streams in a live session, whether a moderator's
 * client asks over signaling or a back end asks through the REST API with the server key. The session calls it
 * under its own lock, so a moderation action is ordered with every other change like any participant's own.
 */
final class Moderation {

    /** The parts of a live session moderation acts on; called under the session's lock. */
    interface Session {

        Participant participant(String connectionId);

        /** The stream, or null when there is none. */
        PublishedStream publishedStream(String streamId);

        /** Removes a participant (its streams first) and tells everyone it was forced out. */
        void forceOut(Participant target);

        /** Every stream published now, in the order they were published. */
        Collection<PublishedStream> publishedStreams();

        void broadcast(ObjectNode event, String exceptConnectionId);
    }

    private final Session session;
    /** Whether a session mute is active: streams published meanwhile start muted, as on Vonage. */
    private boolean sessionMuted;

    Moderation(Session session) {
        this.session = session;
    }

    /** Refuses a participant's moderation request unless its token is a moderator's. */
    static void requireModerator(Participant requester, String action) {
        requester.require(Role.MODERATOR, action);
    }

    /** Closes a connection; false if there is none. */
    boolean disconnect(String connectionId) {
        Participant target = session.participant(connectionId);
        if (target == null) {
            return false;
        }
        session.forceOut(target);
        target.close(CloseCodes.FORCE_DISCONNECTED, "Disconnected by a moderator");
        return true;
    }

    /**
     * Mutes a stream's audio: its owner is told to stop sending, and everyone else sees the stream's audio muted at
     * once, without waiting for the owner's client to comply. False if there is no such stream.
     */
    boolean muteAudio(String streamId) {
        PublishedStream stream = session.publishedStream(streamId);
        if (stream == null) {
            return false;
        }
        mute(stream);
        return true;
    }

    /**
     * Vonage's session mute: with {@code active}, every stream but the excluded ones is muted as {@link #muteAudio}
     * mutes one (excluded streams are not touched, and neither are ids that name no stream), and streams published
     * until the mute ends start muted; without it, the mute ends and nobody is unmuted.
     */
    void muteSession(SessionMute request) {
        sessionMuted = request.active();
        if (!request.active()) {
            return;
        }
        for (PublishedStream stream : List.copyOf(session.publishedStreams())) {
            if (!request.excludedStreamIds().contains(stream.streamId())) {
                mute(stream);
            }
        }
    }

    /**
     * A stream just published while a session mute is active starts with its audio muted, so others see it muted
     * in its {@code streamCreated}; true if so, and its owner must then be told {@code forceMuted} once it knows the
     * stream's id.
     */
    boolean startsMuted(PublishedStream stream) {
        if (sessionMuted && stream.hasAudio()) {
            stream.audioMuted(true);
            return true;
        }
        return false;
    }

    private void mute(PublishedStream stream) {
        session.participant(stream.connectionId()).send(SessionEvents.forceMuted(stream.streamId()));
        if (!stream.audioMuted()) {
            stream.audioMuted(true);
            session.broadcast(SessionEvents.streamPropertyChanged(stream, "audioMuted", true, "moderator"),
                    stream.connectionId());
        }
    }
}

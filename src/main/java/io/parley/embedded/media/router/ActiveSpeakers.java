package io.parley.embedded.media.router;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is the active speaker of each session, from the audio levels publishers' browsers put in every audio packet
 * (RFC 6464): no audio is decoded. Media thread only.
 *
 * <p>Each {@link #INTERVAL_MILLIS}, a stream that sent enough loud packets is speaking, and scores the loudness of
 * those packets times their share, so that a voice outweighs a click and a long sentence a short one. The loudest
 * speaking stream becomes the session's active speaker at once when nobody is speaking, and otherwise only after it
 * led for {@link #LEAD_INTERVALS} intervals in a row, so that a cough does not take the stage. When everyone is
 * silent the last speaker stays active, as people expect of a speaker view.
 */
final class ActiveSpeakers {

    static final long INTERVAL_MILLIS = 500;
    /** Louder than -45 dBov: speech into a microphone, well above a quiet room's noise. */
    static final int LOUD_LEVEL = 45;
    /** A fifth of an interval's packets must be loud: 100 ms of voice in 500 ms. */
    static final double SPEAKING_SHARE = 0.2;
    static final int LEAD_INTERVALS = 2;

    /** One change: {@code streamId} is now the active speaker of {@code sessionId}. */
    record Change(String sessionId, String streamId) {
    }

    private static final class SessionSpeaker {
        String active;
        String challenger;
        int challengerLead;
        /** Whether the session still has a published stream (sessions without one are forgotten). */
        boolean seen;
    }

    private final Map<String, SessionSpeaker> sessions = new HashMap<>();

    /** Media thread: one audio packet's level (0..127, -dBov). */
    static void onLevel(Producer stream, int level) {
        stream.audioPacketsInInterval++;
        if (level <= LOUD_LEVEL) {
            stream.loudPacketsInInterval++;
            stream.loudnessInInterval += LOUD_LEVEL + 1 - level;
        }
    }

    /** Media thread, each interval: scores every stream, resets their counts, and answers the sessions that changed. */
    List<Change> evaluate(Collection<Producer> streams) {
        // streams speaking in this interval, by id, and each session's loudest
        Map<String, Double> speaking = new HashMap<>();
        Map<String, String> leaders = new HashMap<>();
        for (SessionSpeaker speaker : sessions.values()) {
            speaker.seen = false;
        }
        for (Producer stream : streams) {
            String sessionId = stream.sessionId();
            int packets = stream.audioPacketsInInterval;
            int loud = stream.loudPacketsInInterval;
            long loudness = stream.loudnessInInterval;
            stream.audioPacketsInInterval = 0;
            stream.loudPacketsInInterval = 0;
            stream.loudnessInInterval = 0;
            if (sessionId == null || stream.publisher() == null) {
                continue;
            }
            sessions.computeIfAbsent(sessionId, id -> new SessionSpeaker()).seen = true;
            if (packets == 0 || loud < SPEAKING_SHARE * packets) {
                continue;
            }
            double score = (double) loudness / packets;
            speaking.put(stream.streamId(), score);
            String leader = leaders.get(sessionId);
            if (leader == null || score > speaking.get(leader)) {
                leaders.put(sessionId, stream.streamId());
            }
        }
        sessions.values().removeIf(speaker -> !speaker.seen);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, SessionSpeaker> entry : sessions.entrySet()) {
            SessionSpeaker speaker = entry.getValue();
            String leader = leaders.get(entry.getKey());
            if (leader == null || leader.equals(speaker.active)) {
                speaker.challenger = null;
                speaker.challengerLead = 0;
                continue;
            }
            speaker.challengerLead = leader.equals(speaker.challenger) ? speaker.challengerLead + 1 : 1;
            speaker.challenger = leader;
            if (speaker.active == null || !speaking.containsKey(speaker.active)
                    || speaker.challengerLead >= LEAD_INTERVALS) {
                speaker.active = leader;
                speaker.challenger = null;
                speaker.challengerLead = 0;
                changes.add(new Change(entry.getKey(), leader));
            }
        }
        return changes;
    }

    /** Media thread: the stream ended; a session whose active speaker it was has none until someone speaks. */
    void ended(Producer stream) {
        SessionSpeaker speaker = sessions.get(stream.sessionId());
        if (speaker != null && stream.streamId().equals(speaker.active)) {
            speaker.active = null;
        }
    }
}

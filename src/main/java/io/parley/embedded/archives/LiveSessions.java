package io.parley.embedded.archives;

import io.parley.video.Connection;
import io.parley.video.Stream;

import java.util.List;

/**
 * What archives need to know and tell about live sessions: the lifecycle and the recorder use it, signaling's
 * SessionHub provides it, so that neither depends on signaling.
 */
public interface LiveSessions {

    List<Connection> connections(String sessionId);

    /** The sessions in which something is published right now. */
    List<String> sessionsWithStreams();

    void archiveStarted(String sessionId, String archiveId, String name);

    void archiveStopped(String sessionId, String archiveId, String name);

    /** The connection data of a stream's publisher, or null when the stream is unknown (the recorder names tracks by it). */
    String connectionDataOf(String sessionId, String streamId);

    /** The stream as the session knows it (its video type and layout classes), or null when it is unknown. */
    Stream streamOf(String sessionId, String streamId);
}

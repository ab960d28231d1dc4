package io.parley.embedded;

import io.parley.video.Connection;

import java.util.List;

/** What the archive lifecycle needs to know and tell about live sessions (signaling's SessionHub provides it). */
public interface SessionActivity {

    List<Connection> connections(String sessionId);

    /** The sessions in which something is published right now. */
    List<String> sessionsWithStreams();

    void archiveStarted(String sessionId, String archiveId, String name);

    void archiveStopped(String sessionId, String archiveId, String name);
}

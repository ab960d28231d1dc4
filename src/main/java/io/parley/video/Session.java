package io.parley.video;

import java.time.Instant;
import java.util.List;

/**
 * A session as the platform knows it. {@code mediaMode} and {@code archiveMode} may be null when the platform
 * cannot tell (a Vonage session created elsewhere); {@code connections} and {@code streams} hold what the platform
 * reports and are empty where it reports nothing.
 */
public record Session(String id, MediaMode mediaMode, ArchiveMode archiveMode, Instant createdAt,
                      List<Connection> connections, List<Stream> streams) {
    public Session {
        connections = connections == null ? List.of() : List.copyOf(connections);
        streams = streams == null ? List.of() : List.copyOf(streams);
    }
}

package io.parley.api.model;

import io.parley.video.ArchiveMode;
import io.parley.video.Connection;
import io.parley.video.MediaMode;
import io.parley.video.Role;
import io.parley.video.Session;
import io.parley.video.Stream;
import io.parley.video.VideoType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(name = "Session", description = "A session with the connections and streams the platform reports")
public record SessionResponse(
        @Schema(example = "qY3m0p1hN7l5c2KfWJm8x0rT4hU9bEaZ") String sessionId,
        @Schema(description = "null when the platform cannot tell") MediaMode mediaMode,
        @Schema(description = "null when the platform cannot tell") ArchiveMode archiveMode,
        Instant createdAt,
        List<ConnectionView> connections,
        List<StreamView> streams) {

    public static SessionResponse of(Session session) {
        return new SessionResponse(session.id(), session.mediaMode(), session.archiveMode(), session.createdAt(),
                session.connections().stream().map(ConnectionView::of).toList(),
                session.streams().stream().map(StreamView::of).toList());
    }

    @Schema(name = "Connection")
    public record ConnectionView(String connectionId, String data, Role role, Instant createdAt) {
        static ConnectionView of(Connection c) {
            return new ConnectionView(c.id(), c.data(), c.role(), c.createdAt());
        }
    }

    @Schema(name = "Stream")
    public record StreamView(String streamId, String connectionId, String name, VideoType videoType,
                             boolean hasAudio, boolean hasVideo) {
        static StreamView of(Stream s) {
            return new StreamView(s.id(), s.connectionId(), s.name(), s.videoType(), s.hasAudio(), s.hasVideo());
        }
    }
}

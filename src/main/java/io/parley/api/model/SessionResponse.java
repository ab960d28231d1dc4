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

    @Schema(name = "Connection", description = "One client connected to the session")
    public record ConnectionView(
            @Schema(example = "9f1b7c3e-2d4a-4e8f-a1b2-3c4d5e6f7a8b") String connectionId,
            @Schema(description = "The token's connection data", example = "{\"displayName\":\"Ada\"}") String data,
            Role role,
            Instant createdAt) {
        public static ConnectionView of(Connection c) {
            return new ConnectionView(c.id(), c.data(), c.role(), c.createdAt());
        }
    }

    @Schema(name = "Stream", description = "Media one connection publishes")
    public record StreamView(
            @Schema(example = "2b8f0c1d-6e7a-4b3c-9d2e-1f0a9b8c7d6e") String streamId,
            @Schema(description = "The publishing connection; null where the platform does not say (Vonage)")
            String connectionId,
            @Schema(example = "Ada's camera") String name,
            VideoType videoType,
            boolean hasAudio,
            boolean hasVideo,
            @Schema(description = "Layout classes composed archives lay the stream out by", example = "[\"focus\"]")
            List<String> layoutClassList) {
        public static StreamView of(Stream s) {
            return new StreamView(s.id(), s.connectionId(), s.name(), s.videoType(), s.hasAudio(), s.hasVideo(),
                    s.layoutClasses());
        }
    }
}

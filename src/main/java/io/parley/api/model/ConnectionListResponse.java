package io.parley.api.model;

import io.parley.video.Connection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ConnectionList", description = "The clients connected to a session now, oldest first")
public record ConnectionListResponse(long count, List<SessionResponse.ConnectionView> items) {

    public static ConnectionListResponse of(List<Connection> connections) {
        return new ConnectionListResponse(connections.size(),
                connections.stream().map(SessionResponse.ConnectionView::of).toList());
    }
}

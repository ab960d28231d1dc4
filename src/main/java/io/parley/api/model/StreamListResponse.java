package io.parley.api.model;

import io.parley.video.Stream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "StreamList", description = "The streams published in a session now, oldest first")
public record StreamListResponse(long count, List<SessionResponse.StreamView> items) {

    public static StreamListResponse of(List<Stream> streams) {
        return new StreamListResponse(streams.size(), streams.stream().map(SessionResponse.StreamView::of).toList());
    }
}

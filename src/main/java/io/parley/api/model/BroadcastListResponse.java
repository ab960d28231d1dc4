package io.parley.api.model;

import io.parley.video.BroadcastPage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "BroadcastList", description = "One page of broadcasts, newest first")
public record BroadcastListResponse(
        @Schema(description = "How many broadcasts match, as far as known") long count,
        List<BroadcastResponse> items) {

    public static BroadcastListResponse of(BroadcastPage page) {
        return new BroadcastListResponse(page.count(), page.items().stream().map(BroadcastResponse::of).toList());
    }
}

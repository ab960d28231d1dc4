package io.parley.api.model;

import io.parley.video.ArchivePage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ArchiveList", description = "One page of archives, newest first")
public record ArchiveListResponse(
        @Schema(description = "How many archives match in all") long count,
        List<ArchiveResponse> items) {

    public static ArchiveListResponse of(ArchivePage page) {
        return new ArchiveListResponse(page.count(), page.items().stream().map(ArchiveResponse::of).toList());
    }
}

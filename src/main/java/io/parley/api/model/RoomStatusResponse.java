package io.parley.api.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RoomStatus", description = "What anyone about to join a room may know of it: whether it is being recorded")
public record RoomStatusResponse(
        @Schema(example = "standup") String name,
        @Schema(description = "An archive of the room's session is recording (started or paused)", example = "true")
        boolean recording) {
}

package io.parley.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.rooms.RoomEntry;
import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Room", description = "A room: a name mapped to one session")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomResponse(
        @Schema(example = "standup") String name,
        String sessionId,
        MediaMode mediaMode,
        ArchiveMode archiveMode,
        Instant createdAt,
        @Schema(description = "The room's moderator key, returned once when the room is created: share it as a host link")
        String moderatorKey) {

    public static RoomResponse of(RoomEntry entry) {
        return new RoomResponse(entry.room().name(), entry.room().sessionId(), entry.room().mediaMode(),
                entry.room().archiveMode(), entry.room().createdAt(), entry.moderatorKey());
    }

    @Override
    public String toString() {
        return "RoomResponse[name=" + name + ", sessionId=" + sessionId + "]";
    }
}

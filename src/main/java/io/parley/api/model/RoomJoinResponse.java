package io.parley.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.rooms.RoomAdmission;
import io.parley.video.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "RoomJoin", description = "Everything a client needs to connect to the room's session")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomJoinResponse(
        @Schema(enumeration = {"embedded", "vonage"}, example = "embedded") String platform,
        @Schema(example = "parley") String applicationId,
        String sessionId,
        @Schema(description = "The joiner's token") String token,
        Role role,
        Instant expiresAt,
        @Schema(example = "standup") String room,
        @Schema(description = "Only for whoever created the room: the key that makes later joiners moderators")
        String moderatorKey,
        @Schema(description = "Embedded platform with several media nodes: the signaling WebSocket of the node that "
                + "carries the session. Absent when the server that answered is the place to connect.",
                example = "wss://parley-media-1.example.com/rtc")
        String signalingUrl) {

    public static RoomJoinResponse of(String platform, RoomAdmission.Admission admission) {
        return new RoomJoinResponse(platform, admission.token().applicationId(), admission.room().sessionId(),
                admission.token().token(), admission.token().role(), admission.token().expiresAt(),
                admission.room().name(), admission.moderatorKey(), admission.token().signalingUrl());
    }

    @Override
    public String toString() {
        return "RoomJoinResponse[room=" + room + ", role=" + role + "]";
    }
}

package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.auth.JoinRateLimiter;
import io.parley.api.model.CreateRoomRequest;
import io.parley.api.model.JoinRoomRequest;
import io.parley.api.model.RoomJoinResponse;
import io.parley.api.model.RoomResponse;
import io.parley.api.model.RoomStatusResponse;
import io.parley.rooms.DisplayName;
import io.parley.rooms.RoomAdmission;
import io.parley.rooms.RoomDirectory;
import io.parley.rooms.RoomName;
import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;
import io.parley.video.SessionSpec;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.Objects;

@Path("/api/v1/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms")
public class RoomResource {

    private final RoomDirectory directory;
    private final RoomAdmission admission;
    private final VideoPlatform platform;
    private final Access access;
    private final JoinRateLimiter rateLimiter;
    private final ApiMetrics metrics;

    public RoomResource(RoomDirectory directory, RoomAdmission admission, VideoPlatform platform, Access access,
                        JoinRateLimiter rateLimiter, ApiMetrics metrics) {
        this.directory = directory;
        this.admission = admission;
        this.platform = platform;
        this.access = access;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
    }

    @POST
    @ResponseStatus(201)
    @SecurityRequirement(name = ParleyApi.BEARER)
    @Operation(summary = "Create a room", description = "Server key only. Creates the room's session; the response carries the room's moderator key, once.")
    @APIResponse(responseCode = "201", description = "The new room, with its moderator key")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<RoomResponse> create(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Valid @NotNull CreateRoomRequest body) {
        RoomName name = RoomName.parse(body.name());
        SessionSpec spec = new SessionSpec(Objects.requireNonNullElse(body.mediaMode(), MediaMode.ROUTED),
                Objects.requireNonNullElse(body.archiveMode(), ArchiveMode.MANUAL));
        return access.requireServerKey(authorization)
                .chain(caller -> directory.create(name, spec))
                .invoke(metrics::sessionCreated)
                .map(RoomResponse::of);
    }

    @GET
    @Path("/{name}/status")
    @Operation(summary = "A room's status", description = "Open to anyone, rate-limited per client address like joins: "
            + "whether the room is being recorded, so that the lobby can say so before someone joins. Reveals nothing "
            + "a participant would not see at once (no session id, no names).")
    @APIResponse(responseCode = "200", description = "The room's status")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ParleyApi.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<RoomStatusResponse> status(@PathParam("name") String name, @Context HttpServerRequest request) {
        RoomName roomName = RoomName.parse(name);
        rateLimiter.acquire(request.remoteAddress().hostAddress());
        return directory.get(roomName)
                .chain(room -> platform.listArchives(room.sessionId(), 0, 50))
                .map(page -> new RoomStatusResponse(roomName.value(),
                        page.items().stream().anyMatch(archive -> archive.status().isRecording())));
    }

    @POST
    @Path("/{name}/join")
    @Operation(summary = "Join a room", description = "Open to anyone, rate-limited per client address. Creates the "
            + "room on first use: a routed, manually archived session (parley.rooms.media-mode can make it relayed). Its creator becomes MODERATOR and receives the room's moderator key. "
            + "Later joiners are PUBLISHER, or MODERATOR with the key.")
    @APIResponse(responseCode = "200", description = "The session and a token for the joiner")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "429", ref = ParleyApi.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<RoomJoinResponse> join(
            @Parameter(description = "Room name: 1 to 63 letters, digits or hyphens, case-insensitive", example = "standup")
            @PathParam("name") String name,
            @Valid @NotNull JoinRoomRequest body,
            HttpServerRequest request) {
        RoomName roomName = RoomName.parse(name);
        DisplayName displayName = DisplayName.parse(body.displayName());
        rateLimiter.acquire(request.remoteAddress().hostAddress());
        return admission.join(roomName, displayName, body.moderatorKey())
                .invoke(joined -> {
                    if (joined.moderatorKey() != null) {
                        metrics.sessionCreated();
                    }
                    metrics.tokenIssued(joined.token().role());
                })
                .map(joined -> RoomJoinResponse.of(platform.name(), joined));
    }
}

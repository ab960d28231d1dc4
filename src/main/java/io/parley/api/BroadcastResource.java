package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.BroadcastListResponse;
import io.parley.api.model.BroadcastResponse;
import io.parley.api.model.LayoutRequest;
import io.parley.video.ArchiveLayout;
import io.parley.video.BroadcastStatus;
import io.parley.video.ConflictException;
import io.parley.video.Role;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Live broadcasts once started: stop, get, list, and change the layout of a running one. */
@Path("/api/v1/broadcasts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Broadcasts")
@SecurityRequirement(name = ParleyApi.BEARER)
public class BroadcastResource {

    private final VideoPlatform platform;
    private final Access access;

    public BroadcastResource(VideoPlatform platform, Access access) {
        this.platform = platform;
        this.access = access;
    }

    @POST
    @Path("/{broadcastId}/stop")
    @Operation(summary = "Stop a broadcast", description = "A moderator token of the broadcast's session, or the "
            + "server key. HLS viewers see the end of the stream; RTMP servers are disconnected.")
    @APIResponse(responseCode = "200", description = "The broadcast, STOPPED")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<BroadcastResponse> stop(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("broadcastId") String broadcastId) {
        return access.requireBroadcast(authorization, broadcastId, Role.MODERATOR)
                .invoke(BroadcastResource::requireRunning)
                .chain(broadcast -> platform.stopBroadcast(broadcast.id()))
                .map(BroadcastResponse::of);
    }

    @GET
    @Path("/{broadcastId}")
    @Operation(summary = "Get a broadcast", description = "A token of the broadcast's session, or the server key.")
    @APIResponse(responseCode = "200", description = "The broadcast, with its HLS URL and RTMP statuses")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<BroadcastResponse> get(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("broadcastId") String broadcastId) {
        return access.requireBroadcast(authorization, broadcastId, Role.SUBSCRIBER).map(BroadcastResponse::of);
    }

    @GET
    @Operation(summary = "List broadcasts", description = "Newest first. With a session token, only that session's "
            + "(sessionId may be omitted); with the server key, any session's or all.")
    @APIResponse(responseCode = "200", description = "One page of broadcasts")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<BroadcastListResponse> list(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("sessionId") String sessionId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("count") @DefaultValue("50") @Min(1) @Max(1000) int count) {
        return access.caller(authorization)
                .map(caller -> Access.sessionFilter(caller, sessionId))
                .chain(filter -> platform.listBroadcasts(filter, offset, count))
                .map(BroadcastListResponse::of);
    }

    @PUT
    @Path("/{broadcastId}/layout")
    @ResponseStatus(204)
    @Operation(summary = "Change a running broadcast's layout", description = "A moderator token of the "
            + "broadcast's session, or the server key. The stream follows from that moment; a stopped broadcast is "
            + "409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LayoutRequest.class),
            examples = @ExampleObject(name = "presentation", value = "{\"type\":\"verticalPresentation\"}")))
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> setLayout(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("broadcastId") String broadcastId,
            @Valid @NotNull LayoutRequest body) {
        ArchiveLayout layout = body.toLayout();
        return access.requireBroadcast(authorization, broadcastId, Role.MODERATOR)
                .invoke(BroadcastResource::requireRunning)
                .chain(broadcast -> platform.setBroadcastLayout(broadcast.id(), layout));
    }

    private static void requireRunning(io.parley.video.Broadcast broadcast) {
        if (broadcast.status() != BroadcastStatus.STARTED) {
            throw new ConflictException("The broadcast is not running (status " + broadcast.status() + ")");
        }
    }
}

package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.MuteSessionRequest;
import io.parley.video.Role;
import io.parley.video.SessionMute;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

import java.util.Objects;
import java.util.Set;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Moderation")
@SecurityRequirement(name = ParleyApi.BEARER)
public class ModerationResource {

    private final VideoPlatform platform;
    private final Access access;

    public ModerationResource(VideoPlatform platform, Access access) {
        this.platform = platform;
        this.access = access;
    }

    @POST
    @Path("/sessions/{sessionId}/connections/{connectionId}/disconnect")
    @ResponseStatus(204)
    @Operation(summary = "Force a connection out of the session", description = "A moderator token of the session, or the server key.")
    @APIResponse(responseCode = "204", description = "Disconnected")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> disconnect(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @PathParam("connectionId") String connectionId) {
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.disconnect(sessionId, connectionId));
    }

    @POST
    @Path("/sessions/{sessionId}/mute")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(204)
    @Operation(summary = "Mute everyone but some streams", description = "A moderator token of the session, or the "
            + "server key. Vonage's session mute: each stream's owner is told to mute (forceMuted), everyone else "
            + "sees its audio muted, excluded streams are left alone, and streams published while the mute is "
            + "active start muted, until a call with active=false.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MuteSessionRequest.class),
            examples = @ExampleObject(name = "all but the speaker",
                    value = "{\"excludedStreamIds\":[\"2b8f0c1d-6e7a-4b3c-9d2e-1f0a9b8c7d6e\"]}")))
    @APIResponse(responseCode = "204", description = "Muted")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> muteSession(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @Valid MuteSessionRequest body) {
        MuteSessionRequest request = body == null ? new MuteSessionRequest(null, null) : body;
        SessionMute mute = new SessionMute(Objects.requireNonNullElse(request.active(), true),
                request.excludedStreamIds() == null ? Set.of() : Set.copyOf(request.excludedStreamIds()));
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.muteSession(sessionId, mute));
    }

    @POST
    @Path("/sessions/{sessionId}/streams/{streamId}/mute")
    @ResponseStatus(204)
    @Operation(summary = "Force-mute a stream's audio", description = "A moderator token of the session, or the server key.")
    @APIResponse(responseCode = "204", description = "Muted")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> mute(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @PathParam("streamId") String streamId) {
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.muteStream(sessionId, streamId));
    }
}

package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.video.Role;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

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

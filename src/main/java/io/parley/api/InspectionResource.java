package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.ConnectionListResponse;
import io.parley.api.model.SessionResponse;
import io.parley.api.model.StreamListResponse;
import io.parley.video.Role;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/** Who is in a session and what they publish, right now. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@SecurityRequirement(name = ParleyApi.BEARER)
public class InspectionResource {

    private final VideoPlatform platform;
    private final Access access;

    public InspectionResource(VideoPlatform platform, Access access) {
        this.platform = platform;
        this.access = access;
    }

    @GET
    @Path("/sessions/{sessionId}/streams")
    @Operation(summary = "List a session's streams", description = "A moderator token of the session, or the server key.")
    @APIResponse(responseCode = "200", description = "The streams published now")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<StreamListResponse> streams(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId) {
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.listStreams(sessionId))
                .map(StreamListResponse::of);
    }

    @GET
    @Path("/sessions/{sessionId}/streams/{streamId}")
    @Operation(summary = "Get one stream", description = "A moderator token of the session, or the server key.")
    @APIResponse(responseCode = "200", description = "The stream")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<SessionResponse.StreamView> stream(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @PathParam("streamId") String streamId) {
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.getStream(sessionId, streamId))
                .map(SessionResponse.StreamView::of);
    }

    @GET
    @Path("/sessions/{sessionId}/connections")
    @Operation(summary = "List a session's connections", description = "A moderator token of the session, or the "
            + "server key. Not on the Vonage platform: the Vonage SDK Parley builds with has no such call (501).")
    @APIResponse(responseCode = "200", description = "The clients connected now")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<ConnectionListResponse> connections(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId) {
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.listConnections(sessionId))
                .map(ConnectionListResponse::of);
    }
}

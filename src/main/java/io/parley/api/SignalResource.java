package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.SignalRequest;
import io.parley.video.Role;
import io.parley.video.Signal;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Signals from the back end to the clients of a session: browsers get them as they get each other's. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@SecurityRequirement(name = ParleyApi.BEARER)
public class SignalResource {

    private static final String EXAMPLE = "{\"type\":\"notice\",\"data\":\"The meeting ends in 5 minutes\"}";

    private final VideoPlatform platform;
    private final Access access;

    public SignalResource(VideoPlatform platform, Access access) {
        this.platform = platform;
        this.access = access;
    }

    @POST
    @Path("/sessions/{sessionId}/signal")
    @ResponseStatus(204)
    @Operation(summary = "Signal every client of a session", description = "A moderator token of the session, or "
            + "the server key. Clients receive it as any signal, from the server (on the embedded platform, "
            + "`from` is \"server\"). A session nobody is connected to takes it and delivers it to no one.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignalRequest.class),
            examples = @ExampleObject(name = "notice", value = EXAMPLE)))
    @APIResponse(responseCode = "204", description = "Sent")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> signalAll(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @Valid @NotNull SignalRequest body) {
        Signal signal = new Signal(body.type(), body.data());
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.signal(sessionId, null, signal));
    }

    @POST
    @Path("/sessions/{sessionId}/connections/{connectionId}/signal")
    @ResponseStatus(204)
    @Operation(summary = "Signal one connection", description = "A moderator token of the session, or the server "
            + "key. 404 when the connection is not connected.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignalRequest.class),
            examples = @ExampleObject(name = "notice", value = EXAMPLE)))
    @APIResponse(responseCode = "204", description = "Sent")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> signalOne(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @PathParam("connectionId") String connectionId,
            @Valid @NotNull SignalRequest body) {
        Signal signal = new Signal(body.type(), body.data());
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.signal(sessionId, connectionId, signal));
    }
}

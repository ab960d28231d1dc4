package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.StreamLayoutRequest;
import io.parley.video.InvalidRequestException;
import io.parley.video.Role;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The layout classes of a session's streams, which composed archives lay streams out by. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Archives")
@SecurityRequirement(name = ParleyApi.BEARER)
public class StreamLayoutResource {

    private final VideoPlatform platform;
    private final Access access;

    public StreamLayoutResource(VideoPlatform platform, Access access) {
        this.platform = platform;
        this.access = access;
    }

    @PUT
    @Path("/sessions/{sessionId}/streams/layout")
    @ResponseStatus(204)
    @Operation(summary = "Set streams' layout classes", description = "A moderator token of the session, or the "
            + "server key. Presentation and pip layouts make the stream with the `focus` class the large one. A "
            + "composed archive recording the session follows the change from that moment; archives started "
            + "later lay the streams out by their classes.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StreamLayoutRequest.class),
            examples = @ExampleObject(name = "focus on the speaker", value = "{\"items\":[{\"id\":"
                    + "\"2b8f0c1d-6e7a-4b3c-9d2e-1f0a9b8c7d6e\",\"layoutClassList\":[\"focus\"]}]}")))
    @APIResponse(responseCode = "204", description = "Set")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> setClasses(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @Valid @NotNull StreamLayoutRequest body) {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (StreamLayoutRequest.Item item : body.items()) {
            if (classes.put(item.id(), List.copyOf(item.layoutClassList())) != null) {
                throw new InvalidRequestException("items", "stream " + item.id() + " is listed twice");
            }
        }
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.setStreamLayoutClasses(sessionId, classes));
    }
}

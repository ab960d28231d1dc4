package io.parley.vonage;

import io.parley.ParleyConfig;
import io.parley.PlatformSelection;
import io.parley.api.ParleyApi;
import io.parley.video.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Where Vonage posts archive status changes. The body is read as text and handed to the platform as is, because
 * the signature covers the exact bytes. Answers 404 unless Vonage is the active platform.
 */
@Path("/api/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Archives")
public class VonageCallbackResource {

    private final PlatformSelection selection;
    private final VonageCallbacks callbacks;

    public VonageCallbackResource(PlatformSelection selection, VonageCallbacks callbacks) {
        this.selection = selection;
        this.callbacks = callbacks;
    }

    @POST
    @Path("/vonage")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @ResponseStatus(204)
    @Operation(summary = "Receive a Vonage archive status callback",
            description = "Called by Vonage, not by clients. When parley.vonage.callback-secret is set, the request "
                    + "must carry Vonage's HS256 signature JWT as Authorization: Bearer. The archive's new status is "
                    + "reported by the archive routes at once.")
    @RequestBody(description = "Vonage's archive callback: id, event, status, name, sessionId, createdAt, duration, "
            + "size, reason, url, partnerId")
    @APIResponse(responseCode = "204", description = "Accepted")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    public Uni<Void> vonage(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String body) {
        if (!selection.is(ParleyConfig.Platform.vonage)) {
            throw new ResourceNotFoundException("active platform", ParleyConfig.Platform.vonage.name());
        }
        return callbacks.archiveStatus(authorization, body);
    }
}

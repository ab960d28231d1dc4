package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.ArchiveResponse;
import io.parley.api.model.StartArchiveRequest;
import io.parley.video.ArchiveOptions;
import io.parley.video.ArchiveSpec;
import io.parley.video.OutputMode;
import io.parley.video.Role;
import io.parley.video.StreamMode;
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

/**
 * Starting an archive, under its session's path. JAX-RS picks a resource class by its path before looking at its
 * methods, so a route below {@code /sessions/{id}} needs a class whose path is at least that specific.
 */
@Path("/api/v1/sessions/{sessionId}/archives")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Archives")
@SecurityRequirement(name = ParleyApi.BEARER)
public class SessionArchiveResource {

    private final VideoPlatform platform;
    private final Access access;
    private final ApiMetrics metrics;

    public SessionArchiveResource(VideoPlatform platform, Access access, ApiMetrics metrics) {
        this.platform = platform;
        this.access = access;
        this.metrics = metrics;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Start an archive", description = "A moderator token of the session, or the server key. "
            + "Only routed sessions can be archived, one archive at a time unless each has its own multiArchiveTag "
            + "(a second archive with a running archive's tag is 409). On the embedded platform a custom layout's "
            + "stylesheet must keep to the CSS subset its composer follows (README), else 400 naming what is not.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StartArchiveRequest.class),
            examples = {
                    @ExampleObject(name = "presentation", value = "{\"name\":\"Weekly standup\","
                            + "\"resolution\":\"1280x720\",\"layout\":{\"type\":\"verticalPresentation\"},"
                            + "\"maxBitrate\":2000000}"),
                    @ExampleObject(name = "screen share switches the layout", value = "{\"layout\":{"
                            + "\"type\":\"bestFit\",\"screenshareType\":\"horizontalPresentation\"}}"),
                    @ExampleObject(name = "a second, tagged archive", value = "{\"resolution\":\"1920x1080\","
                            + "\"multiArchiveTag\":\"hd-copy\"}")}))
    @APIResponse(responseCode = "201", description = "The archive, STARTED")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<ArchiveResponse> start(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @Valid StartArchiveRequest body) {
        StartArchiveRequest request = body == null ? new StartArchiveRequest(null, null, null, null, null, null, null, null, null) : body;
        ArchiveOptions options = new ArchiveOptions(
                request.layout() == null ? null : request.layout().toLayout(),
                "manual".equals(request.streamMode()) ? StreamMode.MANUAL : StreamMode.AUTO,
                request.multiArchiveTag(), request.maxBitrate());
        ArchiveSpec spec = new ArchiveSpec(request.name(),
                Objects.requireNonNullElse(request.outputMode(), OutputMode.COMPOSED),
                Objects.requireNonNullElse(request.hasAudio(), true),
                Objects.requireNonNullElse(request.hasVideo(), true),
                request.resolution(), options);
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.startArchive(sessionId, spec))
                .invoke(metrics::archive)
                .map(ArchiveResponse::of);
    }
}

package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.ArchiveListResponse;
import io.parley.api.model.ArchiveResponse;
import io.parley.api.model.ArchiveStreamsRequest;
import io.parley.api.model.LayoutRequest;
import io.parley.video.Archive;
import io.parley.video.ArchiveLayout;
import io.parley.video.ConflictException;
import io.parley.video.InvalidRequestException;
import io.parley.video.OutputMode;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.Role;
import io.parley.video.StreamMode;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;


@Path("/api/v1/archives")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Archives")
@SecurityRequirement(name = ParleyApi.BEARER)
public class ArchiveResource {

    private final VideoPlatform platform;
    private final Access access;
    private final ApiMetrics metrics;

    public ArchiveResource(VideoPlatform platform, Access access, ApiMetrics metrics) {
        this.platform = platform;
        this.access = access;
        this.metrics = metrics;
    }

    @POST
    @Path("/{archiveId}/stop")
    @Operation(summary = "Stop an archive", description = "A moderator token of the archive's session, or the server key.")
    @APIResponse(responseCode = "200", description = "The archive, STOPPED")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<ArchiveResponse> stop(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("archiveId") String archiveId) {
        return access.requireArchive(authorization, archiveId, Role.MODERATOR)
                .chain(archive -> platform.stopArchive(archive.id()))
                .invoke(metrics::archive)
                .map(ArchiveResponse::of);
    }

    @GET
    @Path("/{archiveId}")
    @Operation(summary = "Get an archive", description = "A token of the archive's session, or the server key.")
    @APIResponse(responseCode = "200", description = "The archive")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<ArchiveResponse> get(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("archiveId") String archiveId) {
        return access.requireArchive(authorization, archiveId, Role.SUBSCRIBER).map(ArchiveResponse::of);
    }

    @GET
    @Operation(summary = "List archives", description = "Newest first. With a session token, only that session's "
            + "archives (sessionId may be omitted); with the server key, any session's or all.")
    @APIResponse(responseCode = "200", description = "One page of archives")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<ArchiveListResponse> list(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("sessionId") String sessionId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("count") @DefaultValue("50") @Min(1) @Max(1000) int count) {
        return access.caller(authorization)
                .map(caller -> Access.sessionFilter(caller, sessionId))
                .chain(filter -> platform.listArchives(filter, offset, count))
                .map(ArchiveListResponse::of);
    }

    @GET
    @Path("/{archiveId}/playback")
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(summary = "Play an archive", description = "A token of the archive's session, or the server key. "
            + "Redirects to the media once the archive is AVAILABLE; the platform's media URLs are short-lived, so "
            + "the archive is fetched fresh on every request.")
    @APIResponse(responseCode = "302", description = "The media", headers = @Header(name = "Location"))
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Response> playback(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("archiveId") String archiveId) {
        return access.requireArchive(authorization, archiveId, Role.SUBSCRIBER)
                .map(ArchiveResource::playbackOf);
    }

    @DELETE
    @Path("/{archiveId}")
    @ResponseStatus(204)
    @Operation(summary = "Delete an archive", description = "Server key only. The archive must not be recording.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> delete(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("archiveId") String archiveId) {
        return access.requireServerKey(authorization).chain(caller -> platform.deleteArchive(archiveId));
    }

    @PUT
    @Path("/{archiveId}/layout")
    @ResponseStatus(204)
    @Operation(summary = "Change a recording archive's layout", description = "A moderator token of the archive's "
            + "session, or the server key. Composed archives only, while they record; the output follows from "
            + "that moment (409 for an individual archive or one that has stopped). On the embedded platform a "
            + "custom stylesheet must keep to the CSS subset its composer follows, else 400.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LayoutRequest.class),
            examples = @ExampleObject(name = "presentation", value = "{\"type\":\"horizontalPresentation\"}")))
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> setLayout(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("archiveId") String archiveId,
            @Valid @NotNull LayoutRequest body) {
        ArchiveLayout layout = body.toLayout();
        return access.requireArchive(authorization, archiveId, Role.MODERATOR)
                .invoke(archive -> {
                    if (archive.outputMode() != OutputMode.COMPOSED) {
                        throw new ConflictException("Only a composed archive has a layout; this one is "
                                + archive.outputMode());
                    }
                    requireRecording(archive);
                })
                .chain(archive -> platform.setArchiveLayout(archive.id(), layout));
    }

    @PATCH
    @Path("/{archiveId}/streams")
    @ResponseStatus(204)
    @Operation(summary = "Add or remove a stream of a manual-mode archive", description = "A moderator token of the "
            + "archive's session, or the server key. Vonage's body: addStream (with hasAudio/hasVideo) or "
            + "removeStream. Adding a stream again with other hasAudio/hasVideo changes what is recorded of it from "
            + "then on. Only archives started with streamMode manual, while they record (409 otherwise).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ArchiveStreamsRequest.class),
            examples = {
                    @ExampleObject(name = "add, audio only", value = "{\"addStream\":"
                            + "\"2b8f0c1d-6e7a-4b3c-9d2e-1f0a9b8c7d6e\",\"hasVideo\":false}"),
                    @ExampleObject(name = "remove", value = "{\"removeStream\":"
                            + "\"2b8f0c1d-6e7a-4b3c-9d2e-1f0a9b8c7d6e\"}")}))
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<Void> changeStreams(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("archiveId") String archiveId,
            @Valid @NotNull ArchiveStreamsRequest body) {
        if ((body.addStream() == null) == (body.removeStream() == null)) {
            throw new InvalidRequestException("addStream", "give addStream or removeStream, exactly one");
        }
        if (body.removeStream() != null && (body.hasAudio() != null || body.hasVideo() != null)) {
            throw new InvalidRequestException("hasAudio", "hasAudio and hasVideo go with addStream only");
        }
        return access.requireArchive(authorization, archiveId, Role.MODERATOR)
                .invoke(archive -> {
                    if (archive.options().streamMode() != StreamMode.MANUAL) {
                        throw new ConflictException("Only an archive started with streamMode manual takes streams "
                                + "added or removed; this one records every stream");
                    }
                    requireRecording(archive);
                })
                .chain(archive -> body.addStream() != null
                        ? platform.addArchiveStream(archive.id(), body.addStream(), body.hasAudio(), body.hasVideo())
                        : platform.removeArchiveStream(archive.id(), body.removeStream()));
    }

    private static void requireRecording(Archive archive) {
        if (!archive.status().isRecording()) {
            throw new ConflictException("The archive is not recording (status " + archive.status() + ")");
        }
    }

    /** Each state gets its own answer, so a client can tell "wait" from "never". */
    static Response playbackOf(Archive archive) {
        return switch (archive.status()) {
            case AVAILABLE -> {
                if (archive.url() == null) {
                    throw new ConflictException("The archive is available but the platform has not given its media URL yet; try again shortly");
                }
                // As given: JAX-RS would resolve a relative URL against the request's Host header, so a forged Host
                // would make Parley hand out a signed media URL on someone else's server. A relative Location is valid
                // (RFC 9110 §10.2.2) and browsers resolve it against the page they are on.
                yield Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, archive.url()).build();
            }
            case STARTED, PAUSED -> throw new ConflictException("The archive is still recording; stop it first");
            case STOPPED -> throw new ConflictException("The archive is being processed; try again shortly");
            case UPLOADED -> throw new ConflictException(
                    "The archive was uploaded to the account's own storage; Parley cannot play it back");
            case EXPIRED -> throw new ConflictException("The archive's media has expired");
            case FAILED -> throw new ConflictException("The archive failed"
                    + (archive.reason() == null ? "" : ": " + archive.reason()));
            case DELETED -> throw new ResourceNotFoundException("archive", archive.id());
        };
    }
}

package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.BroadcastResponse;
import io.parley.api.model.StartBroadcastRequest;
import io.parley.video.Role;
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

/** Starting a live broadcast, under its session's path (see {@link SessionArchiveResource} for why a class of its own). */
@Path("/api/v1/sessions/{sessionId}/broadcasts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Broadcasts")
@SecurityRequirement(name = ParleyApi.BEARER)
public class SessionBroadcastResource {

    private final VideoPlatform platform;
    private final Access access;

    public SessionBroadcastResource(VideoPlatform platform, Access access) {
        this.platform = platform;
        this.access = access;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Start a live broadcast", description = "A moderator token of the session, or the server "
            + "key. Vonage's live streaming: the session's composed picture as HLS (the answer's broadcastUrls.hls, "
            + "once Vonage has it) and pushed to up to 5 RTMP servers. Routed sessions only, one broadcast at a time "
            + "unless each has its own multiBroadcastTag: Vonage's refusals are 409. The embedded platform does not "
            + "broadcast (501, BROADCAST; see GET /api/v1/platform).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StartBroadcastRequest.class),
            examples = {
                    @ExampleObject(name = "HLS with rewind", value = "{\"outputs\":{\"hls\":{\"dvr\":true}},"
                            + "\"resolution\":\"1280x720\",\"maxDuration\":3600}"),
                    @ExampleObject(name = "HLS and an RTMP service", value = "{\"outputs\":{\"hls\":{"
                            + "\"lowLatency\":true},\"rtmp\":[{\"id\":\"youtube\",\"serverUrl\":"
                            + "\"rtmps://a.rtmp.youtube.com/live2\",\"streamName\":\"abcd-efgh-ijkl-mnop\"}]},"
                            + "\"layout\":{\"type\":\"bestFit\",\"screenshareType\":\"verticalPresentation\"}}")}))
    @APIResponse(responseCode = "201", description = "The broadcast, STARTED")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ParleyApi.CONFLICT)
    @APIResponse(responseCode = "501", ref = ParleyApi.NOT_SUPPORTED)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<BroadcastResponse> start(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @Valid @NotNull StartBroadcastRequest body) {
        var spec = body.toSpec();
        return access.requireSession(authorization, sessionId, Role.MODERATOR)
                .chain(caller -> platform.startBroadcast(sessionId, spec))
                .map(BroadcastResponse::of);
    }
}

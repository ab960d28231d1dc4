package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.CreateSessionRequest;
import io.parley.api.model.CreateTokenRequest;
import io.parley.api.model.SessionResponse;
import io.parley.api.model.TokenResponse;
import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;
import io.parley.video.SessionSpec;
import io.parley.video.TokenSpec;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@SecurityRequirement(name = ParleyApi.BEARER)
public class SessionResource {

    private final VideoPlatform platform;
    private final Access access;
    private final ApiMetrics metrics;

    public SessionResource(VideoPlatform platform, Access access, ApiMetrics metrics) {
        this.platform = platform;
        this.access = access;
        this.metrics = metrics;
    }

    @POST
    @Path("/sessions")
    @Operation(summary = "Create a session", description = "Server key only. Routed sessions can be archived.")
    @APIResponse(responseCode = "201", description = "The new session")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<RestResponse<SessionResponse>> create(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Valid CreateSessionRequest body) {
        CreateSessionRequest request = body == null ? new CreateSessionRequest(null, null) : body;
        SessionSpec spec = new SessionSpec(Objects.requireNonNullElse(request.mediaMode(), MediaMode.ROUTED),
                Objects.requireNonNullElse(request.archiveMode(), ArchiveMode.MANUAL));
        return access.requireServerKey(authorization)
                .chain(caller -> platform.createSession(spec))
                .invoke(metrics::sessionCreated)
                .map(session -> RestResponse.ResponseBuilder
                        .<SessionResponse>created(URI.create("/api/v1/sessions/" + session.id()))
                        .entity(SessionResponse.of(session)).build());
    }

    @GET
    @Path("/sessions/{sessionId}")
    @Operation(summary = "Get a session", description = "Server key only. Includes connections and streams where the platform knows them.")
    @APIResponse(responseCode = "200", description = "The session")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<SessionResponse> get(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId) {
        return access.requireServerKey(authorization)
                .chain(caller -> platform.getSession(sessionId))
                .map(SessionResponse::of);
    }

    @POST
    @Path("/sessions/{sessionId}/tokens")
    @ResponseStatus(201)
    @Operation(summary = "Issue a token", description = "Server key only. A token lets one client connect to the session with a role.")
    @APIResponse(responseCode = "201", description = "The token")
    @APIResponse(responseCode = "400", ref = ParleyApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ParleyApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ParleyApi.NOT_FOUND)
    @APIResponse(responseCode = "502", ref = ParleyApi.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ParleyApi.UNAVAILABLE)
    public Uni<TokenResponse> issueToken(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") String sessionId,
            @Valid @NotNull CreateTokenRequest body) {
        Duration ttl = body.ttlSeconds() == null ? null : Duration.ofSeconds(body.ttlSeconds());
        TokenSpec spec = new TokenSpec(body.role(), body.data(), ttl);
        return access.requireServerKey(authorization)
                .chain(caller -> platform.issueToken(sessionId, spec))
                .invoke(token -> metrics.tokenIssued(token.role()))
                .map(TokenResponse::of);
    }
}

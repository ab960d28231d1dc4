package io.parley.api;

import io.parley.api.auth.Access;
import io.parley.api.model.PlatformResponse;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/platform")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Platform")
@SecurityRequirement(name = ParleyApi.BEARER)
public class PlatformResource {

    private final VideoPlatform platform;
    private final Access access;

    public PlatformResource(VideoPlatform platform, Access access) {
        this.platform = platform;
        this.access = access;
    }

    @GET
    @Operation(summary = "What the running platform can do", description = "Any session token, or the server key. "
            + "The web app reads it to show only what works; every capability marked unsupported answers 501 "
            + "`urn:parley:problem:not-supported` on the routes that need it.")
    @APIResponse(responseCode = "200", description = "The platform and its capabilities")
    @APIResponse(responseCode = "401", ref = ParleyApi.UNAUTHORIZED)
    public Uni<PlatformResponse> get(
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return access.caller(authorization)
                .map(caller -> PlatformResponse.of(platform.name(), platform.capabilities()));
    }
}

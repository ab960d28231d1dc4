package io.parley.api;

import io.parley.api.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API's OpenAPI definition. Error responses are defined once here and referenced by name from each operation,
 * so every operation documents every error it can answer with the same problem+json schema.
 */
@OpenAPIDefinition(
        info = @Info(title = "Parley API", version = "v1",
                description = "Multiparty video rooms with archiving: sessions, tokens, rooms and archives, on the "
                        + "embedded or the Vonage video platform."),
        tags = {
                @Tag(name = "Platform", description = "Which video platform runs and what it can do"),
                @Tag(name = "Sessions", description = "Sessions and their tokens"),
                @Tag(name = "Rooms", description = "Human-friendly names for sessions"),
                @Tag(name = "Archives", description = "Recordings of routed sessions"),
                @Tag(name = "Moderation", description = "Force-disconnect and force-mute")},
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = ParleyApi.BEARER, type = SecuritySchemeType.HTTP,
                        scheme = "bearer",
                        description = "The server key, or a session token where the operation allows it"),
                responses = {
                        @APIResponse(name = ParleyApi.BAD_REQUEST, responseCode = "400",
                                description = "The request is invalid; `errors` names each field",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ParleyApi.UNAUTHORIZED, responseCode = "401",
                                description = "No credential, or an invalid or expired one",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ParleyApi.FORBIDDEN, responseCode = "403",
                                description = "The credential does not allow this operation",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ParleyApi.NOT_FOUND, responseCode = "404",
                                description = "No such resource (or not one the caller may see)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ParleyApi.CONFLICT, responseCode = "409",
                                description = "The resource's state does not allow this now",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ParleyApi.TOO_MANY_REQUESTS, responseCode = "429",
                                description = "Too many requests; see Retry-After",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ParleyApi.NOT_SUPPORTED, responseCode = "501",
                                description = "The running platform lacks this capability (type "
                                        + "`urn:parley:problem:not-supported`); `GET /api/v1/platform` lists what it has",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ParleyApi.BAD_GATEWAY, responseCode = "502",
                                description = "The video platform refused Parley's request (Parley's configuration is wrong)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ParleyApi.UNAVAILABLE, responseCode = "503",
                                description = "The video platform is unavailable; retry after Retry-After seconds",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))}))
public class ParleyApi extends Application {
    public static final String BEARER = "bearer";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String NOT_SUPPORTED = "NotSupported";
    public static final String BAD_GATEWAY = "BadGateway";
    public static final String UNAVAILABLE = "Unavailable";
}

package io.parley.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem detail: every error Parley answers has this shape and {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An error, as RFC 9457 problem details")
public record Problem(
        @Schema(description = "Stable identifier of the kind of problem", example = "urn:parley:problem:validation-failed")
        String type,
        @Schema(description = "Short human summary of the kind of problem", example = "Invalid request")
        String title,
        @Schema(description = "HTTP status code", example = "400")
        int status,
        @Schema(description = "What was wrong with this request", example = "role: must be one of SUBSCRIBER, PUBLISHER, MODERATOR")
        String detail,
        @Schema(description = "Request path", example = "/api/v1/sessions/abc/tokens")
        String instance,
        @Schema(description = "Each invalid field, for validation problems")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of one of Parley's stable types, about the request to {@code instance}. */
    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    /** One invalid field of the request. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "The field, as named in the request body, path or query", example = "ttlSeconds")
            String field,
            @Schema(example = "must be less than or equal to 2592000")
            String message) {
    }
}

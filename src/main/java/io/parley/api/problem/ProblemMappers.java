package io.parley.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.auth.MissingCredentialsException;
import io.parley.api.auth.RateLimitedException;
import io.parley.video.AccessDeniedException;
import io.parley.video.ConflictException;
import io.parley.video.InvalidRequestException;
import io.parley.video.InvalidTokenException;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.UnsupportedCapabilityException;
import io.parley.video.UpstreamRejectedException;
import io.parley.video.UpstreamUnavailableException;
import io.parley.video.VideoPlatformException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 problem. Validation and domain failures are 4xx that say what was wrong; an
 * unexpected exception is a 500 whose detail carries only an error id to find the stack trace in the log.
 *
 * <p>Request body parameters are named {@code body} throughout the resources, so that a violation's property path
 * can name the field as the client sent it ({@code ttlSeconds}, not {@code create.body.ttlSeconds}).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String BODY_PARAMETER = "body";

    private final MeterRegistry metrics;

    public ProblemMappers(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response platform(VideoPlatformException e, UriInfo uri) {
        if (e instanceof ResourceNotFoundException) {
            return problem(ProblemType.NOT_FOUND, e.getMessage(), uri);
        }
        if (e instanceof ConflictException) {
            return problem(ProblemType.CONFLICT, e.getMessage(), uri);
        }
        if (e instanceof AccessDeniedException) {
            return problem(ProblemType.FORBIDDEN, e.getMessage(), uri);
        }
        if (e instanceof InvalidRequestException invalid) {
            return build(ProblemType.VALIDATION_FAILED, e.getMessage(), uri,
                    List.of(new Problem.FieldError(invalid.field(), messageAfterField(invalid)))).build();
        }
        if (e instanceof InvalidTokenException) {
            return Response.fromResponse(problem(ProblemType.INVALID_TOKEN, e.getMessage(), uri))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
        }
        if (e instanceof UnsupportedCapabilityException) {
            return problem(ProblemType.NOT_SUPPORTED, e.getMessage(), uri);
        }
        if (e instanceof UpstreamRejectedException) {
            LOG.errorf(e, "The video platform refused a request: %s", e.getMessage());
            return problem(ProblemType.UPSTREAM_REJECTED, e.getMessage(), uri);
        }
        UpstreamUnavailableException unavailable = (UpstreamUnavailableException) e;
        LOG.warnf("The video platform is unavailable: %s", e.getMessage());
        return Response.fromResponse(problem(ProblemType.UPSTREAM_UNAVAILABLE, e.getMessage(), uri))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, unavailable.retryAfter().toSeconds())).build();
    }

    @ServerExceptionMapper
    public Response missingCredentials(MissingCredentialsException e, UriInfo uri) {
        return Response.fromResponse(problem(ProblemType.UNAUTHENTICATED, e.getMessage(), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return Response.fromResponse(problem(ProblemType.RATE_LIMITED, e.getMessage(), uri))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfter().toSeconds()).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).toList();
        if (violations.stream().anyMatch(ProblemMappers::isReturnValue)) {
            return internal(e, uri);
        }
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage())).toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return build(ProblemType.VALIDATION_FAILED, detail, uri, errors).build();
    }

    /*
     * Quarkus REST ships its own mappers for Jackson's MismatchedInputException and wraps parse errors in a
     * 400 WebApplicationException; the more specific mappers below win over them, so that every unreadable body
     * is a problem that names the field.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsableBody(JsonParseException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonParseException) {
            return problem(ProblemType.MALFORMED_BODY, "The body is not valid JSON", uri);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = mismatchMessage(mapping);
            return build(ProblemType.VALIDATION_FAILED, field + ": " + message, uri,
                    List.of(new Problem.FieldError(field, message))).build();
        }
        return problem(ProblemType.MALFORMED_BODY, "The body does not have the expected shape", uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && e.getCause() instanceof IllegalArgumentException conversion) {
            // JAX-RS answers 404 when a query parameter cannot be converted; the route exists, the input is wrong
            return problem(ProblemType.VALIDATION_FAILED,
                    "A parameter has the wrong type (" + conversion.getMessage() + ")", uri);
        }
        if (status >= 500) {
            return internal(e, uri);
        }
        ProblemType type = Arrays.stream(ProblemType.values()).filter(t -> t.status() == status).findFirst()
                .orElse(ProblemType.VALIDATION_FAILED);
        String detail = switch (status) {
            case 404 -> "No such resource: " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 415 -> "Send the body as application/json";
            case 406 -> "This resource answers application/json";
            default -> e.getMessage();
        };
        return Response.fromResponse(problem(type, detail, uri)).status(status).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        return internal(e, uri);
    }

    private Response internal(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        return problem(ProblemType.INTERNAL, "Unexpected error; quote error id " + errorId + " when reporting it", uri);
    }

    private Response problem(ProblemType type, String detail, UriInfo uri) {
        return build(type, detail, uri, null).build();
    }

    private Response.ResponseBuilder build(ProblemType type, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        metrics.counter("parley.api.errors", "type", type.slug()).increment();
        Problem problem = Problem.of(type, detail, uri.getPath(), errors);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** {@code join.body.displayName} -> {@code displayName}; {@code join.name} -> {@code name}. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && BODY_PARAMETER.equals(node.getName())) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        return field.isEmpty() ? BODY_PARAMETER : field.toString();
    }

    private static String messageAfterField(InvalidRequestException e) {
        String prefix = e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    private static String mismatchMessage(JsonMappingException e) {
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            Class<?> target = format.getTargetType();
            if (target.isEnum()) {
                return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
            }
            return "must be a " + simpleTypeName(target);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be a " + simpleTypeName(mismatch.getTargetType());
        }
        return "has the wrong type";
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        return "JSON object";
    }
}

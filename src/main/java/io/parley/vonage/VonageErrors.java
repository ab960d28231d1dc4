package io.parley.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vonage.client.VonageApiResponseException;
import com.vonage.client.VonageClientException;
import com.vonage.client.VonageUnexpectedException;
import io.parley.video.ConflictException;
import io.parley.video.InvalidRequestException;
import io.parley.video.ResourceNotFoundException;
import io.parley.video.UpstreamRejectedException;
import io.parley.video.UpstreamUnavailableException;
import io.parley.video.VideoPlatformException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns what the SDK throws into the port's failures. The SDK validates locally before any HTTP call (ids must be
 * UUIDs, builders refuse some combinations) and those are the caller's mistakes (400/404), not outages; HTTP failures
 * arrive as {@code VideoResponseException} with the status Vonage answered; anything that never got an answer is an
 * outage (503) that a later retry may fix.
 */
final class VonageErrors {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private VonageErrors() {
    }

    /** {@code error} is Vonage's raw error response for this call, if there was one. */
    static RuntimeException translate(Throwable failure, VonageCall call, ErrorBodyCapture.ErrorResponse error) {
        if (failure instanceof VideoPlatformException known) {
            return known;
        }
        String errorBody = error == null ? null : error.body();
        if (failure instanceof VonageApiResponseException response) {
            return fromStatus(response.getStatusCode(), reason(response, errorBody), call, response);
        }
        if (error != null && failure instanceof VonageUnexpectedException) {
            // Vonage (or a proxy in front of it) answered an error whose body the SDK could not parse
            return fromStatus(error.status(), reason(null, errorBody), call, failure);
        }
        if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException
                || failure instanceof NullPointerException) {
            return fromLocalValidation(failure, call);
        }
        if (failure instanceof VonageClientException || failure instanceof VonageUnexpectedException
                || failure instanceof IOException || failure instanceof UncheckedIOException) {
            return new UpstreamUnavailableException("Vonage could not be reached (" + call.operation() + "): "
                    + rootMessage(failure), RETRY_AFTER, failure);
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(failure);
    }

    static UpstreamUnavailableException timeout(VonageCall call, Duration timeout) {
        return new UpstreamUnavailableException("Vonage did not answer within " + timeout.toMillis() + " ms ("
                + call.operation() + ")", RETRY_AFTER, null);
    }

    private static RuntimeException fromStatus(int status, String reason, VonageCall call, Throwable e) {
        if (status == 404) {
            return new ResourceNotFoundException(call.resource(), call.id());
        }
        if (status == 409) {
            return new ConflictException("Vonage refused to " + call.operation() + ": " + reason);
        }
        if (status == 429 || status >= 500) {
            return new UpstreamUnavailableException("Vonage failed to " + call.operation() + " (HTTP " + status
                    + "): " + reason, RETRY_AFTER, e);
        }
        // 400, 401, 403 and the rest: Parley sent something Vonage will never accept; retrying cannot help
        return new UpstreamRejectedException("Vonage rejected Parley's request/credentials (HTTP " + status
                + ", " + call.operation() + "): " + reason, e);
    }

    private static RuntimeException fromLocalValidation(Throwable e, VonageCall call) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("UUID")) {
            // the SDK parses archive, connection and stream ids as UUIDs: any other id cannot exist
            return new ResourceNotFoundException(call.resource(), call.id());
        }
        return new InvalidRequestException(fieldOf(message, call.field()), message);
    }

    /** The SDK's builder messages name the setting in words; map the ones Parley's API exposes. */
    private static String fieldOf(String message, String fallback) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("connection data")) {
            return "data";
        }
        if (lower.contains("time-to-live")) {
            return "ttlSeconds";
        }
        if (lower.contains("automatic archiving")) {
            return "archiveMode";
        }
        if (lower.contains("layout")) {
            return "outputMode";
        }
        return fallback;
    }

    /** Vonage's own sentence: {@code message} of the video API's body, else what the SDK parsed ({@code e} may be null). */
    static String reason(VonageApiResponseException e, String errorBody) {
        if (errorBody != null && !errorBody.isBlank()) {
            try {
                JsonNode body = JSON.readTree(errorBody);
                for (String field : new String[]{"message", "detail", "description", "title"}) {
                    JsonNode value = body.get(field);
                    if (value != null && value.isTextual() && !value.asText().isBlank()) {
                        return value.asText();
                    }
                }
            } catch (IOException | RuntimeException notJson) {
                // not JSON (a proxy's HTML page, say): fall back to what the SDK made of it
            }
        }
        if (e != null && e.getDetail() != null) {
            return e.getDetail();
        }
        return e != null && e.getTitle() != null ? e.getTitle() : "no reason given";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

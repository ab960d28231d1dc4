package io.parley.video;

/**
 * A failure the caller can act on. Each subclass is one kind of failure; the API maps each kind to one HTTP status
 * and one stable problem type. The message is safe to show to the caller: it never holds a secret.
 */
public abstract sealed class VideoPlatformException extends RuntimeException
        permits ResourceNotFoundException, ConflictException, AccessDeniedException, InvalidRequestException,
        InvalidTokenException, UpstreamRejectedException, UpstreamUnavailableException,
        UnsupportedCapabilityException {

    protected VideoPlatformException(String message) {
        super(message);
    }

    protected VideoPlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.parley.video;

/** A token that is malformed, tampered with, expired, or not for this application. */
public final class InvalidTokenException extends VideoPlatformException {
    public InvalidTokenException(String reason) {
        super(reason);
    }

    public InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
